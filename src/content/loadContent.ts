import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Article, ArticleMeta } from '../article/article.js';
import type { SiteConfig } from '../config/resolvedConfig.js';
import { BroadsheetError } from '../errors.js';
import { toArticleMeta } from './articleMeta.js';
import { assignSlugs, newestFirstOfOldestFirst } from './assignSlugs.js';
import type { ContentCache } from './contentCache.js';
import { asContentError, displayFile, pathOf } from './contentPaths.js';
import type { IndexEntry } from './indexEntry.js';
import { sourceHash } from './sourceHash.js';

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
  /** Files new, edited (by content) or gone since the cache last saw the folder; without a cache every file is new. */
  changes: ContentChanges;
}

export interface ContentChanges {
  added: number;
  changed: number;
  removed: number;
}

export interface LoadedContent extends Omit<ContentIndex, 'entries' | 'changes'> {
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

/**
 * Reads and validates every article file under the content folder, keeping what sorting and selecting
 * need; bodies are rendered later, only for the articles an output uses (`renderArticles`), so the cost of
 * a build grows with the feeds, not with the archive. With a cache, a file is read only when its stat moved
 * and parsed only when its bytes did. One bad file is reported and never stops the rest.
 */
export async function indexContent(options: LoadContentOptions, cache?: ContentCache): Promise<ContentIndex> {
  const index: ContentIndex = { entries: [], rejected: [], skipped: [], changes: { added: 0, changed: 0, removed: 0 } };
  const sourcePaths = listArticleFiles(options.contentDir);
  // In listing order whichever files had to be read again, so that a scan that read one edited file hands
  // on the others in the places they had (see articlesEditedInPlace).
  const read: (IndexEntry | undefined)[] = sourcePaths.map((sourcePath) => cache?.unchanged(sourcePath, () => statSync(pathOf(options, sourcePath), { throwIfNoEntry: false })));
  const unread = read.flatMap((entry, i) => (entry === undefined ? [i] : []));
  if (unread.length > 0) {
    // Loaded only when some file must be parsed: a rebuild that parses nothing skips YAML and the front-matter schema.
    const { readIndexEntry } = await import('./readEntries.js');
    for (const i of unread) {
      const sourcePath = sourcePaths[i] as string;
      const before = cache?.knownHash(sourcePath);
      const outcome = readIndexEntry(options, sourcePath, cache && ((hash) => cache.withHash(sourcePath, hash)));
      if ('error' in outcome) {
        // Forgotten, so a file that stays broken counts as changed once, not at every scan.
        if (before !== undefined) index.changes.changed++;
        cache?.forget(sourcePath);
        index.rejected.push(outcome.error);
        continue;
      }
      if (before === undefined) index.changes.added++;
      else if (outcome.entry.sourceHash !== before) index.changes.changed++;
      cache?.setFile(outcome.sourcePath, outcome);
      read[i] = outcome.entry;
    }
  }
  const entries: IndexEntry[] = [];
  for (const entry of read) {
    if (entry === undefined) continue;
    if (entry.draft) index.skipped.push({ file: displayFile(options, entry.sourcePath), reason: 'draft' });
    else if (entry.published > options.now) index.skipped.push({ file: displayFile(options, entry.sourcePath), reason: 'future' });
    else entries.push(entry);
  }
  index.changes.removed = cache?.retain(new Set(sourcePaths)) ?? 0;
  const metaOf = (entry: IndexEntry, slug: string) => cache?.articleMeta(entry, slug, options.site) ?? toArticleMeta(entry, slug, options.site);
  const derive = () => articlesOf(entries, options, metaOf);
  // The same entry objects as at the last build (the cache hands out the one it holds for an unchanged file)
  // give the same articles: a service's scan that found nothing new stops here, and one that found articles
  // edited in place only makes their metas again.
  const context = [options.site, options.displayRoot, options.contentDir];
  const inputs = [...context, ...entries];
  const derived = cache?.derived('articles', inputs, derive, (last) => articlesEditedInPlace(last, inputs, context.length, metaOf)) ?? derive();
  index.entries = derived.entries;
  index.rejected.push(...derived.rejected);
  return index;
}

/** Entries -> article metas with unique slugs, newest first; an entry whose id another already has is rejected. */
function articlesOf(
  entries: readonly IndexEntry[],
  options: LoadContentOptions,
  metaOf: (entry: IndexEntry, slug: string) => ArticleMeta,
): Pick<ContentIndex, 'entries' | 'rejected'> {
  const rejected: BroadsheetError[] = [];
  const ids = new Map<string, string>();
  const kept = assignSlugs(entries).filter(({ entry }) => {
    const holder = ids.get(entry.id);
    if (holder === undefined) {
      ids.set(entry.id, entry.sourcePath);
      return true;
    }
    rejected.push(
      new BroadsheetError('CONTENT_DUPLICATE', `has the id "${entry.id}", which ${displayFile(options, holder)} already uses.`, {
        file: displayFile(options, entry.sourcePath),
        field: 'id',
        hint: 'Give one of them another `id:` in its front matter (ids must be unique and never change).',
      }),
    );
    return false;
  });
  return { entries: newestFirstOfOldestFirst(kept).map(({ entry, slug }) => metaOf(entry, slug)), rejected };
}

/**
 * The last derivation with the metas of the entries edited in place made again, or undefined when the context,
 * the set of files or what slugs, order and duplicate ids are made from (path, date, asked-for slug, id)
 * changed for any of them: then every meta keeps its slug and place, and a title, body, author, tag, image or
 * update date edited in one article of 100,000 costs one meta, not a slugging and sorting of them all.
 */
function articlesEditedInPlace(
  last: { inputs: readonly unknown[]; value: Pick<ContentIndex, 'entries' | 'rejected'> },
  inputs: readonly unknown[],
  contextLength: number,
  metaOf: (entry: IndexEntry, slug: string) => ArticleMeta,
): Pick<ContentIndex, 'entries' | 'rejected'> | undefined {
  if (last.inputs.length !== inputs.length) return undefined;
  const edited = new Map<string, IndexEntry>();
  for (let i = 0; i < inputs.length; i++) {
    const [before, now] = [last.inputs[i], inputs[i]];
    if (before === now) continue;
    if (i < contextLength || !sameSlotInOrder(before as IndexEntry, now as IndexEntry)) return undefined;
    edited.set((now as IndexEntry).sourcePath, now as IndexEntry);
  }
  const metas = last.value.entries.map((meta) => {
    const entry = edited.get(meta.sourcePath);
    return entry === undefined ? meta : metaOf(entry, meta.slug);
  });
  return { entries: metas, rejected: last.value.rejected };
}

/** Whether two versions of a file get the same slug and place among the others (and the same id check). */
function sameSlotInOrder(before: IndexEntry, now: IndexEntry): boolean {
  return before.sourcePath === now.sourcePath && before.published.getTime() === now.published.getTime() && before.slug === now.slug && before.id === now.id;
}

/**
 * Full articles for the given entries of an index: their bodies rendered, or taken from the cache. With
 * `remember: false` new renders are not kept (pages of a whole archive would fill memory).
 */
export async function renderArticles(
  entries: readonly ArticleMeta[],
  options: Pick<LoadContentOptions, 'contentDir' | 'displayRoot'>,
  cache?: ContentCache,
  { remember = true }: { remember?: boolean } = {},
): Promise<{ articles: Article[]; rejected: BroadsheetError[] }> {
  const cached = entries.map((meta) => cache?.render(meta.sourcePath, meta.sourceHash, meta.url));
  const renderer = cached.some((body) => body === undefined) ? await loadRenderer() : undefined;
  // Synchronous reads, as for the index: rendering is synchronous work anyway, and with reads in flight on
  // the thread pool a first build of 10,000 articles took ~0.25 s longer (A/B, 11 alternating runs).
  const rendered = entries.map((meta, i): Article | BroadsheetError => {
    const body = cached[i];
    if (body !== undefined) return { ...meta, ...body };
    const file = displayFile(options, meta.sourcePath);
    try {
      const bytes = readFileSync(pathOf(options, meta.sourcePath));
      const { parseArticleText, renderArticleBody } = renderer as Renderer;
      const fresh = renderArticleBody(meta, parseArticleText({ sourcePath: meta.sourcePath, file, bytes }));
      if (remember) cache?.setRender(meta.sourcePath, { sourceHash: sourceHash(bytes), url: meta.url, body: fresh });
      return { ...meta, ...fresh };
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

type Renderer = Awaited<ReturnType<typeof loadRenderer>>;

/** Markdown, sanitising and HTML-to-text are loaded only when a body must be rendered. */
async function loadRenderer() {
  const [{ parseArticleText }, { renderArticleBody }] = await Promise.all([import('./parseArticleText.js'), import('./toArticle.js')]);
  return { parseArticleText, renderArticleBody };
}

/**
 * Article files under `dir`, as `/`-separated paths relative to it, in a stable order. Listed synchronously:
 * awaiting each folder's listing left the process idle for ~30 ms of a rebuild of 10,000 files in 100 folders.
 * (Also used by the benchmark's floor of a CLI rebuild.)
 */
export function listArticleFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (relativeDir: string): void => {
    const entries = readdirSync(relativeDir === '' ? dir : join(dir, relativeDir), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const sourcePath = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`;
      if (entry.isDirectory()) walk(sourcePath);
      else if (entry.isFile() && ARTICLE_FILE.test(entry.name) && !(relativeDir === '' && /^readme\.md$/i.test(entry.name))) found.push(sourcePath);
    }
  };
  try {
    walk('');
  } catch (error) {
    throw new BroadsheetError('CONTENT_UNREADABLE', `cannot read the content folder (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, {
      file: dir,
      hint: 'Check paths.content in the config or the --content flag.',
      cause: error,
    });
  }
  return found;
}
