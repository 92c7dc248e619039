import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_KEYS } from '../../src/config/resolvedConfig.js';
import { DEFAULT_READ_OPTIONS } from '../../src/content/readOptions.js';
import { testSite } from '../support/site.js';
import { readArticles } from '../support/contentFixtures.js';

async function read(files: Record<string, string>, reading = DEFAULT_READ_OPTIONS) {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-fields-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return readArticles({ contentDir: dir, site: testSite(), now: new Date('2026-11-25T00:00:00Z'), displayRoot: dir, reading });
}

describe('front-matter fields under the names a site uses', () => {
  it('takes content.fields and content.taxonomies from the config, in place of the defaults they name', async () => {
    const { articles, rejected } = await read(
      { 'a.md': '---\ntitle: A\ndate: 2026-01-01\nteaser: The teaser.\ndescription: Not this.\ntopics: [Port, port, Quay]\ntags: [ignored]\n---\nBody.\n' },
      { ...DEFAULT_READ_OPTIONS, fields: { ...DEFAULT_FIELD_KEYS, summary: ['teaser'] }, taxonomies: ['topics'] },
    );
    expect(rejected).toEqual([]);
    expect(articles[0]).toMatchObject({ summary: 'The teaser.', tags: ['port', 'quay'] });
  });

  it('treats a key with no value as absent, and reports a bad value under the key the file used', async () => {
    const { articles, rejected } = await read({
      'empty.md': '---\ntitle: Empty description\ndate: 2026-01-01\ndescription:\n---\nThe first paragraph.\n',
      'bad.md': '---\ntitle: Bad\ndate: 2026-01-01\ncategories: { a: 1 }\n---\nBody.\n',
    });
    expect(articles.map((a) => a.summary)).toEqual(['The first paragraph.']);
    expect(rejected.map((error) => error.describe())).toEqual([
      'bad.md:4: categories: must be a list such as [news, local] or a string "news, local". Fix this front-matter field (see "Article files" in README.md).',
    ]);
  });

  it("treats a blank value as absent, as Hugo does with its archetypes' slug = \"\"", async () => {
    const { articles, rejected } = await read({
      'archetype.md': '+++\ntitle = "Harbour lights"\ndate = 2026-01-01\nslug = ""\nurl = ""\ndescription = ""\nimage = " "\n+++\nThe first paragraph.\n',
    });
    expect(rejected).toEqual([]);
    expect(articles[0]).toMatchObject({ slug: 'harbour-lights', summary: 'The first paragraph.' });
    expect(articles[0]?.url).toMatch(/\/harbour-lights\/$/);
    expect(articles[0]?.image).toBeUndefined();
  });

  it('reads a date without a zone in the site zone and shows its day there', async () => {
    const { articles } = await read({ 'late.md': '---\ntitle: Late\ndate: 2026-03-14 23:30\n---\nBody.\n' }, { ...DEFAULT_READ_OPTIONS, timeZone: 'America/New_York' });
    expect(articles[0]).toMatchObject({ published: new Date('2026-03-15T03:30:00Z'), timeZone: 'America/New_York' });
  });
});
