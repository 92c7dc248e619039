import type { Article, ArticleMeta } from '../article/article.js';
import type { RawEntry } from './rawEntry.js';

/**
 * What a long-running process (the `start` service) learnt from each file at its last scan, keyed by path
 * and stamped with size and modification time: an unchanged file is neither parsed nor rendered again, so
 * a rebuild after one change costs a `stat` per file plus the feeds whose items changed.
 */
export class ContentCache {
  private readonly entries = new Map<string, { stamp: string; entry: RawEntry }>();
  private readonly articles = new Map<string, { stamp: string; article: Article }>();
  private readonly metas = new Map<string, { entry: RawEntry; slug: string; meta: ArticleMeta }>();

  entry(path: string, stamp: string): RawEntry | undefined {
    const cached = this.entries.get(path);
    return cached?.stamp === stamp ? cached.entry : undefined;
  }

  setEntry(path: string, stamp: string, entry: RawEntry): void {
    this.entries.set(path, { stamp, entry });
  }

  /** The entry's meta when it was built from this very entry object with this slug. */
  meta(path: string, entry: RawEntry, slug: string, build: () => ArticleMeta): ArticleMeta {
    const cached = this.metas.get(path);
    if (cached !== undefined && cached.entry === entry && cached.slug === slug) return cached.meta;
    const meta = build();
    this.metas.set(path, { entry, slug, meta });
    return meta;
  }

  /** A rendered article is reused only for the same file version and the same URL (links resolve against it). */
  article(path: string, url: string): Article | undefined {
    const cached = this.articles.get(path);
    const entry = this.entries.get(path);
    return cached !== undefined && entry !== undefined && cached.stamp === entry.stamp && cached.article.url === url ? cached.article : undefined;
  }

  setArticle(path: string, article: Article): void {
    const entry = this.entries.get(path);
    if (entry !== undefined) this.articles.set(path, { stamp: entry.stamp, article });
  }

  /** Forget files that are gone, so memory follows the content folder. */
  retain(paths: ReadonlySet<string>): void {
    for (const path of this.entries.keys()) {
      if (!paths.has(path)) {
        this.entries.delete(path);
        this.articles.delete(path);
        this.metas.delete(path);
      }
    }
  }
}
