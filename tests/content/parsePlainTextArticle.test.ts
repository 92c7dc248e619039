import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContentFixture, readArticles } from '../support/contentFixtures.js';
import { classifyParagraphs } from '../../src/content/parsePlainTextArticle.js';
import { parseHumanDate } from '../../src/content/parseDate.js';
import { htmlToPlainText } from '../../src/content/plainText.js';
import { testSite } from '../support/site.js';

/**
 * The seed lives beside the repository (shared/), never copied into it. A clone without it skips these tests
 * and says why; CI (CI=true) puts it there, so there a missing seed fails. BROADSHEET_TEST_SEEDS names
 * another folder (the test of this rule points it at an empty one).
 */
const seeds = process.env.BROADSHEET_TEST_SEEDS ?? resolve(import.meta.dirname, '../../../shared/seeds');
const seed = join(seeds, '000_6871edb721403190.txt');
const seedMissing = !existsSync(seed);
const inCi = process.env.CI === 'true';
const why = `${seed} is missing (outside CI the seed test is skipped; with CI=true it fails)`;

describe.skipIf(seedMissing && !inCi)(`the seed news article${seedMissing ? `: skipped, ${why}` : ''}`, async () => {
  it('is where CI puts it, beside the repository', () => {
    expect(seedMissing, why).toBe(false);
  });
  if (seedMissing) return;
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-seed-'));
  await writeFile(join(dir, 'seed.txt'), await readFile(seed));
  const { articles, rejected } = await readArticles({ contentDir: dir, site: testSite(), now: new Date('2026-11-25T00:00:00Z'), displayRoot: dir });
  const article = articles[0];

  it('has its title, date and byline', () => {
    expect(rejected).toEqual([]);
    expect(article?.title).toBe('Taliban say they seized a key border post with Pakistan');
    expect(article?.published.toISOString()).toBe('2021-07-25T00:00:00.000Z');
    expect(article?.authors).toEqual([{ name: 'The World with AFP' }]);
  });

  it('makes its subheading a heading', () => {
    expect(article?.html).toContain('<h2>All-out offensive against Afghan forces</h2>');
    expect(article?.html.match(/<h2>/g)).toHaveLength(1);
  });

  it('keeps none of the scraped cruft, and not the byline, in the body, text or summary', () => {
    for (const value of [article?.html, htmlToPlainText(article?.html ?? ''), article?.summary]) {
      expect(value).not.toMatch(/Article reserved|Read also|Read the op-ed|Also listen|The World with AFP/);
    }
  });

  it('keeps every real paragraph', () => {
    expect(article?.html.match(/<p>/g)).toHaveLength(7);
    expect(article?.summary).toMatch(/^The Taliban, which has been leading an all-out offensive/);
  });
});

describe('plain-text articles with bylines and scraped cruft', async () => {
  const { articles, rejected } = await loadContentFixture('plain-text-bylines');
  const byPath = new Map(articles.map((a) => [a.sourcePath, a]));

  it('drops a cruft line glued to the paragraph above it, but not a wrapped line of prose', () => {
    expect(rejected).toEqual([]);
    expect(byPath.get('hard-wrapped.txt')?.html).toBe(
      '<p>The first paragraph is wrapped over two lines.</p>\n<p>Readers who subscribe to the paper keep this line.</p>',
    );
  });

  it('reads the agency byline after the cruft as the author', () => {
    expect(byPath.get('hard-wrapped.txt')?.authors).toEqual([{ name: 'Le Monde with AP and Reuters' }]);
  });

  it('gives "By Jane Doe" as the author Jane Doe', () => {
    expect(byPath.get('by-name.txt')?.authors).toEqual([{ name: 'Jane Doe' }]);
    expect(byPath.get('by-name.txt')?.published.toISOString()).toBe('2026-04-12T00:00:00.000Z');
  });

  it('keeps a short last paragraph of prose in the body, with no author', () => {
    const article = byPath.get('prose-ending.txt');
    expect(article?.authors).toEqual([]);
    expect(article?.html).toContain('<p>Talks continued with Moscow</p>');
  });
});

describe('classifyParagraphs', () => {
  it('takes a short unpunctuated paragraph between others as a subheading, not the first or last', () => {
    const { blocks } = classifyParagraphs(['Short opener', 'Prose.', 'A heading here', 'More prose.', 'Closing words']);
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'paragraph', 'subheading', 'paragraph', 'paragraph']);
  });

  it('does not take a quotation or a long line for a subheading', () => {
    const long = 'x'.repeat(120);
    const { blocks } = classifyParagraphs(['Prose.', '“A quote without a full stop”', long, 'End.']);
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'paragraph', 'paragraph', 'paragraph']);
  });

  it.each([
    'The World with AFP',
    'Le Monde with AP and Reuters',
    'The Harbour Gazette with agencies',
    'El País with EFE, AFP & Reuters',
    'By Jane Doe',
    'By Jean-Luc de la Tour',
    'BY JANE DOE',
    'Reuters',
    'Associated Press',
  ])('reads "%s" as a byline', (line) => {
    expect(classifyParagraphs(['Prose.', line]).byline).toBe(line);
  });

  it.each([
    'It ended there.',
    'Ministers will meet again on Friday to decide the matter',
    'He left with nothing',
    'Talks continued with Moscow',
    'The talks ended with NATO.',
    'by and large it worked',
    'By then the damage was done',
    'The Minister of State with AFP sources and friends in Paris',
  ])('keeps "%s" as prose', (line) => {
    expect(classifyParagraphs(['Prose.', line]).byline).toBeUndefined();
  });

  it('takes a byline only from the last paragraph', () => {
    expect(classifyParagraphs(['Prose.', 'The World with AFP', 'More prose.']).byline).toBeUndefined();
  });

  it.each([
    'Subscribe',
    'Subscribe now for 1 euro',
    'Also read: the minister answers',
    'Article reserved for our subscribers Read also Something',
    'Read also: another story',
    'Read the op-ed: “Let us act”',
    'Also listen Can they?',
  ])('drops the cruft "%s"', (line) => {
    expect(classifyParagraphs(['Prose.', line, 'More.']).blocks.map((b) => b.text)).toEqual(['Prose.', 'More.']);
  });
});

describe('parseHumanDate', () => {
  it.each([
    ['July 25, 2021', '2021-07-25'],
    ['Jul 25 2021', '2021-07-25'],
    ['25 July 2021', '2021-07-25'],
    ['Sunday, July 25, 2021', '2021-07-25'],
    ['2021-07-25', '2021-07-25'],
    ['Sept. 3, 2024', '2024-09-03'],
  ])('reads "%s"', (text, day) => {
    expect(parseHumanDate(text)?.toISOString().slice(0, 10)).toBe(day);
  });

  it('reads ISO date-times with a zone', () => {
    expect(parseHumanDate('2026-03-14T09:30:00+01:00')?.toISOString()).toBe('2026-03-14T08:30:00.000Z');
  });

  it.each(['February 30, 2021', 'Julember 3, 2021', 'yesterday', '2021-13-01'])('refuses "%s"', (text) => {
    expect(parseHumanDate(text)).toBeUndefined();
  });
});
