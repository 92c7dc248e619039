import { describe, expect, it } from 'vitest';
import { editsInPlace } from '../../src/cache/placement.js';
import { makeArticle } from '../support/articles.js';

describe('what places an article', () => {
  const first = makeArticle({ slug: 'first', tags: ['harbour'] });
  const second = makeArticle({ slug: 'second' });

  it('takes a new title, body or author as an edit in place', () => {
    const retitled = { ...second, title: 'Retitled', html: '<p>New.</p>', authors: [{ name: 'Bo' }] };
    expect(editsInPlace([first, second], [first, retitled])).toEqual(new Map([[second, retitled]]));
    expect(editsInPlace([first, second], [first, second])).toEqual(new Map());
  });

  it('takes a new path, date, slug, id or tag as a move', () => {
    for (const moved of [
      { ...first, sourcePath: 'elsewhere.md' },
      { ...first, published: new Date('2020-01-01T00:00:00Z') },
      { ...first, slug: 'renamed' },
      { ...first, id: 'urn:x:other' },
      { ...first, tags: ['harbour', 'ferries'] },
    ]) {
      expect(editsInPlace([first, second], [moved, second])).toBeUndefined();
    }
    expect(editsInPlace([first, second], [second, first])).toBeUndefined();
    expect(editsInPlace([first, second], [first])).toBeUndefined();
  });
});
