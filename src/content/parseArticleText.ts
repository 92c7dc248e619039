import { BroadsheetError } from '../errors.js';
import { titleSlug } from './assignSlugs.js';
import { decodeText } from './decodeText.js';
import { parseMarkdownArticle } from './parseMarkdownArticle.js';
import { parsePlainTextArticle } from './parsePlainTextArticle.js';
import type { PageSkip, RawEntry } from './rawEntry.js';
import type { ReadOptions } from './readOptions.js';

/**
 * One file's bytes -> a raw entry, by extension: `.txt` is a plain-text news article, the rest Markdown; or
 * why a Markdown file is a page of the site rather than an article.
 */
export function parseArticleText(source: { sourcePath: string; file: string; bytes: Uint8Array }, options: ReadOptions): (RawEntry & { slug: string }) | PageSkip {
  const text = decodeText(source.bytes, source.file);
  if (text.trim() === '') {
    throw new BroadsheetError('CONTENT_EMPTY', 'is empty.', { file: source.file, hint: 'Write the article, or delete the file.' });
  }
  const input = { sourcePath: source.sourcePath, file: source.file, text };
  const entry = /\.txt$/i.test(source.sourcePath) ? parsePlainTextArticle(input, options.timeZone) : parseMarkdownArticle(input, options);
  if ('skip' in entry) return entry;
  // The slug the title asks for, worked out once per file version (transliteration is not cheap) and kept
  // in the content cache; assignSlugs only makes it unique.
  return { ...entry, slug: entry.slug ?? titleSlug(entry.title) };
}
