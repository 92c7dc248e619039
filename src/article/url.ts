import { calendarDay, formattingZone } from './timeZone.js';

/** What `site.articlePath` (and a front-matter `url` or `permalink`) may hold, each filled in per article. */
export const PATH_PLACEHOLDERS = ['year', 'month', 'day', 'slug', 'filename'] as const;
export type PathPlaceholder = (typeof PATH_PLACEHOLDERS)[number];

/** Where an article is placed on the site: its slug and its URL, each unique among the published articles. */
export interface ArticlePlace {
  slug: string;
  url: string;
}

/** What an article gives the placeholders: `filename` is the file's name (fileNameOf); the day is read in `timeZone`. */
export interface PathValues {
  slug: string;
  filename: string;
  published: Date;
  timeZone: string;
}

/**
 * An article path parsed once per site: the literals of its URL, as the URL parser serialises the whole, with
 * the placeholders between them. Placeholder values are percent-encoded as URI components and form no `.`
 * segments, so filling the parsed template gives what parsing each article's whole URL would, without a URL
 * parse per article (a build places 10,000 of them).
 */
interface PathTemplate {
  href: string[];
  /** The placeholders, in the order they stand between the literals. */
  names: PathPlaceholder[];
}

const PLACEHOLDER = new RegExp(`\\{(${PATH_PLACEHOLDERS.join('|')})\\}`, 'g');
const MARK = 'broadsheetpathmark';

const templates = new Map<string, PathTemplate>();

function templateOf(siteUrl: string, articlePath: string): PathTemplate {
  const key = `${siteUrl} ${articlePath}`;
  let template = templates.get(key);
  if (template === undefined) {
    const names: PathPlaceholder[] = [];
    let n = 0;
    const marked = articlePath.replace(PLACEHOLDER, (_, name: PathPlaceholder) => (names.push(name), `${MARK}${n++}x`));
    const href = new URL(marked, siteUrl).href.split(new RegExp(`${MARK}\\d+x`));
    template = { href, names };
    // A site has one article path; the bound only keeps a process that builds many sites from growing.
    if (templates.size > 100) templates.clear();
    templates.set(key, template);
  }
  return template;
}

/** The placeholders an article path holds. */
export function placeholdersOf(articlePath: string): Set<PathPlaceholder> {
  return new Set([...articlePath.matchAll(PLACEHOLDER)].map((match) => match[1] as PathPlaceholder));
}

/** The article's URL: the site URL joined with the article path, its placeholders filled in. */
export function articleUrl(siteUrl: string, articlePath: string, values: PathValues): string {
  const template = templateOf(siteUrl, articlePath);
  if (template.names.length === 1 && template.names[0] === 'slug') {
    // The default path's shape: no day to work out, one join.
    const [before, after] = template.href as [string, string];
    return `${before}${encodeURIComponent(values.slug)}${after}`;
  }
  const day = template.names.some((name) => name === 'year' || name === 'month' || name === 'day') ? dayParts(values.published, values.timeZone) : undefined;
  const valueOf = (name: PathPlaceholder): string => (name === 'slug' ? values.slug : name === 'filename' ? values.filename : (day as Record<string, string>)[name] as string);
  let url = template.href[0] as string;
  for (let i = 0; i < template.names.length; i++) url += encodeURIComponent(valueOf(template.names[i] as PathPlaceholder)) + (template.href[i + 1] as string);
  return url;
}

/** `year`, `month` and `day` (two digits each but the year) of the day the article's date shows in its zone. */
function dayParts(published: Date, timeZone: string): { year: string; month: string; day: string } {
  const zoned = formattingZone(timeZone, published);
  const day =
    zoned.timeZone === 'UTC'
      ? { year: zoned.date.getUTCFullYear(), month: zoned.date.getUTCMonth() + 1, day: zoned.date.getUTCDate() }
      : calendarDay(zoned.date, zoned.timeZone);
  return { year: String(day.year).padStart(4, '0'), month: String(day.month).padStart(2, '0'), day: String(day.day).padStart(2, '0') };
}

/**
 * `{filename}`: the file's name without its extension and a `YYYY-MM-DD-` date prefix, as Jekyll's `:title`
 * and Hugo's `:filename` (for a page bundle's `index.md`, its folder's name); spaces become hyphens, case is kept.
 */
export function fileNameOf(sourcePath: string): string {
  const parts = sourcePath.split('/');
  let name = (parts.at(-1) as string).replace(/\.[^.]*$/, '');
  if (/^index$/i.test(name) && parts.length > 1) name = parts.at(-2) as string;
  return name.replace(/^\d{4}-\d{2}-\d{2}-/, '').replace(/\s+/g, '-') || 'article';
}

/**
 * Where the page of an article at `url` is written, relative to the out folder (which is served at the site
 * URL): its path, decoded, with `index.html` for a path ending in `/`. Undefined for a URL outside the site.
 */
export function pagePathOf(siteUrl: string, url: string): string | undefined {
  if (!url.startsWith(siteUrl)) return undefined;
  const path = url.slice(siteUrl.length).replace(/[?#].*$/s, '');
  const decoded = path.split('/').map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
  if (decoded.some((segment) => segment === '..' || segment === '.' || /[/\\]/.test(segment))) return undefined;
  const joined = decoded.join('/');
  return joined === '' || joined.endsWith('/') ? `${joined}index.html` : joined;
}
