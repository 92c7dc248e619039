import type { ArticleMeta, IndexEntry } from '../article/article.js';
import type { ArticlePlace } from '../article/url.js';
import { toArticleMeta } from '../content/articleMeta.js';
import type { CachedFile, CachedRender, CachedVerdict, ContentMemo, PlacedArticles, PlacingContext, Verdict } from '../content/contentMemo.js';
import type { FileStamp } from '../content/readEntries.js';
import type { RenderedBody } from '../content/toArticle.js';
import { PlacedArticlesMemo } from './placedArticlesMemo.js';

/**
 * A file modified within this long before it was read could be modified again without its mtime moving
 * (coarse timestamps), so its stamp is not trusted until it is read once more: the "racy git" rule.
 */
const RACY_MS = 2_000;

/** Whether a file's stat is the one it was read with, safely after that mtime (the racy rule). */
function stillAsRead(stamp: FileStamp, statOf: () => { size: number; mtimeMs: number } | undefined): boolean {
  const stat = statOf();
  return stat !== undefined && stamp.size === stat.size && stamp.mtimeMs === stat.mtimeMs && stamp.mtimeMs < stamp.checkedAt - RACY_MS;
}

/**
 * What earlier builds learnt from each file, keyed by its path relative to the content folder: the index
 * entry by content hash, and the rendered body by content hash and URL. A file whose size and mtime have not
 * moved since it was read is not read again; one whose bytes hash the same is not parsed again. Changes are
 * recorded so a store can persist only what moved (`takeChanges`).
 */
export class ContentCache implements ContentMemo {
  private readonly files = new Map<string, CachedFile>();
  private readonly renders = new Map<string, CachedRender>();
  private readonly verdicts = new Map<string, CachedVerdict>();
  private verdictsChanged = false;
  private changedFiles = new Set<string>();
  private changedRenders = new Set<string>();
  private removedRenders = new Set<string>();
  /** In memory only, for a process that builds again and again (the service's scans); a CLI run starts without. */
  private readonly metas = new WeakMap<IndexEntry, { place: ArticlePlace; meta: ArticleMeta }>();
  private readonly placedArticles = new PlacedArticlesMemo();

  static restore(files: Iterable<[string, CachedFile]>, renders: Iterable<[string, CachedRender]>, verdicts: Iterable<[string, CachedVerdict]> = []): ContentCache {
    const cache = new ContentCache();
    for (const [path, verdict] of verdicts) cache.verdicts.set(path, verdict);
    for (const [path, file] of files) cache.files.set(path, file);
    for (const [path, render] of renders) cache.renders.set(path, render);
    return cache;
  }

  /**
   * The entry of a file whose size and mtime are those it had when it was read, safely after that mtime.
   * `statOf` is called only for a file the cache knows, so a first build costs no extra system call.
   */
  unchanged(sourcePath: string, statOf: () => { size: number; mtimeMs: number } | undefined): IndexEntry | undefined {
    const cached = this.files.get(sourcePath);
    return cached !== undefined && stillAsRead(cached, statOf) ? cached.entry : undefined;
  }

  /** Why a file whose stamp has not moved (as for `unchanged`) was not published when it was read. */
  verdict(sourcePath: string, statOf: () => { size: number; mtimeMs: number } | undefined): Verdict | undefined {
    const cached = this.verdicts.get(sourcePath);
    return cached !== undefined && stillAsRead(cached, statOf) ? cached.verdict : undefined;
  }

  setVerdict(sourcePath: string, verdict: CachedVerdict): void {
    this.verdicts.set(sourcePath, verdict);
    this.verdictsChanged = true;
  }

  /** Every file not published, for a store to save when `takeChanges` says they changed. */
  knownVerdicts(): IterableIterator<[string, CachedVerdict]> {
    return this.verdicts.entries();
  }

  /** The entry of a file whose bytes hash as they did when it was last parsed. */
  withHash(sourcePath: string, sourceHash: string): IndexEntry | undefined {
    const entry = this.files.get(sourcePath)?.entry;
    return entry?.sourceHash === sourceHash ? entry : undefined;
  }

