import type { Author, ContentWarning } from '../article/article.js';

/** The body's rule (renderBody.ts): any other scheme (`javascript:`, `vbscript:`, `data:`) never reaches an output. */
const ALLOWED_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/** Relative URLs resolve against the article's URL, which is http(s); only the scheme matters here. */
const ANY_ARTICLE = 'https://article.invalid/';

/** Where a field was written, for the warning: the key the file used and its line. */
export type FieldPlace = (field: string, value?: string) => { key: string; line: number };

interface UrlFields {
  image?: { url: string; alt?: string };
  authors: Author[];
}

/**
 * Front-matter URLs (`image`, each author's `url`) through the allow-list the body has: a URL a browser
 * would read with another scheme is dropped (the article still publishes) with a warning naming the field.
 * Parsed as a browser parses it, so `java\tscript:` and ` JavaScript:` are caught too.
 */
export function allowedFrontMatterUrls(fields: UrlFields, place: FieldPlace): UrlFields & { warnings: ContentWarning[] } {
  const warnings: ContentWarning[] = [];
  const allowed = (url: string, field: string, path: string): boolean => {
    const parsed = URL.parse(url.trim(), ANY_ARTICLE);
    if (parsed !== null && ALLOWED_SCHEMES.has(parsed.protocol)) return true;
    const { key, line } = place(field, url);
    const why = parsed === null ? 'is not a URL' : `has the scheme "${parsed.protocol}"`;
    warnings.push({ line, message: `${path.replace(field, key)}: ${JSON.stringify(url.slice(0, 80))} ${why}; only http, https and mailto URLs are published, so the field was dropped.` });
    return false;
  };
  const result: UrlFields & { warnings: ContentWarning[] } = { authors: fields.authors, warnings };
  if (fields.image !== undefined && allowed(fields.image.url, 'image', 'image')) result.image = fields.image;
  if (fields.authors.some((author) => author.url !== undefined)) {
    result.authors = fields.authors.map((author, i) => {
      if (author.url === undefined || allowed(author.url, 'authors', fields.authors.length === 1 ? 'authors.url' : `authors.${i}.url`)) return author;
      return { name: author.name, ...(author.email === undefined ? {} : { email: author.email }) };
    });
  }
  return result;
}
