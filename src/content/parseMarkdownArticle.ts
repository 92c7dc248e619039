import { safeParse } from 'valibot';
import type { ContentWarning } from '../article/article.js';
import { issuePath } from '../config/schemaParts.js';
import { BroadsheetError } from '../errors.js';
import { frontMatterSchema } from './frontMatter.js';
import { sitePathOf } from './frontMatterPaths.js';
import { allowedFrontMatterUrls } from './frontMatterUrls.js';
import type { FrontMatterBlock } from './frontMatterBlock.js';
import { readFrontMatter } from './frontMatterBlock.js';
import { canonicalFields } from './frontMatterFields.js';
import { takeHeadingTitle } from './headingTitle.js';
import { parseWrittenDate } from './parseDate.js';
import type { ReadOptions } from './readOptions.js';
import type { PageSkip, RawEntry } from './rawEntry.js';
import { linkedFilesOf } from './linkedFiles.js';
import { limitTags } from './tagLimits.js';
import { convertTemplateSyntax } from './templateSyntax.js';

export interface SourceText {
  sourcePath: string;
  file: string;
  text: string;
}

/**
 * A Markdown file with optional front matter (YAML, TOML or JSON), read as the site generator it was written
 * for read it. Without a title, a first-level heading that opens the body is the title (and leaves the body);
 * without a date, a Jekyll-style `YYYY-MM-DD-` file-name prefix is the date. A listing page (Hugo's and Zola's
 * `_index.md`, an Eleventy page with `pagination`) and a page with no date anywhere are pages, not articles.
 */
export function parseMarkdownArticle(source: SourceText, options: ReadOptions): RawEntry | PageSkip {
  const { file, sourcePath } = source;
  const block = readFrontMatter(source.text, file);
  const name = sourcePath.slice(sourcePath.lastIndexOf('/') + 1);
  if (/^_index\.(md|markdown)$/i.test(name) || block.data.pagination !== undefined) return { sourcePath, skip: 'listing' };
  const { fields, keyOf } = canonicalFields(block.data, options);
  const lineOf = (field: string) => keyLine(block.head, keyOf[field] ?? field);
  for (const field of ['date', 'publishDate', 'updated', 'expiryDate']) checkCalendarDay(fields[field], field, keyOf[field] ?? field, lineOf(field), file);
  const parsed = safeParse(frontMatterSchema(options.timeZone), fields);
  if (!parsed.success) {
    const [issue] = parsed.issues;
    const field = String(issue.path?.[0]?.key ?? '');
    throw new BroadsheetError('CONTENT_INVALID', `${issue.message}.`, {
      file,
      line: lineOf(field),
      // The whole path, e.g. `authors.1.email`, under the key the file used, points at the one value to fix.
      field: issuePath(issue).replace(field, keyOf[field] ?? field),
      hint: 'Fix this front-matter field (see "Article files" in README.md).',
    });
  }
  const data = parsed.output;
  const dated = data.date ?? data.publishDate ?? dateFromFileName(bundleName(sourcePath), options.timeZone);
  if (dated === undefined) return { sourcePath, skip: 'undated' };
  const converted = convertTemplateSyntax(block.content, block.contentLine, { ...block.data, ...(data.title === undefined ? {} : { title: data.title }) });
  let body = converted.markdown;
  let title = data.title?.trim();
  if (title === undefined || title === '') {
    const heading = takeHeadingTitle(body);
    if (heading === undefined) {
      throw new BroadsheetError('CONTENT_INVALID', 'has no title.', {
        file,
        field: 'title',
        hint: 'Add `title: ...` to the front matter or start the text with a "# Title" line.',
      });
    }
    title = heading.title;
    body = heading.body;
  }
  const separator = separatorIndex(body, options.excerptSeparator);
  const publishDate = data.publishDate?.date;
  const place = (field: string, value?: string) => {
    const line = lineOf(field) ?? block.head.firstLine;
    return { key: keyOf[field] ?? field, line: (value === undefined ? undefined : valueLine(block.head, line, value)) ?? line };
  };
  const urls = allowedFrontMatterUrls({ authors: data.authors ?? [], ...(data.image === undefined ? {} : { image: data.image }) }, place);
  const tags = limitTags(data.tags ?? [], place('tags').line);
  const pathWarnings: ContentWarning[] = [];
  const permalink = data.permalink === undefined ? undefined : sitePathOf(data.permalink, 'permalink', place, pathWarnings, { placeholders: true });
  const aliases = (data.aliases ?? []).flatMap((alias) => sitePathOf(alias, 'aliases', place, pathWarnings, { placeholders: false }) ?? []);
  const image = urls.image === undefined ? [] : [{ ref: urls.image.url, line: place('image', urls.image.url).line }];
  const files = linkedFilesOf(sourcePath, image, converted.markdown, block.contentLine);
  return {
    sourcePath,
    file,
    title,
    published: dated.date,
    timeZone: dated.timeZone,
    ...(data.updated === undefined ? {} : { updated: data.updated.date }),
    ...(publishDate !== undefined && publishDate > dated.date ? { availableFrom: publishDate } : {}),
    ...(data.expiryDate === undefined ? {} : { expires: data.expiryDate.date }),
    authors: urls.authors,
    tags: tags.tags,
    ...optional('summary', data.summary),
    ...(separator === -1 ? {} : { excerpt: body.slice(0, separator) }),
    ...(urls.image === undefined ? {} : { image: urls.image }),
    draft: data.draft ?? data.published === false,
    ...optional('slug', data.slug),
    ...optional('id', data.id),
    ...(permalink === undefined ? {} : { permalink }),
    ...(aliases.length === 0 ? {} : { aliases }),
    ...(files.length === 0 ? {} : { files }),
    warnings: [...converted.warnings, ...urls.warnings, ...tags.warnings, ...pathWarnings],
    body: { format: 'markdown', markdown: body },
  };
}

