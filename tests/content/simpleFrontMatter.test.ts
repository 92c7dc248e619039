import { load } from 'js-yaml';
import { FRONT_MATTER_YAML } from '../../src/content/frontMatterBlock.js';
import { describe, expect, it } from 'vitest';
import { readSimpleFrontMatter } from '../../src/content/simpleFrontMatter.js';

/** What js-yaml makes of a block, or the error it throws. */
function jsYaml(block: string): unknown {
  try {
    return load(block, { schema: FRONT_MATTER_YAML }) ?? {};
  } catch (error) {
    return error;
  }
}

const KEYS = ['title', 'date', 'tags', 'x_y', 'a-b', 'true', 'True', 'null', '__proto__', '<<', '1', 'ke y', '"quoted"'];

const VALUES = [
  'Plain words', 'Reporter 0', 'Hello, world', 'Café Zürich', 'foo:bar', 'https://example.org/a.png?x=1#frag', 'a#b', 'a #b', 'a: b', 'ends:',
  'true', 'True', 'TRUE', 'false', 'yes', 'no', 'on', 'off', 'null', 'Null', '~', '',
  '42', '-5', '+5', '0x1F', '0o17', '017', '0b101', '1_000', '3.14', '1e3', '.5', '.inf', '-.inf', '.nan', '.NaN', '12:30', '1:30:00',
  '2021-08-12', '2021-8-2', '2021-02-30', '2021-08-12T05:38:13.218Z', '2021-08-12T05:38:13Z', '2021-08-12 05:38:13', '2021-08-12t05:38:13.1+02:00', '2021-08-12T05:38:13-0530',
  '"double quoted"', '"with \\"escape\\""', '"tab\\t"', '"  spaced  "', '"a: b # c"', "'single'", "'it''s'", "'a: b'", '"unclosed', "'unclosed",
  '[a, b]', '[local, politics]', '[]', '[ ]', '[a,b]', '[a, , b]', '[a, b,]', '[1, 2]', '[true, null]', '[2021-01-01]', '["a, b", c]', "['a']", '[a, [b]]', '[a: b]', '[a #b]', '[a] #c', '[a, {b: c}]',
  '{a: b}', '- a', '-a', '? a', '&anchor x', '*alias', '!tag x', '!!str 5', '|', '>', '%x', '@x', '`x`', '<<', '#comment', 'x # comment',
  'trailing   ', 'a\u0085b', 'a\u2028b', 'a\tb', 'a\x7Fb', 'é\u00A0é',
];

describe('readSimpleFrontMatter', () => {
  it('reads what js-yaml reads, or leaves the block to js-yaml, for every key and value', () => {
    let read = 0;
    for (const key of KEYS) {
      for (const value of VALUES) {
        const block = `\n${key}: ${value}\n`;
        const fast = readSimpleFrontMatter(block);
        if (fast === undefined) continue;
        read++;
        expect(fast, JSON.stringify(block)).toEqual(jsYaml(block));
      }
    }
    // The common forms do take the fast path.
    expect(read).toBeGreaterThan(200);
  });

  it('reads what js-yaml reads for blocks of several lines', () => {
    const lines = ['title: One', 'date: 2021-08-12T05:38:13.218Z', 'tags: [a, b]', 'author: Ann', 'title: Again', '', '  indented: x', '# comment', '- item', 'plain', '...', 'key:', 'draft: true'];
    for (const a of lines) {
      for (const b of lines) {
        for (const c of lines) {
          const block = `\n${a}\n${b}\n${c}\n`;
          const fast = readSimpleFrontMatter(block);
          if (fast !== undefined) expect(fast, JSON.stringify(block)).toEqual(jsYaml(block));
        }
      }
    }
  });

  it('takes the front matter of the benchmark and of typical articles, dates as written (parseDate reads them in the site zone)', () => {
    const block = '\ntitle: "National is wind a hospital 0"\ndate: 2021-08-12T05:38:13.218Z\nauthor: Reporter 0\ntags: [local, politics]\n';
    expect(readSimpleFrontMatter(block)).toEqual({ title: 'National is wind a hospital 0', date: '2021-08-12T05:38:13.218Z', author: 'Reporter 0', tags: ['local', 'politics'] });
    expect(readSimpleFrontMatter('\ntitle: Harbour plans\ndate: 2026-03-14\nimage: https://example.org/harbour.jpg\ndraft: false\n')).toEqual({
      title: 'Harbour plans', date: '2026-03-14', image: 'https://example.org/harbour.jpg', draft: false,
    });
  });

  it('leaves nested values, repeated keys and comments to js-yaml', () => {
    for (const block of ['\nauthor:\n  name: Ann\n', '\ntitle: a\ntitle: b\n', '\n# note\ntitle: a\n', '\ntitle: a # note\n', '\ntags:\n  - a\n']) {
      expect(readSimpleFrontMatter(block), block).toBeUndefined();
    }
  });
});
