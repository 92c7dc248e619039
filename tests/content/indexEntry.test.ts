import { describe, expect, it } from 'vitest';
import { oneLine } from '../../src/content/indexEntry.js';
import { stableArticleId, uuidV5 } from '../../src/content/stableId.js';

describe('oneLine', () => {
  /** The definition: what XML forbids removed, every run of whitespace one space, trimmed. */
  const spec = (text: string) =>
    // eslint-disable-next-line no-control-regex
    text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '').replace(/\s+/g, ' ').trim();
  const PIECES = ['a', ' ', '  ', '\t', '\n', '\u00A0', '\uFEFF', '\u0007', '\uD83D\uDE00', '\uD83D', '\uDE00', 'é', '\uFFFE', 'b c', '\u2028', '\u3000'];

  it('equals its definition for every string of four pieces (its shortcut skips only text already clean)', () => {
    for (const a of PIECES) for (const b of PIECES) for (const c of PIECES) for (const d of PIECES) {
      const text = a + b + c + d;
      if (oneLine(text) !== spec(text)) expect(oneLine(text), JSON.stringify(text)).toBe(spec(text));
    }
  });
});

describe('article ids', () => {
  it('are RFC 4122 version 5 UUIDs of the path without its extension, fixed forever', () => {
    expect(stableArticleId('2026/harbour-plans.md')).toBe(uuidV5('2026/harbour-plans'));
    expect(stableArticleId('2026/harbour-plans.md')).toMatchInlineSnapshot(`"urn:uuid:ba6b2fa4-d90b-528f-8073-f764f9018ec6"`);
    expect(uuidV5('été/Zürich-😀')).toMatchInlineSnapshot(`"urn:uuid:96c5556b-8248-532b-a8e9-05f29577874c"`);
    expect(uuidV5('x'.repeat(5000))).toMatchInlineSnapshot(`"urn:uuid:038f1542-0a7f-5da9-b8dd-0d84c22145c1"`);
  });
});
