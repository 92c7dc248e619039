import { describe, expect, it } from 'vitest';
import { loadContentFixture as load } from '../support/contentFixtures.js';
import { htmlToPlainText } from '../../src/content/plainText.js';

describe('front matter in TOML and JSON, as Hugo and Zola write it', async () => {
  const { articles, rejected } = await load('front-matter-syntax');
  const byPath = new Map(articles.map((a) => [a.sourcePath, a]));
  const errors = new Map(rejected.map((error) => [error.file, error.describe()]));

  it('reads TOML between +++ lines after a byte-order mark and blank lines, a date without a zone in UTC by default', () => {
    expect(byPath.get('bom-blank-toml.md')).toMatchObject({ title: 'After a BOM and blank lines', published: new Date('2026-01-03T10:00:00Z') });
    expect(byPath.get('bom-blank-toml.md')?.html).toBe('<p>Body.</p>');
  });

  it('reads `---toml` front matter too', () => {
    expect(byPath.get('toml-named.md')).toMatchObject({ title: 'Named TOML', published: new Date('2026-01-04T00:00:00Z') });
  });

  it('rejects broken TOML and JSON at the line of the file where the parser stopped', () => {
    expect(errors.get('front-matter-syntax/broken.toml.md')).toMatch(/^front-matter-syntax\/broken\.toml\.md:[45]: front matter is not valid TOML: .+\. Check the quoting and brackets/);
    expect(errors.get('front-matter-syntax/broken-json.md')).toMatch(/^front-matter-syntax\/broken-json\.md:4: front matter is not valid JSON: .+\. Check the quotes and commas/);
  });

  it('names the key the file used (lastmod) and its line for a day that is not in the calendar', () => {
    expect(errors.get('front-matter-syntax/bad-lastmod.md')).toBe(
      'front-matter-syntax/bad-lastmod.md:4: lastmod: "2026-02-30" is not a day in the calendar. Write it as YYYY-MM-DD with a month from 01 to 12 and a day that month has.',
    );
  });
});

describe('plain-text news articles in French', async () => {
  const { articles, rejected } = await load('plain-text-french');
  const article = articles[0];

  it('reads "dimanche 25 juillet 2021" as the date and "Le Monde avec AFP" as the byline', () => {
    expect(rejected).toEqual([]);
    expect(article).toMatchObject({ title: 'Le port rouvre aux ferries de nuit', published: new Date('2021-07-25T00:00:00Z'), authors: [{ name: 'Le Monde avec AFP' }] });
  });

  it('drops the French furniture: "Article réservé à nos abonnés", "Lire aussi", "Lire l’entretien", "Ecouter aussi"', () => {
    expect(htmlToPlainText(article?.html ?? '')).toBe('Les ferries de nuit reprennent à partir de juin, annonce la capitainerie.\n\nLa première traversée partira samedi soir.');
  });
});
