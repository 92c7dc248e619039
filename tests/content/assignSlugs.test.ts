import { describe, expect, it } from 'vitest';
import { compareNewestFirst } from '../../src/article/order.js';
import { assignPlaces, newestFirstOfOldestFirst } from '../../src/content/assignSlugs.js';

type Entry = { sourcePath: string; published: Date; slug: string; permalink?: string };
const entry = (sourcePath: string, day: string, slug: string, permalink?: string): Entry => ({ sourcePath, published: new Date(`${day}T00:00:00Z`), slug, ...(permalink === undefined ? {} : { permalink }) });
/** As the site places them: `articles/{slug}/`, or the permalink as written (no name to suffix). */
const bySlug = (e: Entry, suffix: string) => ({ slug: e.slug + (e.permalink === undefined ? suffix : ''), url: `https://a.example/${e.permalink ?? `articles/${e.slug}${suffix}/`}` });

describe('assignPlaces', () => {
  it('returns the entries oldest first, ties by source path, the oldest keeping the URL it asks for', () => {
    const entries = [entry('c.md', '2024-03-01', 'news'), entry('b.md', '2024-01-01', 'news'), entry('a.md', '2024-03-01', 'news'), entry('d.md', '2024-02-01', 'news-2')];
    expect(assignPlaces(entries, bySlug).placed.map(({ entry: e, place }) => [e.sourcePath, place.slug])).toEqual([
      ['b.md', 'news'],
      ['d.md', 'news-2'],
      ['a.md', 'news-3'],
      ['c.md', 'news-4'],
    ]);
  });

  it('places permalinks first, as written; a second article at one permalink clashes with the first', () => {
    const entries = [entry('old.md', '2024-01-01', 'news'), entry('new.md', '2024-02-01', 'x', 'articles/news/'), entry('copy.md', '2024-03-01', 'y', 'articles/news/')];
    const { placed, clashes } = assignPlaces(entries, bySlug);
    expect(placed.map(({ entry: e, place }) => [e.sourcePath, place.url])).toEqual([
      ['old.md', 'https://a.example/articles/news-2/'],
      ['new.md', 'https://a.example/articles/news/'],
    ]);
    expect(clashes.map((c) => [c.entry.sourcePath, c.holder.sourcePath, c.url])).toEqual([['copy.md', 'new.md', 'https://a.example/articles/news/']]);
  });
});

describe('newestFirstOfOldestFirst', () => {
  it('gives the order compareNewestFirst gives, ties included', () => {
    // A seeded mix with many articles a day, so that most neighbours tie on time.
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const entries = Array.from({ length: 2_000 }, (_, i) => entry(`${Math.floor(next() * 1e6)}-${i}.md`, `2024-01-${String(1 + Math.floor(next() * 9)).padStart(2, '0')}`, 'x'));
    const newest = newestFirstOfOldestFirst(assignPlaces(entries, bySlug).placed).map((placed) => placed.entry);
    expect(newest).toEqual([...entries].sort(compareNewestFirst));
    expect(newestFirstOfOldestFirst([])).toEqual([]);
  });
});
