import slugify from '@sindresorhus/slugify';
import type { RawEntry } from './rawEntry.js';

/**
 * Unique slugs for a set of entries. The oldest entry keeps the bare slug and later ones get -2, -3 ..., so
 * publishing a new article with an old title never moves the old article's URL.
 */
export function assignSlugs(entries: readonly RawEntry[]): Map<RawEntry, string> {
  const ordered = [...entries].sort(
    (a, b) => a.published.getTime() - b.published.getTime() || (a.sourcePath < b.sourcePath ? -1 : a.sourcePath > b.sourcePath ? 1 : 0),
  );
  const taken = new Set<string>();
  const slugs = new Map<RawEntry, string>();
  for (const entry of ordered) {
    const base = entry.slug ?? titleSlug(entry.title);
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    taken.add(slug);
    slugs.set(entry, slug);
  }
  return slugs;
}

/** The slug a title asks for: transliterated, lower-case, hyphenated. */
export function titleSlug(title: string): string {
  return slugify(title) || 'article';
}
