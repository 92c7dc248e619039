import { describe, expect, it } from 'vitest';
import { compareNewestFirst } from '../../src/article/order.js';
import { assignSlugs, newestFirstOfOldestFirst } from '../../src/content/assignSlugs.js';

const entry = (sourcePath: string, day: string, slug: string) => ({ sourcePath, published: new Date(`${day}T00:00:00Z`), slug });

describe('assignSlugs', () => {
  it('returns the entries oldest first, ties by source path, the oldest keeping the slug it asks for', () => {
    const entries = [entry('c.md', '2024-03-01', 'news'), entry('b.md', '2024-01-01', 'news'), entry('a.md', '2024-03-01', 'news'), entry('d.md', '2024-02-01', 'news-2')];
    expect(assignSlugs(entries).map(({ entry: e, slug }) => [e.sourcePath, slug])).toEqual([
      ['b.md', 'news'],
      ['d.md', 'news-2'],
      ['a.md', 'news-3'],
      ['c.md', 'news-4'],
    ]);
  });
});

describe('newestFirstOfOldestFirst', () => {
  it('gives the order compareNewestFirst gives, ties included', () => {
    // A seeded mix with many articles a day, so that most neighbours tie on time.
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const entries = Array.from({ length: 2_000 }, (_, i) => entry(`${Math.floor(next() * 1e6)}-${i}.md`, `2024-01-${String(1 + Math.floor(next() * 9)).padStart(2, '0')}`, 'x'));
    const newest = newestFirstOfOldestFirst(assignSlugs(entries)).map((slugged) => slugged.entry);
    expect(newest).toEqual([...entries].sort(compareNewestFirst));
    expect(newestFirstOfOldestFirst([])).toEqual([]);
  });
});
