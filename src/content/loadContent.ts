import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ArticleMeta, IndexEntry } from '../article/article.js';
import type { SiteConfig } from '../config/resolvedConfig.js';
import { BroadsheetError } from '../errors.js';
import { markedUnpublished } from './markedUnpublished.js';
import type { ArticlePlace } from '../article/url.js';
import { placeEntry, toArticleMeta } from './articleMeta.js';
import { assignPlaces, newestFirstOfOldestFirst } from './assignSlugs.js';
import type { CachedVerdict, ContentMemo, PlacedArticles, PlacingContext, Verdict } from './contentMemo.js';
import { displayFile, pathOf } from './contentPaths.js';
import type { ReadOptions } from './readOptions.js';
import { DEFAULT_READ_OPTIONS } from './readOptions.js';
import type { RawEntry } from './rawEntry.js';
import type { ReadOutcome } from './readEntries.js';

export interface ContentSkip {
  file: string;
  /** A draft, dated in the future (or `publishDate`), past its `expiryDate`, a listing page, or a page without a date. */
  reason: 'draft' | 'future' | 'expired' | 'listing' | 'undated';
}

/** Template syntax an article holds that could not be carried over: shown as written, reported here. */
export interface ContentWarningAt {
  file: string;
  line: number;
  message: string;
}

export interface ContentIndex {
  /** Every publishable article, newest first, without its rendered body. */
  entries: ArticleMeta[];
  /** One per file that could not be published. */
  rejected: BroadsheetError[];
  skipped: ContentSkip[];
  warnings: ContentWarningAt[];
  /** Files new, edited (by content) or gone since the cache last saw the folder; without a cache every file is new. */
  changes: ContentChanges;
  /** What this build parsed, by path: bodies are rendered from it, so a changed file is read and parsed once. */
  parsed: ParsedFiles;
}

/**
 * Files parsed by one build, by path, with the hash of the bytes parsed. A body rendered from one takes it
 * out (renderArticles), so what the index parsed is let go as the build goes instead of held to its end.
 * Only the first PARSED_BUDGET bytes of files are held: a larger archive's other files are read again when
 * their bodies render.
 */
export type ParsedFiles = Map<string, { sourceHash: string; parsed: RawEntry }>;

export interface ContentChanges {
  added: number;
  changed: number;
  removed: number;
}

export interface LoadContentOptions {
  contentDir: string;
  site: SiteConfig;
  /** Articles dated after this are skipped until then. */
  now: Date;
  /** Messages name files relative to this folder. */
  displayRoot: string;
  /** How files are read (zone, taxonomies, field names); the defaults when not given. */
  reading?: ReadOptions;
  /** Drafts and future articles are published too, marked in their titles (`broadsheet dev`). */
  showUnpublished?: boolean;
  /** Told before each file that must be read (its stat moved, or there is no cache), and once after the last. */
  onFileIndexed?: (done: number, total: number) => void;
}

const ARTICLE_FILE = /\.(md|markdown|txt)$/i;

/**
 * Bytes of article files whose parsed form a build holds until their bodies render. Every body renders only
 * after the whole archive is indexed, so holding them all grows with the archive (100,000 articles with pages:
 * peak 2.0 GB, 1.65 GB with the heap growth limited: src/io/heapGrowth.ts); 64 MB holds every file of 10,000
 * typical articles, which are then read once.
 */
const PARSED_BUDGET = 64 * 1024 * 1024;

/**
 * Reads and validates every article file under the content folder, keeping what sorting and selecting
 * need; bodies are rendered later, only for the articles an output uses (`renderArticles`), so the cost of
 * a build grows with the feeds, not with the archive. With a cache, a file is read only when its stat moved
 * and parsed only when its bytes did. One bad file is reported and never stops the rest.
 */
