import slugify from '@sindresorhus/slugify';
import { describe, expect, it } from 'vitest';
import { slugOf } from '../../src/article/slug.js';

const PIECES = ['harbour', 'Council', 'BUDGET', 'iPhone', 'APIs', 'FOO360', 'x', '7', '2026', "don't", 'Conway’s', '&', '^', '`', '\\', '-', '--', ' ', '  ', ',', '.', ':', '!', '?', '"', '(', ')', '/', '_', 'Café', 'Ærø', 'Straße', '—', '–', '🦄', '♥', 'ﬁ', ...'\t+=*#%@|~<>{}[];'];

describe('slugOf', () => {
  it('agrees with slugify on titles a newsroom writes', () => {
    for (const title of [
      'Harbour council approves the budget',
      'Ferry strike: what changes on Monday?',
      'The World with AFP',
      'NATO summit opens in Vilnius',
      'Conway’s law, explained',
      'Rock & roll',
      'Élections régionales : les résultats',
      '2026 in 12 charts (part 1/2)',
      '   ',
      '--',
    ]) {
      expect(slugOf(title), title).toBe(slugify(title, { decamelize: false }));
    }
  });

  it('agrees with slugify on every pair of words, capitals and punctuation, alone and inside a title', () => {
    for (const first of PIECES) {
      for (const second of PIECES) {
        for (const between of ['', ' ']) {
          for (const text of [`${first}${between}${second}`, `Harbour ${first}${between}${second} news`]) {
            expect(slugOf(text), JSON.stringify(text)).toBe(slugify(text, { decamelize: false }));
          }
        }
      }
    }
  });
});

describe('slugs of titles with inner capitals', () => {
  it('keep words whole, as Jekyll, Hugo and Eleventy make them', () => {
    expect(slugOf('40K GitHub stars')).toBe('40k-github-stars');
    expect(slugOf('Why iPhone sales fell')).toBe('why-iphone-sales-fell');
    expect(slugOf('JavaScript on the Côte')).toBe('javascript-on-the-cote');
  });
});
