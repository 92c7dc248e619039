import { load } from 'js-yaml';
import { safeParse } from 'valibot';
import { issuePath } from '../config/schemaParts.js';
import { BroadsheetError } from '../errors.js';
import { frontMatterSchema } from './frontMatter.js';
import { takeHeadingTitle } from './headingTitle.js';
import { parseHumanDate } from './parseDate.js';
import { readSimpleFrontMatter } from './simpleFrontMatter.js';
import type { RawEntry } from './rawEntry.js';

export interface SourceText {
  sourcePath: string;
  file: string;
  text: string;
}

/**
 * A Markdown file with optional YAML front matter. Without a `title`, the first `# heading` is the title
 * (and leaves the body); without a `date`, a Jekyll-style `YYYY-MM-DD-` file-name prefix is the date.
 */
export function parseMarkdownArticle(source: SourceText): RawEntry {
  const { file } = source;
  const parsed = parseFrontMatter(source.text, file);
  const fields = safeParse(frontMatterSchema, parsed.data);
  if (!fields.success) {
    const [issue] = fields.issues;
    throw new BroadsheetError('CONTENT_INVALID', `${issue.message}.`, {
      file,
      line: frontMatterLine(headLines(source.text), String(issue.path?.[0]?.key ?? '')),
      // The whole path, e.g. `authors.1.email`, points at the one value to fix.
      field: issuePath(issue),
      hint: 'Fix this front-matter field (see "Article files" in README.md).',
    });
  }
  if (source.text.startsWith('---')) {
    const head = headText(source.text);
    for (const field of ['date', 'updated'] as const) checkCalendarDay(head, field, file);
  }
  const data = fields.output;
  let body = parsed.content;
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
  const published = data.date ?? dateFromFileName(source.sourcePath);
  if (published === undefined) {
    throw new BroadsheetError('CONTENT_INVALID', 'has no date.', {
      file,
      field: 'date',
      hint: 'Add `date: YYYY-MM-DD` to the front matter or name the file YYYY-MM-DD-title.md.',
    });
  }
  const authors = data.authors ?? data.author ?? [];
  return {
    sourcePath: source.sourcePath,
    file,
    title,
    published,
    ...(data.updated === undefined ? {} : { updated: data.updated }),
    authors,
    tags: data.tags ?? [],
    ...optional('summary', data.summary ?? data.description),
    ...(data.image === undefined ? {} : { image: data.image }),
    draft: data.draft ?? false,
    ...optional('slug', data.slug),
    ...optional('id', data.id),
    body: { format: 'markdown', markdown: body },
  };
}

/**
 * Splits a leading `---` block off and reads it as YAML with js-yaml. (gray-matter, the usual wrapper, would
 * also run `---js` front matter through eval and hash every whole article for a cache.) js-yaml is handed the
 * block from the end of the opening `---`, so its 0-based line numbers are 1-based lines of the file.
 */
function parseFrontMatter(text: string, file: string): { data: unknown; content: string } {
  if (!text.startsWith('---') || text[3] === '-') return { data: {}, content: text };
  const firstLineEnd = text.indexOf('\n');
  const language = text.slice(3, firstLineEnd === -1 ? undefined : firstLineEnd).trim();
  if (language !== '' && language !== 'yaml') {
    throw new BroadsheetError('CONTENT_FRONT_MATTER', `front matter in "${language}" is not supported.`, { file, line: 1, hint: 'Write the front matter in YAML, between two --- lines.' });
  }
  const close = text.indexOf('\n---', 3);
  const block = text.slice(3 + language.length, close === -1 ? undefined : close);
  const content = close === -1 ? '' : text.slice(close + 4).replace(/^[^\n]*\n?/, '');
  try {
    return { data: block.trim() === '' ? {} : (readSimpleFrontMatter(block) ?? load(block) ?? {}), content };
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? (error as Error).message.split('\n')[0];
    throw new BroadsheetError('CONTENT_FRONT_MATTER', `front matter is not valid YAML: ${reason}.`, {
      file,
      line: mark?.line === undefined ? 1 : mark.line + 1,
      hint: 'Check the quoting, brackets and indentation on that line and the line before; quote values that contain ": " or start with a special character.',
      cause: error,
    });
  }
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined || value.trim() === '' ? {} : { [key]: value.trim() }) as { [P in K]?: string };
}

function dateFromFileName(sourcePath: string): Date | undefined {
  const name = sourcePath.slice(sourcePath.lastIndexOf('/') + 1);
  const match = /^(\d{4}-\d{2}-\d{2})-/.exec(name);
  return match ? parseHumanDate(match[1] as string) : undefined;
}

/** The 1-based line of `field:` in the front matter, so an author can jump straight to it. */
function frontMatterLine(head: readonly string[], field: string): number | undefined {
  const key = new RegExp(`^${field}\\s*:`);
  for (let i = 1; i < head.length && head[i]?.trim() !== '---'; i++) {
    if (key.test(head[i] as string)) return i + 1;
  }
  return undefined;
}

/** The day as written on a front-matter line `date: 2021-02-30...` (quoted or not), per field. */
const WRITTEN_DAY = {
  date: /^date\s*:\s*["']?(\d{4}-\d{2}-\d{2})/m,
  updated: /^updated\s*:\s*["']?(\d{4}-\d{2}-\d{2})/m,
};

/**
 * js-yaml reads `2021-02-30` as a timestamp and rolls it over to March 2, so a typo would silently move the
 * article; the day as written is checked against the calendar instead.
 */
function checkCalendarDay(head: string, field: 'date' | 'updated', file: string): void {
  const written = WRITTEN_DAY[field].exec(head);
  const day = written?.[1];
  if (written === null || day === undefined || parseHumanDate(day) !== undefined) return;
  throw new BroadsheetError('CONTENT_INVALID', `"${day}" is not a day in the calendar.`, {
    file,
    line: head.slice(0, written.index).split('\n').length,
    field,
    hint: 'Write it as YYYY-MM-DD with a month from 01 to 12 and a day that month has.',
  });
}

/** The text up to the closing `---`: the whole article would cost as much as the article is long. */
function headText(text: string): string {
  const close = text.indexOf('\n---', 3);
  return close === -1 ? text : text.slice(0, close + 1);
}

/** The lines of the front matter, for naming the line of a field. */
function headLines(text: string): string[] {
  return headText(text).split('\n');
}
