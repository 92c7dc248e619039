import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderAllFeeds } from '../support/allFeeds.js';
import { readArticles } from '../support/contentFixtures.js';
import { testSite } from '../support/site.js';

const now = new Date('2026-11-25T00:00:00Z');
const site = testSite();

async function folderWith(frontMatter: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-tags-'));
  await writeFile(join(dir, 'tagged.md'), `---\ntitle: Tagged\ndate: 2026-03-14\n${frontMatter}---\nBody.\n`);
  return dir;
}

describe('an article with thousands of tags', async () => {
  const long = 'x'.repeat(101);
  const tags = Array.from({ length: 3000 }, (_, i) => `t${i}`);
  // Every taxonomy key counts: `categories` continues the list `tags` started.
  const dir = await folderWith(`tags: [${[long, ...tags.slice(0, 30)].join(', ')}]\ncategories: [${tags.slice(30).join(', ')}]\n`);
  const content = await readArticles({ contentDir: dir, site, now, displayRoot: dir });

  it('keeps its first 50 tags of up to 100 characters and still publishes', () => {
    expect(content.rejected).toEqual([]);
    expect(content.articles[0]?.tags).toEqual(tags.slice(0, 50));
  });

  it('says so once, naming the file and the tags line', () => {
    expect(content.warnings.map((w) => `${w.file}:${w.line}: ${w.message}`)).toEqual([
      'tagged.md:4: tags: 2951 of 3001 tags were dropped (1 longer than 100 characters, 2950 past the first 50); an article keeps at most 50 tags of up to 100 characters.',
    ]);
  });

  it('gets a feed set for each tag it kept, each listing only those tags: output grows with the tags linearly', async () => {
    const files = await renderAllFeeds(content.articles, site, now);
    expect(files.size).toBe(3 * (1 + 50));
    expect(files.get('tags/t0/rss.xml')?.match(/<category>/g)?.length).toBe(50);
  });
});

describe('an article within the limits', () => {
  it('keeps every tag without a warning, repeats counted once', async () => {
    const tags = Array.from({ length: 49 }, (_, i) => `tag-${i}`);
    const dir = await folderWith(`tags: [${tags.join(', ')}, TAG-0, tag-1]\ncategory: ${'y'.repeat(100)}\n`);
    const content = await readArticles({ contentDir: dir, site, now, displayRoot: dir });
    expect(content.warnings).toEqual([]);
    expect(content.articles[0]?.tags).toEqual([...tags, 'y'.repeat(100)]);
  });
});