export async function indexContent(options: LoadContentOptions, cache?: ContentMemo): Promise<ContentIndex> {
  const index: ContentIndex = { entries: [], rejected: [], skipped: [], warnings: [], changes: { added: 0, changed: 0, removed: 0 }, parsed: new Map() };
  const reading = options.reading ?? DEFAULT_READ_OPTIONS;
  const sourcePaths = listArticleFiles(options.contentDir);
  // In listing order whichever files had to be read again, so that a scan that read one edited file hands
  // on the others in the places they had (see the cache's PlacedArticlesMemo).
  const read: (IndexEntry | undefined)[] = sourcePaths.map((sourcePath) => cache?.unchanged(sourcePath, () => statSync(pathOf(options, sourcePath), { throwIfNoEntry: false })));
  const unread = read.flatMap((entry, i) => (entry === undefined ? [i] : []));
  if (unread.length > 0) {
    // Loaded only when some file must be parsed: a rebuild that parses nothing skips YAML and the front-matter schema.
    const { readIndexEntry } = await import('./readEntries.js');
    const context = { ...options, reading };
    let held = 0;
    for (const [done, i] of unread.entries()) {
      options.onFileIndexed?.(done, unread.length);
      const sourcePath = sourcePaths[i] as string;
      const remembered = cache?.verdict(sourcePath, () => statSync(pathOf(options, sourcePath), { throwIfNoEntry: false }));
      if (remembered !== undefined) {
        notPublished(index, options, sourcePath, remembered);
        continue;
      }
      const before = cache?.knownHash(sourcePath);
      const outcome = readIndexEntry(context, sourcePath, cache && ((hash) => cache.withHash(sourcePath, hash)));
      if (!('entry' in outcome)) {
        // Forgotten, so a file that stays broken counts as changed once, not at every scan.
        if (before !== undefined) index.changes.changed++;
        cache?.forget(sourcePath);
        const verdict = verdictOf(outcome);
        if (verdict !== undefined) cache?.setVerdict(sourcePath, verdict);
        if ('error' in outcome) index.rejected.push(outcome.error);
        else index.skipped.push({ file: displayFile(options, sourcePath), reason: outcome.skip });
        continue;
      }
      cache?.forgetVerdict(sourcePath);
      if (before === undefined) index.changes.added++;
      else if (outcome.entry.sourceHash !== before) index.changes.changed++;
      const { size, mtimeMs, checkedAt, entry, parsed } = outcome;
      cache?.setFile(sourcePath, { size, mtimeMs, checkedAt, entry });
      if (parsed !== undefined) {
        held += size;
        if (held <= PARSED_BUDGET) index.parsed.set(sourcePath, { sourceHash: entry.sourceHash, parsed });
      }
      read[i] = entry;
    }
    options.onFileIndexed?.(unread.length, unread.length);
  }
  const entries: IndexEntry[] = [];
  for (const entry of read) {
    if (entry === undefined) continue;
    for (const warning of entry.warnings ?? []) index.warnings.push({ file: displayFile(options, entry.sourcePath), ...warning });
    const reason = entry.draft
      ? 'draft'
      : entry.published > options.now || (entry.availableFrom !== undefined && entry.availableFrom > options.now)
        ? 'future'
        : entry.expires !== undefined && entry.expires <= options.now
          ? 'expired'
          : undefined;
    if (reason === undefined) entries.push(entry);
    else if (options.showUnpublished === true && reason !== 'expired') entries.push(markedUnpublished(entry, reason));
    else index.skipped.push({ file: displayFile(options, entry.sourcePath), reason });
  }
  index.changes.removed = cache?.retain(new Set(sourcePaths)) ?? 0;
  const metaOf = (entry: IndexEntry, place: ArticlePlace) => cache?.articleMeta(entry, place, options.site.url) ?? toArticleMeta(entry, place, options.site.url);
  const place = () => articlesOf(entries, options, metaOf);
  const placing: PlacingContext = { site: options.site, displayRoot: options.displayRoot, contentDir: options.contentDir, reading };
  const derived = cache?.placed(placing, entries, place, metaOf) ?? place();
  index.entries = derived.entries;
  index.rejected.push(...derived.rejected);
  return index;
}

/** Entries -> article metas with unique URLs, newest first; an entry whose id or URL another already has is rejected. */
function articlesOf(
  entries: readonly IndexEntry[],
  options: LoadContentOptions,
  metaOf: (entry: IndexEntry, place: ArticlePlace) => ArticleMeta,
): PlacedArticles {
  const { placed, clashes } = assignPlaces(entries, (entry, suffix) => placeEntry(entry, suffix, options.site));
  const rejected = clashes.map(
    ({ entry, url, holder }) =>
      new BroadsheetError('CONTENT_DUPLICATE', `would be published at ${url}, where ${displayFile(options, holder.sourcePath)} already is.`, {
        file: displayFile(options, entry.sourcePath),
        field: entry.permalink === undefined ? 'site.articlePath' : 'permalink',
        hint: 'Give one of them another `url:` or `permalink:`, or put {slug} or {filename} in site.articlePath.',
      }),
  );
  const ids = new Map<string, string>();
  const kept = placed.filter(({ entry }) => {
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
  return { entries: newestFirstOfOldestFirst(kept).map(({ entry, place }) => metaOf(entry, place)), rejected };
}

/** A file not published, as the cache remembered it: its error again (named for this build) or its note. */
function notPublished(index: ContentIndex, options: LoadContentOptions, sourcePath: string, remembered: Verdict): void {
  const file = displayFile(options, sourcePath);
  if ('skip' in remembered) index.skipped.push({ file, reason: remembered.skip });
  else index.rejected.push(new BroadsheetError(remembered.error.code, remembered.error.message, { ...remembered.error, file }));
}

/** What to remember of a file that was read and not published; nothing for one that could not be read at all. */
function verdictOf(outcome: Exclude<ReadOutcome, { entry: unknown }>): CachedVerdict | undefined {
  if ('skip' in outcome) return { size: outcome.size, mtimeMs: outcome.mtimeMs, checkedAt: outcome.checkedAt, verdict: { skip: outcome.skip } };
  if (outcome.stamp === undefined) return undefined;
  const { code, message, line, field, hint } = outcome.error;
  const error = { code, message, ...(line === undefined ? {} : { line }), ...(field === undefined ? {} : { field }), ...(hint === undefined ? {} : { hint }) };
  return { ...outcome.stamp, verdict: { error } };
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
