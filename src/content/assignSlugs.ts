import { slugOf } from '../article/slug.js';

type Sluggable = { published: Date; sourcePath: string; slug: string };

/** An entry in publication order, with its publication time and the unique slug it was given. */
export interface Slugged<T> {
  entry: T;
  time: number;
  slug: string;
}

/**
 * Unique slugs for a set of entries, from the slug each asks for, returned oldest first (by publication time,
 * then source path). The oldest entry keeps the bare slug and later ones get -2, -3 ..., so publishing a new
 * article with an old title never moves the old article's URL.
 */
export function assignSlugs<T extends Sluggable>(entries: readonly T[]): Slugged<T>[] {
  const ordered = entries
    .map((entry): Slugged<T> => ({ entry, time: entry.published.getTime(), slug: entry.slug }))
    .sort((a, b) => a.time - b.time || (a.entry.sourcePath < b.entry.sourcePath ? -1 : a.entry.sourcePath > b.entry.sourcePath ? 1 : 0));
  const taken = new Set<string>();
  for (const slugged of ordered) {
    let slug = slugged.slug;
    for (let n = 2; taken.has(slug); n++) slug = `${slugged.slug}-${n}`;
    taken.add(slug);
    slugged.slug = slug;
  }
  return ordered;
}

/**
 * The order of `compareNewestFirst` (newest first, ties by source path) from a list in the order assignSlugs
 * returns (oldest first, ties by source path): the runs of one time in reverse, each kept as it is. Linear,
 * where sorting 100,000 articles again took ~0.1 s of every rebuild.
 */
export function newestFirstOfOldestFirst<T extends { time: number }>(oldestFirst: readonly T[]): T[] {
  const newest: T[] = [];
  let end = oldestFirst.length;
  while (end > 0) {
    let start = end - 1;
    const time = (oldestFirst[start] as T).time;
    while (start > 0 && (oldestFirst[start - 1] as T).time === time) start--;
    for (let i = start; i < end; i++) newest.push(oldestFirst[i] as T);
    end = start;
  }
  return newest;
}

/** The slug a title asks for: transliterated, lower-case, hyphenated. */
export function titleSlug(title: string): string {
  return slugOf(title) || 'article';
}
