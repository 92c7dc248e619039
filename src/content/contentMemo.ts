import type { ArticleMeta, IndexEntry } from '../article/article.js';
import type { ArticlePlace } from '../article/url.js';
import type { SiteConfig } from '../config/resolvedConfig.js';
import type { BroadsheetError, ErrorCode } from '../errors.js';
import type { ReadOptions } from './readOptions.js';
import type { FileStamp } from './readEntries.js';
import type { RenderedBody } from './toArticle.js';

/** Why a file is not published: the page it is, or the error without its file name. */
export type Verdict = { skip: 'listing' | 'undated' } | { error: { code: ErrorCode; message: string; line?: number; field?: string; hint?: string } };

/** A file that is not published, by the stamp it was read with, so that an unchanged rejected file is not read again. */
export interface CachedVerdict extends FileStamp {
  verdict: Verdict;
}

/** One file as last read: its stat stamp, when it was read, and what it contributes to the index. */
export interface CachedFile extends FileStamp {
  entry: IndexEntry;
  /** The article's summary as its last render at this URL gave it: a list page's teaser without a render. */
  summary?: { url: string; text: string };
}

/** A rendered body, valid for one version of the file (its hash) at one URL (links resolve against it). */
export interface CachedRender {
  sourceHash: string;
  url: string;
  body: RenderedBody;
}

/** The published articles with their final slugs and URLs, newest first, and the files rejected for a duplicate id or URL. */
export interface PlacedArticles {
  entries: ArticleMeta[];
  rejected: BroadsheetError[];
}

/** Everything besides the entries that placing articles depends on. */
export interface PlacingContext {
  site: SiteConfig;
  displayRoot: string;
  contentDir: string;
  reading: ReadOptions;
}

/**
 * What reading content asks of a build cache (src/cache implements it): which files need no read or parse,
 * which bodies need no render, and the articles placed at the last build. Declared here, where it is used,
 * so that content/ depends on no cache and the cache may know the content's types.
 */
export interface ContentMemo {
  /** The entry of a file whose stat has not moved since it was read; `statOf` is called only for a known file. */
  unchanged(sourcePath: string, statOf: () => { size: number; mtimeMs: number } | undefined): IndexEntry | undefined;
  /** Why a file whose stat has not moved was not published when it was read. */
  verdict(sourcePath: string, statOf: () => { size: number; mtimeMs: number } | undefined): Verdict | undefined;
  setVerdict(sourcePath: string, verdict: CachedVerdict): void;
  forgetVerdict(sourcePath: string): void;
  /** The entry of a file whose bytes hash as they did when it was last parsed. */
  withHash(sourcePath: string, sourceHash: string): IndexEntry | undefined;
  /** The content hash the file had when last read, if it was. */
  knownHash(sourcePath: string): string | undefined;
  setFile(sourcePath: string, file: CachedFile): void;
  forget(sourcePath: string): void;
  /** Forgets files that are gone; returns how many were forgotten. */
  retain(sourcePaths: ReadonlySet<string>): number;
  render(sourcePath: string, sourceHash: string, url: string): RenderedBody | undefined;
  setRender(sourcePath: string, render: CachedRender): void;
  /** The summary a render of this version of the file (its hash) at this URL gave. */
  summary(sourcePath: string, sourceHash: string, url: string): string | undefined;
  setSummary(sourcePath: string, sourceHash: string, url: string, text: string): void;
  /** The meta made from this entry at this place (on the site at `siteUrl`) at an earlier build, or a new one. */
  articleMeta(entry: IndexEntry, place: ArticlePlace, siteUrl: string): ArticleMeta;
  /**
   * The articles placed from these entries: those of the last call when nothing moved, the last ones with
   * the edited entries' metas made again (`remeta`) when every edit kept its article's place, else `place()`.
   */
  placed(context: PlacingContext, entries: readonly IndexEntry[], place: () => PlacedArticles, remeta: (entry: IndexEntry, place: ArticlePlace) => ArticleMeta): PlacedArticles;
}
