import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Article } from '../article/article.js';
import { compareNewestFirst } from '../article/order.js';
import type { SiteConfig } from '../config/resolvedConfig.js';
import { BroadsheetError } from '../errors.js';
import { assignSlugs } from './assignSlugs.js';
import { parseArticleText } from './parseArticleText.js';
import type { RawEntry } from './rawEntry.js';
import { toArticle } from './toArticle.js';

export interface ContentSkip {
  file: string;
  reason: 'draft' | 'future';
}

export interface LoadedContent {
  /** Newest first. */
  articles: Article[];
  /** One per file that could not be published. */
  rejected: BroadsheetError[];
  skipped: ContentSkip[];
}

export interface LoadContentOptions {
  contentDir: string;
  site: SiteConfig;
  /** Articles dated after this are skipped until then. */
  now: Date;
  /** Messages name files relative to this folder. */
  displayRoot: string;
}

const ARTICLE_FILE = /\.(md|markdown|txt)$/i;

/** Reads every article file under the content folder. One bad file is reported and never stops the rest. */
export async function loadContent(options: LoadContentOptions): Promise<LoadedContent> {
  const result: LoadedContent = { articles: [], rejected: [], skipped: [] };
  const entries: RawEntry[] = [];
  for (const path of await listArticleFiles(options.contentDir)) {
    const sourcePath = relative(options.contentDir, path).split(sep).join('/');
    const file = relative(options.displayRoot, path) || path;
    try {
      const entry = parseArticleText({ sourcePath, file, bytes: await readFile(path) });
      if (entry.draft) result.skipped.push({ file, reason: 'draft' });
      else if (entry.published > options.now) result.skipped.push({ file, reason: 'future' });
      else entries.push(entry);
    } catch (error) {
      result.rejected.push(asContentError(error, file));
    }
  }
  const slugs = assignSlugs(entries);
  const ids = new Map<string, string>();
  for (const [entry, slug] of slugs) {
    try {
      const article = toArticle(entry, slug, options.site);
      const holder = ids.get(article.id);
      if (holder !== undefined) {
        throw new BroadsheetError('CONTENT_DUPLICATE', `has the id "${article.id}", which ${holder} already uses.`, {
          file: entry.file,
          field: 'id',
          hint: 'Give one of them another `id:` in its front matter (ids must be unique and never change).',
        });
      }
      ids.set(article.id, entry.file);
      result.articles.push(article);
    } catch (error) {
      result.rejected.push(asContentError(error, entry.file));
    }
  }
  result.articles.sort(compareNewestFirst);
  return result;
}

async function listArticleFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (current: string, depth: number): Promise<void> => {
    const entries = await readdir(current, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) await walk(path, depth + 1);
      else if (entry.isFile() && ARTICLE_FILE.test(entry.name) && !(depth === 0 && /^readme\.md$/i.test(entry.name))) found.push(path);
    }
  };
  await walk(dir, 0).catch((error: NodeJS.ErrnoException) => {
    throw new BroadsheetError('CONTENT_UNREADABLE', `cannot read the content folder (${error.code ?? error.message}).`, {
      file: dir,
      hint: 'Check paths.content in the config or the --content flag.',
      cause: error,
    });
  });
  return found;
}

function asContentError(error: unknown, file: string): BroadsheetError {
  if (error instanceof BroadsheetError) return error;
  return new BroadsheetError('CONTENT_UNREADABLE', `could not be read (${(error as Error).message}).`, { file, cause: error });
}
