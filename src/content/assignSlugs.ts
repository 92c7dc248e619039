import { slugOf } from '../article/slug.js';

type Sluggable = { published: Date; sourcePath: string; slug: string };

/**
 * Unique slugs for a set of entries, from the slug each asks for. The oldest entry keeps the bare slug and
 * later ones get -2, -3 ..., so publishing a new article with an old title never moves the old article's URL.
 */
export function assignSlugs<T extends Sluggable>(entries: readonly T[]): Map<T, string> {
  const ordered = entries
    .map((entry) => ({ entry, time: entry.published.getTime() }))
    .sort((a, b) => a.time - b.time || (a.entry.sourcePath < b.entry.sourcePath ? -1 : a.entry.sourcePath > b.entry.sourcePath ? 1 : 0))
    .map(({ entry }) => entry);
  const taken = new Set<string>();
  const slugs = new Map<T, string>();
  for (const entry of ordered) {
    let slug = entry.slug;
    for (let n = 2; taken.has(slug); n++) slug = `${entry.slug}-${n}`;
    taken.add(slug);
    slugs.set(entry, slug);
  }
  return slugs;
}

/** The slug a title asks for: transliterated, lower-case, hyphenated. */
export function titleSlug(title: string): string {
  return slugOf(title) || 'article';
}
