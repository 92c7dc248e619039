import type { ArticleMeta } from '../article/article.js';
import { newestFirst } from '../article/order.js';

/** What earlier digests sent, as far as choosing the next one needs to know. */
export interface DigestHistory {
  sentArticleIds: ReadonlySet<string>;
  /** Publication date of the oldest article any digest sent; undefined before the first digest. */
  oldestSentPublished: Date | undefined;
}

export interface SelectionOptions {
  firstIssueSize: number;
  maxArticles: number;
  groupByTag: boolean;
}

export interface ArticleGroup<T extends ArticleMeta> {
  /** undefined for the ungrouped list and for articles without a tag. */
  tag: string | undefined;
  articles: T[];
}

export type DigestSelection<T extends ArticleMeta> =
  | { kind: 'nothing-new' }
  | { kind: 'digest'; articles: T[]; groups: ArticleGroup<T>[]; moreCount: number };

/**
 * The articles of the next digest. The first one takes the newest `firstIssueSize`; later ones take every
 * article no digest has sent yet, by id, so an article edited after it went out is not sent again.
 * Articles older than anything ever sent (an archive added later) are left out rather than flooding one
 * digest. At most `maxArticles`, newest first; the rest are counted for a "more on the site" link.
 */
export function selectArticles<T extends ArticleMeta>(published: readonly T[], history: DigestHistory, options: SelectionOptions): DigestSelection<T> {
  const ordered = newestFirst(published);
  const oldest = history.oldestSentPublished;
  const candidates =
    oldest === undefined
      ? ordered.slice(0, options.firstIssueSize)
      : ordered.filter((article) => !history.sentArticleIds.has(article.id) && article.published >= oldest);
  if (candidates.length === 0) return { kind: 'nothing-new' };
  const articles = candidates.slice(0, options.maxArticles);
  return { kind: 'digest', articles, groups: options.groupByTag ? groupByFirstTag(articles) : [{ tag: undefined, articles }], moreCount: candidates.length - articles.length };
}

/** Groups in the order their newest article appears; untagged articles come last. */
function groupByFirstTag<T extends ArticleMeta>(articles: readonly T[]): ArticleGroup<T>[] {
  const groups = new Map<string | undefined, T[]>();
  for (const article of articles) {
    const tag = article.tags[0];
    groups.set(tag, [...(groups.get(tag) ?? []), article]);
  }
  const untagged = groups.get(undefined);
  groups.delete(undefined);
  const result = [...groups].map(([tag, grouped]) => ({ tag, articles: grouped }));
  return untagged === undefined ? result : [...result, { tag: undefined, articles: untagged }];
}