  /** The content hash the file had when last read, if it was. */
  knownHash(sourcePath: string): string | undefined {
    return this.files.get(sourcePath)?.entry.sourceHash;
  }

  setFile(sourcePath: string, file: CachedFile): void {
    // A file read again with the same bytes (touched, or moved back) keeps its summary.
    const known = this.files.get(sourcePath);
    const kept = file.summary === undefined && known?.summary !== undefined && known.entry.sourceHash === file.entry.sourceHash ? { ...file, summary: known.summary } : file;
    this.files.set(sourcePath, kept);
    this.changedFiles.add(sourcePath);
  }

  render(sourcePath: string, sourceHash: string, url: string): RenderedBody | undefined {
    const cached = this.renders.get(sourcePath);
    return cached?.sourceHash === sourceHash && cached.url === url ? cached.body : undefined;
  }

  setRender(sourcePath: string, render: CachedRender): void {
    this.renders.set(sourcePath, render);
    this.changedRenders.add(sourcePath);
    this.removedRenders.delete(sourcePath);
  }

  summary(sourcePath: string, sourceHash: string, url: string): string | undefined {
    const cached = this.files.get(sourcePath);
    return cached?.entry.sourceHash === sourceHash && cached.summary?.url === url ? cached.summary.text : undefined;
  }

  setSummary(sourcePath: string, sourceHash: string, url: string, text: string): void {
    const cached = this.files.get(sourcePath);
    if (cached?.entry.sourceHash !== sourceHash || (cached.summary?.url === url && cached.summary.text === text)) return;
    this.files.set(sourcePath, { ...cached, summary: { url, text } });
    this.changedFiles.add(sourcePath);
  }

  /** Forget files that are gone, so the cache follows the content folder. Returns how many were forgotten. */
  retain(sourcePaths: ReadonlySet<string>): number {
    let forgotten = 0;
    for (const path of this.files.keys()) {
      if (sourcePaths.has(path)) continue;
      this.forget(path);
      forgotten++;
    }
    for (const path of this.verdicts.keys()) if (!sourcePaths.has(path)) this.forgetVerdict(path);
    return forgotten;
  }

  forgetVerdict(sourcePath: string): void {
    if (this.verdicts.delete(sourcePath)) this.verdictsChanged = true;
  }

  forget(sourcePath: string): void {
    if (this.files.delete(sourcePath)) this.changedFiles.add(sourcePath);
    if (this.renders.delete(sourcePath)) {
      this.changedRenders.delete(sourcePath);
      this.removedRenders.add(sourcePath);
    }
  }

  /** The meta made from this entry at this place at an earlier build, or a new one. */
  articleMeta(entry: IndexEntry, place: ArticlePlace, siteUrl: string): ArticleMeta {
    const known = this.metas.get(entry);
    // The place's URL starts with the site's, so a known place is on the same site.
    if (known !== undefined && known.place.slug === place.slug && known.place.url === place.url) return known.meta;
    const meta = toArticleMeta(entry, place, siteUrl);
    this.metas.set(entry, { place, meta });
    return meta;
  }

  placed(context: PlacingContext, entries: readonly IndexEntry[], place: () => PlacedArticles, remeta: (entry: IndexEntry, place: ArticlePlace) => ArticleMeta): PlacedArticles {
    return this.placedArticles.placed(context, entries, place, remeta);
  }

  /** Every file the cache knows, for a store that saves them in groups. */
  knownFiles(): IterableIterator<[string, CachedFile]> {
    return this.files.entries();
  }

  /** What changed since the last call, for a store to persist: the paths of files set or forgotten, and the renders. */
  takeChanges(): { files: string[]; renders: [string, CachedRender][]; removedRenders: string[]; verdicts: boolean } {
    const changes = {
      verdicts: this.verdictsChanged,
      files: [...this.changedFiles],
      // Every path in changedRenders is in the map: setRender adds to both, forget removes from both.
      renders: [...this.changedRenders].map((path): [string, CachedRender] => [path, this.renders.get(path) as CachedRender]),
      removedRenders: [...this.removedRenders],
    };
    this.changedFiles = new Set();
    this.changedRenders = new Set();
    this.removedRenders = new Set();
    this.verdictsChanged = false;
    return changes;
  }
}
