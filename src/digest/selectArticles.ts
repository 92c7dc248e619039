import type { ArticleMeta } from '../article/article.js';
import { compareNewestFirst, newestFirst } from '../article/order.js';

/** Each article a digest sent a reader, or is still sending them, and when that digest was composed. */
export type ReaderHistory = ReadonlyMap<string, Date>;

/** A topic a reader chose (a tag of `digest.topics`), and when. */
export interface ReaderTopic {
  tag: string;
  addedAt: Date;
}

export interface SelectionOptions {
  firstIssueSize: number;
  maxArticles: number;
  groupByTag: boolean;
}

/** A run's published articles, newest first, and each tag's: read once, then selected from for every reader. */
export interface Catalogue<T extends ArticleMeta> {
  all: readonly T[];
  byTag: ReadonlyMap<string, readonly T[]>;
  byId: ReadonlyMap<string, T>;
}

export interface ArticleGroup<T extends ArticleMeta> {
  /** undefined for the ungrouped list and for articles without a tag. */
  tag: string | undefined;
  articles: T[];
}

export type DigestSelection<T extends ArticleMeta> =
  | { kind: 'nothing-new' }
  | { kind: 'digest'; articles: T[]; groups: ArticleGroup<T>[]; moreCount: number };

export function catalogueOf<T extends ArticleMeta>(published: readonly T[]): Catalogue<T> {
  const all = newestFirst(published);
  const byTag = new Map<string, T[]>();
  for (const article of all) {
    for (const tag of article.tags) {
      const tagged = byTag.get(tag);
      if (tagged === undefined) byTag.set(tag, [article]);
      else tagged.push(article);
    }
  }
  return { all, byTag, byId: new Map(all.map((article) => [article.id, article])) };
}

/**
 * One reader's next digest: the articles of their topics (every article when they chose none) that no
 * digest has sent them, by id, so an edited article is not sent again and a change of frequency neither
 * repeats nor skips one. A topic starts with its newest `firstIssueSize` (all of a reader's topics together
 * at their first digest; a topic added later on its own); from then on it takes every article no older
 * than the oldest the reader got of it since choosing it, so an archive added later with old dates does not
 * flood anyone. At most `maxArticles`, newest first; the rest are counted for a "more on the site" link and
 * stay unsent, for the next digest.
 */
export function selectArticles<T extends ArticleMeta>(catalogue: Catalogue<T>, topics: readonly ReaderTopic[], history: ReaderHistory, options: SelectionOptions): DigestSelection<T> {
  const lanes = topics.length === 0 ? [{ tag: undefined, since: undefined, articles: catalogue.all }] : topics.map((t) => ({ tag: t.tag, since: t.addedAt, articles: catalogue.byTag.get(t.tag) ?? [] }));
  const floors = lanes.map((): number | undefined => undefined);
  for (const [id, at] of history) {
    const article = catalogue.byId.get(id);
    if (article === undefined) continue;
    lanes.forEach((lane, i) => {
      if (lane.tag !== undefined && (at < lane.since || !article.tags.includes(lane.tag))) return;
      floors[i] = Math.min(floors[i] ?? Infinity, article.published.getTime());
    });
  }
  const chosen = new Set<T>();
  const starting = new Set<T>();
  lanes.forEach((lane, i) => {
    const floor = floors[i];
    let taken = 0;
    for (const article of lane.articles) {
      if (floor === undefined ? taken === options.firstIssueSize : article.published.getTime() < floor) break;
      if (history.has(article.id)) continue;
      (floor === undefined ? starting : chosen).add(article);
      taken += 1;
    }
  });
  for (const article of [...starting].sort(compareNewestFirst).slice(0, options.firstIssueSize)) chosen.add(article);
  const candidates = [...chosen].sort(compareNewestFirst);
  if (candidates.length === 0) return { kind: 'nothing-new' };
  const articles = candidates.slice(0, options.maxArticles);
  return { kind: 'digest', articles, groups: options.groupByTag ? groupByFirstTag(articles) : [{ tag: undefined, articles }], moreCount: candidates.length - articles.length };
}

/** Readers whose selections are equal get one edition, rendered once: the same articles and the same "more" count. */
export function selectionKey(selection: { articles: readonly ArticleMeta[]; moreCount: number }): string {
  return `${selection.moreCount} ${selection.articles.map((a) => a.id).join(' ')}`;
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
