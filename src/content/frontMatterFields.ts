import type { ReadOptions } from './readOptions.js';

/** The keys of Hugo's publish and expiry dates (Hugo reads front-matter keys without regard to case). */
const PUBLISH_DATE_KEYS = ['publishDate', 'pubDate', 'publish_date'];
const EXPIRY_DATE_KEYS = ['expiryDate', 'unpublishDate', 'expiry_date'];

/** Front matter under broadsheet's field names, and for each field the key the file wrote it under. */
export interface CanonicalFields {
  fields: Record<string, unknown>;
  keyOf: Record<string, string>;
}

/**
 * A site's front matter -> broadsheet's fields: each field from the first of its keys (`content.fields`)
 * that the file has, with keys matched regardless of case (Hugo's `Title`, `lastMod`); tags from every key
 * of `content.taxonomies`, also under a Zola `[taxonomies]` table; Jekyll's `published: false` as a draft.
 * A key with no value (`description:` and nothing after it) or a blank one (Hugo's archetypes write `slug = ""`,
 * `url = ""`, `description = ""`, which Hugo reads as unset) counts as absent.
 */
export function canonicalFields(data: Record<string, unknown>, options: ReadOptions): CanonicalFields {
  const byLowerKey = new Map<string, string>();
  for (const key of Object.keys(data)) if (!byLowerKey.has(key.toLowerCase())) byLowerKey.set(key.toLowerCase(), key);
  const fields: Record<string, unknown> = {};
  const keyOf: Record<string, string> = {};
  const take = (field: string, keys: readonly string[]) => {
    for (const wanted of keys) {
      const key = byLowerKey.get(wanted.toLowerCase());
      if (key === undefined || isBlank(data[key])) continue;
      fields[field] = data[key];
      keyOf[field] = key;
      return;
    }
  };
  const { fields: keys } = options;
  take('title', keys.title);
  take('summary', keys.summary);
  take('date', keys.date);
  take('publishDate', PUBLISH_DATE_KEYS);
  take('updated', keys.updated);
  take('expiryDate', EXPIRY_DATE_KEYS);
  take('authors', keys.author);
  take('image', keys.image);
  for (const field of ['draft', 'slug', 'id']) take(field, [field]);
  // Hugo writes `url` and `aliases`, Jekyll and Eleventy `permalink`, jekyll-redirect-from `redirect_from`.
  take('permalink', ['url', 'permalink']);
  take('aliases', ['aliases', 'redirect_from']);
  const published = data[byLowerKey.get('published') ?? ''];
  if (typeof published === 'boolean') {
    fields.published = published;
    keyOf.published = byLowerKey.get('published') as string;
  } else if (fields.date === undefined && published !== undefined && published !== null) take('date', ['published']);
  takeTags(data, byLowerKey, options.taxonomies, fields, keyOf);
  return { fields, keyOf };
}

/** Every taxonomy's terms, in the order of `taxonomies`; a value of the wrong shape is left for the schema to report. */
function takeTags(data: Record<string, unknown>, byLowerKey: Map<string, string>, taxonomies: readonly string[], fields: Record<string, unknown>, keyOf: Record<string, string>): void {
  const table = data[byLowerKey.get('taxonomies') ?? ''];
  const zola = table !== null && typeof table === 'object' && !Array.isArray(table) ? (table as Record<string, unknown>) : {};
  const terms: unknown[] = [];
  for (const taxonomy of taxonomies) {
    const key = byLowerKey.get(taxonomy.toLowerCase());
    const value = key === undefined ? zola[taxonomy] : data[key];
    if (value === null || value === undefined) continue;
    if (typeof value === 'string') terms.push(...value.split(','));
    else if (Array.isArray(value) && value.every((term) => typeof term === 'string' || typeof term === 'number')) terms.push(...value);
    else {
      fields.tags = value;
      keyOf.tags = key ?? `taxonomies.${taxonomy}`;
      return;
    }
    keyOf.tags ??= key ?? 'taxonomies';
  }
  if (terms.length > 0) fields.tags = terms;
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}