/**
 * Where the excerpt separator is in the body, outside code; an HTML comment matches with any spaces inside it
 * (Hugo writes `<!--more-->`, Zola `<!-- more -->`).
 */
function separatorIndex(body: string, separator: string): number {
  if (!body.includes(separator.slice(0, 4))) return -1;
  const comment = /^<!--\s*(.*?)\s*-->$/.exec(separator);
  const word = (comment?.[1] ?? separator).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const found = new RegExp(comment === null ? word : `<!--\\s*${word}\\s*-->`).exec(body);
  if (found === null) return -1;
  // An odd number of fence lines before it: the separator is inside a code block, shown as code.
  const fences = body.slice(0, found.index).match(/^ {0,3}(?:`{3,}|~{3,})/gm)?.length ?? 0;
  return fences % 2 === 0 ? found.index : -1;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined || value.trim() === '' ? {} : { [key]: value.trim() }) as { [P in K]?: string };
}

/** The name that dates a file: its own, or for a page bundle's `index.md` (Hugo, Zola) its folder's. */
function bundleName(sourcePath: string): string {
  const parts = sourcePath.split('/');
  const name = parts.at(-1) as string;
  return /^index\.(md|markdown)$/i.test(name) && parts.length > 1 ? (parts.at(-2) as string) : name;
}

function dateFromFileName(name: string, timeZone: string) {
  const match = /^(\d{4}-\d{2}-\d{2})-/.exec(name);
  return match ? parseWrittenDate(match[1] as string, timeZone) : undefined;
}

/** The 1-based line of `key:` (YAML), `key =` (TOML) or `"key":` (JSON) in the front matter. */
function keyLine(head: FrontMatterBlock['head'], key: string): number | undefined {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^\\s*["']?${escaped}["']?\\s*[:=]`, 'i');
  const lines = head.text.split('\n');
  for (let i = 1; i < lines.length; i++) if (pattern.test(lines[i] as string)) return head.firstLine + i;
  return undefined;
}

/** The first line from `fromLine` on that holds `value` as written (a list item under its key), if any. */
function valueLine(head: FrontMatterBlock['head'], fromLine: number, value: string): number | undefined {
  const lines = head.text.split('\n');
  for (let i = Math.max(fromLine - head.firstLine, 0); i < lines.length; i++) if ((lines[i] as string).includes(value)) return head.firstLine + i;
  return undefined;
}

/**
 * A day as written (`2021-02-30...`) that the calendar does not have: reported as such, where a parser that
 * rolls it over (js-yaml read it as March 2) would silently move the article.
 */
function checkCalendarDay(value: unknown, field: string, key: string, line: number | undefined, file: string): void {
  const day = typeof value === 'string' ? /^\s*(\d{4}-\d{2}-\d{2})/.exec(value)?.[1] : undefined;
  if (day === undefined || parseWrittenDate(day, 'UTC') !== undefined) return;
  throw new BroadsheetError('CONTENT_INVALID', `"${day}" is not a day in the calendar.`, {
    file,
    ...(line === undefined ? {} : { line }),
    field: field === key ? field : key,
    hint: 'Write it as YYYY-MM-DD with a month from 01 to 12 and a day that month has.',
  });
}
