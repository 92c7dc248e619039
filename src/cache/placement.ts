import type { IndexEntry } from '../article/article.js';

/** The fields of an article (an index entry, or its meta with the final slug) that place it among the others. */
export type Placed = Pick<IndexEntry, 'sourcePath' | 'published' | 'timeZone' | 'slug' | 'permalink' | 'id' | 'tags'>;

/**
 * What places an article: its file, its date (and the zone of its day), its slug, its permalink and its id
 * decide its URL, its order and the duplicate-id check; its tags decide the feeds it is in. An edit that keeps these (a title, a body, an
 * author, an image, an update date) is an edit in place: every list keeps its order and only the edited
 * article's meta is made again. The memos' in-place checks and the page keys are made from this alone.
 */
export function placeOf(article: Placed): string {
  return JSON.stringify([article.sourcePath, article.published.getTime(), article.timeZone, article.slug, article.permalink ?? null, article.id, article.tags]);
}

/** Whether `now` is `before` edited in place (see placeOf). */
export function samePlace(before: Placed, now: Placed): boolean {
  return placeOf(before) === placeOf(now);
}

/**
 * The edits from `before` to `now` (two lists of one length, item by item) as a map from each old item to
 * its new version, or undefined when the lists differ in length or some item moved (see placeOf).
 */
export function editsInPlace<T extends Placed>(before: readonly T[], now: readonly T[]): Map<T, T> | undefined {
  if (before.length !== now.length) return undefined;
  const edits = new Map<T, T>();
  for (let i = 0; i < now.length; i++) {
    const [old, edited] = [before[i] as T, now[i] as T];
    if (old === edited) continue;
    if (!samePlace(old, edited)) return undefined;
    edits.set(old, edited);
  }
  return edits;
}
