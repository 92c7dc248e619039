import type { IndexEntry } from '../article/article.js';

/** How one field of an index entry is kept in JSON, and read back. */
interface FieldCodec<T> {
  store(value: T): unknown;
  revive(stored: never): T;
}

/** As it is: strings, numbers, booleans, and plain objects and arrays of them. */
const asIs = <T>(): FieldCodec<T> => ({ store: (value) => value, revive: (stored) => stored });

/** Dates as milliseconds, which revive faster than ISO strings. */
const date: FieldCodec<Date> = { store: (value) => value.getTime(), revive: (stored: number) => new Date(stored) };

/** The path is the key of a stored entry, not one of its fields. */
type StoredField = Exclude<keyof IndexEntry, 'sourcePath'>;

/**
 * Every field of an index entry and how it is kept: the one list both directions are made from. The type
 * requires a codec for each field of IndexEntry, so a field added there and not here is a compile error, not
 * a field that silently goes missing from cached builds.
 */
const FIELDS: { [K in StoredField]-?: FieldCodec<NonNullable<IndexEntry[K]>> } = {
  sourceHash: asIs(),
  id: asIs(),
  title: asIs(),
  published: date,
  timeZone: asIs(),
  updated: date,
  authors: asIs(),
  tags: asIs(),
  draft: asIs(),
  slug: asIs(),
  image: asIs(),
  availableFrom: date,
  expires: date,
  warnings: asIs(),
  permalink: asIs(),
  aliases: asIs(),
  files: asIs(),
};

const NAMES = Object.keys(FIELDS) as StoredField[];

/**
 * An index entry as stored: its values in the order of FIELDS (a tuple rather than an object: no key names
 * repeated 10,000 times, a fifth less JSON to parse), an absent optional field as null.
 */
export type StoredEntry = unknown[];

export function storeEntry(entry: IndexEntry): StoredEntry {
  return NAMES.map((name) => {
    const value = entry[name];
    return value === undefined ? null : (FIELDS[name].store as (value: unknown) => unknown)(value);
  });
}

export function reviveEntry(sourcePath: string, stored: StoredEntry): IndexEntry {
  const entry: Record<string, unknown> = { sourcePath };
  for (let i = 0; i < NAMES.length; i++) {
    const value = stored[i];
    const name = NAMES[i] as StoredField;
    if (value !== null && value !== undefined) entry[name] = (FIELDS[name].revive as (stored: unknown) => unknown)(value);
  }
  return entry as unknown as IndexEntry;
}
