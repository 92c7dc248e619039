import { describe, expect, it } from 'vitest';
import type { IndexEntry } from '../../src/article/article.js';
import { reviveEntry, storeEntry } from '../../src/cache/storedEntry.js';

const required: IndexEntry = {
  sourcePath: '2026/night-trains.md',
  sourceHash: 'abc',
  id: 'urn:uuid:1',
  title: 'Night trains',
  published: new Date('2026-03-14T00:00:00Z'),
  timeZone: '+01:00',
  updated: new Date('2026-03-15T09:30:00Z'),
  authors: [{ name: 'Ada', email: 'ada@example.org' }],
  tags: ['transport'],
  draft: false,
  slug: 'night-trains',
};

const everything: IndexEntry = {
  ...required,
  image: { url: 'images/sleeper.jpg', alt: 'A cabin' },
  availableFrom: new Date('2026-03-20T00:00:00Z'),
  expires: new Date('2027-01-01T00:00:00Z'),
  warnings: [{ line: 3, message: 'Liquid tag shown as written' }],
};

describe('an index entry as the build cache stores it', () => {
  it.each([
    ['every field set', everything],
    ['only the required fields', required],
  ])('reads back as it was written, through JSON, with %s', (_, entry) => {
    const revived = reviveEntry(entry.sourcePath, JSON.parse(JSON.stringify(storeEntry(entry))));
    expect(revived).toEqual(entry);
    expect(Object.keys(revived)).toEqual(Object.keys(entry));
  });
});
