import type { ArticleMeta, IndexEntry } from '../article/article.js';
import type { ArticlePlace } from '../article/url.js';
import type { PlacedArticles, PlacingContext } from '../content/contentMemo.js';
import { editsInPlace } from './placement.js';

/**
 * The articles placed at the last build, for a process that builds again and again (the service's scans).
 * The cache hands out the one entry object it holds for an unchanged file, so the same entries (===) in the
 * same context place the same articles: a scan that found nothing new does not slug, sort and check ids
 * again, and one that found articles edited in place (placement.ts) only makes their metas again.
 */
export class PlacedArticlesMemo {
  private last: { context: PlacingContext; entries: readonly IndexEntry[]; value: PlacedArticles } | undefined;

  placed(context: PlacingContext, entries: readonly IndexEntry[], place: () => PlacedArticles, remeta: (entry: IndexEntry, place: ArticlePlace) => ArticleMeta): PlacedArticles {
    const value = this.fromLast(context, entries, remeta) ?? place();
    this.last = { context, entries, value };
    return value;
  }

  private fromLast(context: PlacingContext, entries: readonly IndexEntry[], remeta: (entry: IndexEntry, place: ArticlePlace) => ArticleMeta): PlacedArticles | undefined {
    const last = this.last;
    if (last === undefined || !sameContext(last.context, context)) return undefined;
    const edits = editsInPlace(last.entries, entries);
    if (edits === undefined) return undefined;
    if (edits.size === 0) return last.value;
    const edited = new Map([...edits.values()].map((entry) => [entry.sourcePath, entry]));
    const metas = last.value.entries.map((meta) => {
      const entry = edited.get(meta.sourcePath);
      return entry === undefined ? meta : remeta(entry, { slug: meta.slug, url: meta.url });
    });
    return { entries: metas, rejected: last.value.rejected };
  }
}

function sameContext(a: PlacingContext, b: PlacingContext): boolean {
  return a.site === b.site && a.displayRoot === b.displayRoot && a.contentDir === b.contentDir && a.reading === b.reading;
}
