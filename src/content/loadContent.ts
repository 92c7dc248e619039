import { readFileSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Article, ArticleMeta } from '../article/article.js';
import { compareNewestFirst } from '../article/order.js';
import type { SiteConfig } from '../config/resolvedConfig.js';
import { BroadsheetError } from '../errors.js';
import { mapConcurrent } from '../io/mapConcurrent.js';
import { assignSlugs } from './assignSlugs.js';
import type { ContentCache } from './contentCache.js';
import { parseArticleText } from './parseArticleText.js';
import type { RawEntry } from './rawEntry.js';
import { renderArticle, toArticleMeta } from './toArticle.js';

export interface ContentSkip {
  file: string;
  reason: 'draft' | 'future';
}

export interface ContentIndex {
  /** Every publishable article, newest first, without its rendered body. */
  entries: ArticleMeta[];
  /** One per file that could not be published. */
  rejected: BroadsheetError[];
  skipped: ContentSkip[];
}

export interface LoadedContent extends Omit<ContentIndex, 'entries'> {
  /** Newest first. */
  articles: Article[];
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
const READ_CONCURRENCY = 32;

/**
 * Reads and validates every article file under the content folder, keeping what sorting and selecting
 * need; bodies are rendered later, only for the articles an output uses (`renderArticles`), so the cost of
 * a build grows with the feeds, not with the archive. One bad file is reported and never stops the rest.
 */
export async function indexContent(options: LoadContentOptions, cache?: ContentCache): Promise<ContentIndex> {
  const index: ContentIndex = { entries: [], rejected: [], skipped: [] };
  const entries: RawEntry[] = [];
  const files = await listArticleFiles(options.contentDir);
  // Synchronous reads: for thousands of small files they cost a fraction of promise-based ones, and
  // indexing is a batch step (the server's event loop waits at most this long when content changes).
  const parsed = files.map((path) => {
    const sourcePath = relative(options.contentDir, path).split(sep).join('/');
    const file = relative(options.displayRoot, path) || path;
    try {
      if (cache === undefined) return { file, entry: withoutBody(parseArticleText({ sourcePath, file, bytes: readFileSync(path) })) };
      const { size, mtimeMs } = statSync(path);
      const stamp = `${size}:${mtimeMs}`;
      const entry = cache.entry(path, stamp) ?? withoutBody(parseArticleText({ sourcePath, file, bytes: readFileSync(path) }));
      cache.setEntry(path, stamp, entry);
      return { file, entry };
    } catch (error) {
      return { file, error: asContentError(error, file) };
    }
  });
  cache?.retain(new Set(files));
  for (const { file, entry, error } of parsed) {
    if (error !== undefined) index.rejected.push(error);
    else if (entry.draft) index.skipped.push({ file, reason: 'draft' });
    else if (entry.published > options.now) index.skipped.push({ file, reason: 'future' });
    else entries.push(entry);
  }
  const ids = new Map<string, string>();
  for (const [entry, slug] of assignSlugs(entries)) {
    const path = join(options.contentDir, entry.sourcePath);
    const meta = cache === undefined ? toArticleMeta(entry, slug, options.site) : cache.meta(path, entry, slug, () => toArticleMeta(entry, slug, options.site));
    const holder = ids.get(meta.id);
    if (holder !== undefined) {
      index.rejected.push(
        new BroadsheetError('CONTENT_DUPLICATE', `has the id "${meta.id}", which ${holder} already uses.`, {
          file: entry.file,
          field: 'id',
          hint: 'Give one of them another `id:` in its front matter (ids must be unique and never change).',
        }),
      );
      continue;
    }
    ids.set(meta.id, entry.file);
    index.entries.push(meta);
  }
  index.entries.sort(compareNewestFirst);
  return index;
}

/** Full articles for the given entries of an index: their files are read again and their bodies rendered. */
export async function renderArticles(
  entries: readonly ArticleMeta[],
  options: Pick<LoadContentOptions, 'contentDir' | 'displayRoot'>,
  cache?: ContentCache,
): Promise<{ articles: Article[]; rejected: BroadsheetError[] }> {
  const rendered = await mapConcurrent(entries, READ_CONCURRENCY, async (meta) => {
    const path = join(options.contentDir, ...meta.sourcePath.split('/'));
    const file = relative(options.displayRoot, path) || path;
    try {
      const cached = cache?.article(path, meta.url);
      if (cached !== undefined) return cached;
      const article = renderArticle(meta, parseArticleText({ sourcePath: meta.sourcePath, file, bytes: await readFile(path) }));
      cache?.setArticle(path, article);
      return article;
    } catch (error) {
      return asContentError(error, file);
    }
  });
  return {
    articles: rendered.filter((r): r is Article => !(r instanceof BroadsheetError)),
    rejected: rendered.filter((r): r is BroadsheetError => r instanceof BroadsheetError),
  };
}

/** Every article, rendered: for small sets and for tests; builds use indexContent + renderArticles. */
export async function loadContent(options: LoadContentOptions): Promise<LoadedContent> {
  const index = await indexContent(options);
  const rendered = await renderArticles(index.entries, options);
  return { articles: rendered.articles, rejected: [...index.rejected, ...rendered.rejected], skipped: index.skipped };
}

/** The body is read again when it is rendered: memory grows with the index, not with the archive. */
function withoutBody(entry: RawEntry): RawEntry {
  return { ...entry, body: { format: 'plain-text', blocks: [] } };
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
