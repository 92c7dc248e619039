import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { BroadsheetError, isBroadsheetError } from '../errors.js';
import { parseEmailAddress } from './address.js';
import { checkChoices, topicList } from './choices.js';
import type { OfferedChoices } from './subscriberTopics.js';
import type { ImportedSubscriber, Subscriber, SubscriberStatus } from './subscriberStore.js';
import { SUBSCRIBER_STATUSES } from './subscriberStore.js';

export interface CsvImport {
  rows: (ImportedSubscriber & { line: number })[];
  /** One per bad row, naming its line. */
  errors: BroadsheetError[];
}

/**
 * The header names broadsheet reads, after `normalHeader`: its own export's, and those of the tools people
 * come from (Mailchimp writes `Email Address`, `First Name`, `Last Name`). Every other column is an attribute.
 */
const ADDRESS_HEADERS = ['email', 'email_address'];
const DATE_FIELDS = { created_at: 'createdAt', confirmed_at: 'confirmedAt', unsubscribed_at: 'unsubscribedAt', bounced_at: 'bouncedAt' } as const;
const NAME_FIELDS = { name: 'name', first_name: 'firstName', last_name: 'lastName' } as const;
/** broadsheet's own choices: `topics` holds tags separated by commas (as `--topics` does), `frequency` a name. */
const CHOICE_FIELDS = ['topics', 'frequency'] as const;
const KNOWN_HEADERS = new Set([...ADDRESS_HEADERS, 'status', 'source', ...Object.keys(DATE_FIELDS), ...Object.keys(NAME_FIELDS), ...CHOICE_FIELDS]);

/** `First Name`, `first_name` and `FIRST-NAME` are one column. */
const normalHeader = (cell: string) => cell.trim().toLowerCase().replace(/[\s_-]+/g, '_');

type Field = keyof typeof DATE_FIELDS | keyof typeof NAME_FIELDS | (typeof CHOICE_FIELDS)[number] | 'email' | 'status' | 'source';

interface Columns {
  /** Index of each field the file has. */
  fields: Partial<Record<Field, number>>;
  /** The other columns, by index, under the header the file gave them. */
  attributes: [number, string][];
}

/**
 * A CSV with a header row (an `email`, `Email Address` or `Email` column), or one column of addresses
 * with no header. A header row is recognised as one, never reported as a bad address: no cell of it
 * holds an `@`, and it has more than one column or names the address column. Rows with a bad address,
 * status, date, topic or frequency (one `offered` lacks) are reported by line and the good ones still come through.
 */
export function parseSubscribersCsv(text: string, file: string, defaultSource: string, offered: OfferedChoices): CsvImport {
  const records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
  const first = records[0]?.record ?? [];
  const hasHeader = first.length > 0 && !first.some((cell) => cell.includes('@')) && (first.length > 1 || ADDRESS_HEADERS.includes(normalHeader(first[0] ?? '')));
  const columns = hasHeader ? headerColumns(first, file) : { fields: { email: 0 }, attributes: [] };
  const result: CsvImport = { rows: [], errors: [] };
  for (const { record, info } of hasHeader ? records.slice(1) : records) {
    try {
      result.rows.push({ ...readRow(record, columns, defaultSource, offered), line: info.lines });
    } catch (error) {
      if (!isBroadsheetError(error)) throw error;
      result.errors.push(new BroadsheetError(error.code, error.message, { file, line: info.lines, field: error.field ?? 'email', ...(error.hint === undefined ? {} : { hint: error.hint }) }));
    }
  }
  return result;
}

function headerColumns(header: readonly string[], file: string): Columns {
  const columns: Columns = { fields: {}, attributes: [] };
  header.forEach((cell, index) => {
    const name = normalHeader(cell);
    const field = (ADDRESS_HEADERS.includes(name) ? 'email' : name) as Field;
    if (KNOWN_HEADERS.has(name) && columns.fields[field] === undefined) columns.fields[field] = index;
    else if (cell !== '') columns.attributes.push([index, cell]);
  });
  if (columns.fields.email === undefined) {
    throw new BroadsheetError('INPUT_INVALID', `the header row has no address column (it has ${header.map((cell) => `"${cell}"`).join(', ')}).`, {
      file,
      line: 1,
      hint: 'Name the column of e-mail addresses "email" (or "Email Address", as Mailchimp does).',
    });
  }
  return columns;
}

