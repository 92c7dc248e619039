import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentCache } from '../../src/content/contentCache.js';
import { indexContent, renderArticles } from '../../src/content/loadContent.js';
import { testSite } from '../support/site.js';

describe('a content cache kept across builds', () => {
  it('reuses unchanged articles and sees every addition, edit and removal', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-cache-'));
    await cp(resolve(import.meta.dirname, '../fixtures/content/markdown'), dir, { recursive: true });
    const options = { contentDir: dir, site: testSite(), now: new Date('2026-11-25T00:00:00Z'), displayRoot: dir };
    const cache = new ContentCache();
    const render = async () => (await renderArticles((await indexContent(options, cache)).entries, options, cache)).articles;

    const first = await render();
    cache.takeChanges();
    const second = await render();
    expect(second).toEqual(first);
    expect(cache.takeChanges().renders).toEqual([]);

    await writeFile(join(dir, 'new.md'), '---\ntitle: Added later\ndate: 2026-11-01\n---\nNew.\n');
    await writeFile(join(dir, '2026-03-01-jekyll-style.md'), '# Retitled\n\nEdited body, longer than before.\n');
    await rm(join(dir, '2026-02-10-front-matter-everything.md'));
    const third = await render();
    expect(third.map((a) => a.title)).toEqual(['Added later', 'Retitled']);
    expect(third[1]?.html).toContain('Edited body');
  });
});