function readRow(record: readonly string[], columns: Columns, defaultSource: string, offered: OfferedChoices): ImportedSubscriber {
  const cell = (field: Field) => {
    const index = columns.fields[field];
    return index === undefined ? '' : (record[index] ?? '');
  };
  const names = Object.fromEntries(Object.entries(NAME_FIELDS).map(([header, key]) => [key, cleanName(cell(header as Field))])) as Pick<ImportedSubscriber, 'name' | 'firstName' | 'lastName'>;
  const dates = Object.fromEntries(Object.entries(DATE_FIELDS).map(([header, key]) => [key, parseDate(cell(header as Field), header)])) as Pick<ImportedSubscriber, 'createdAt' | 'confirmedAt' | 'unsubscribedAt' | 'bouncedAt'>;
  return {
    address: parseEmailAddress(cell('email'), 'email'),
    status: parseStatus(cell('status')),
    source: cell('source') || defaultSource,
    ...dates,
    ...names,
    choices: checkChoices(offered, {
      ...(cell('topics') === '' ? {} : { topics: topicList(cell('topics')) }),
      ...(cell('frequency') === '' ? {} : { frequency: cell('frequency') }),
    }),
    attributes: Object.fromEntries(columns.attributes.map(([index, header]) => [header, record[index] ?? '']).filter(([, value]) => value !== '')),
  };
}

/** A file without a status column comes from a tool that exports the people it mails: they are confirmed. */
function parseStatus(value: string): SubscriberStatus {
  if (value === '') return 'confirmed';
  const status = value.toLowerCase() as SubscriberStatus;
  if (SUBSCRIBER_STATUSES.includes(status)) return status;
  throw new BroadsheetError('INPUT_INVALID', `"${value.slice(0, 40)}" is not a status.`, { field: 'status', hint: `Use one of ${SUBSCRIBER_STATUSES.join(', ')}, or leave it empty for confirmed.` });
}

function parseDate(value: string, field: string): Date | undefined {
  if (value === '') return undefined;
  const time = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isNaN(time)) return new Date(time);
  throw new BroadsheetError('INPUT_INVALID', `"${value.slice(0, 40)}" is not a date.`, { field, hint: 'Write it as an ISO date, e.g. 2026-03-14T09:30:00Z, or leave it empty.' });
}

/** Names go into mails: one line, no control characters, a sane length. */
function cleanName(value: string): string | undefined {
  const name = value.replace(/[\p{Cc}\s]+/gu, ' ').trim().slice(0, 200);
  return name === '' ? undefined : name;
}

/** Every status date, the names, the choices, and every attribute column any subscriber has, in the order first seen. */
export function subscribersToCsv(subscribers: readonly Subscriber[]): string {
  const attributeColumns = [...new Set(subscribers.flatMap((s) => Object.keys(s.attributes)))];
  const iso = (date: Date | undefined) => date?.toISOString() ?? '';
  return stringify(
    subscribers.map((s) => [
      s.email,
      s.status,
      s.source,
      iso(s.createdAt),
      iso(s.confirmedAt),
      iso(s.unsubscribedAt),
      iso(s.bouncedAt),
      s.name ?? '',
      s.firstName ?? '',
      s.lastName ?? '',
      s.topics.map((topic) => topic.tag).join(','),
      s.frequency ?? '',
      ...attributeColumns.map((column) => s.attributes[column] ?? ''),
    ]),
    { header: true, columns: ['email', 'status', 'source', 'created_at', 'confirmed_at', 'unsubscribed_at', 'bounced_at', 'name', 'first_name', 'last_name', ...CHOICE_FIELDS, ...attributeColumns] },
  );
}
