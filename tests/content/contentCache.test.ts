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

  it('hands a scan that finds nothing new the articles of the last one, and still follows the clock and reports duplicates', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-cache-'));
    await cp(resolve(import.meta.dirname, '../fixtures/content/markdown'), dir, { recursive: true });
    await writeFile(join(dir, 'future.md'), '---\ntitle: From the future\ndate: 2027-01-01\n---\nSoon.\n');
    await writeFile(join(dir, 'copy-a.md'), '---\ntitle: Copy A\ndate: 2026-01-01\nid: same-id\n---\nA.\n');
    await writeFile(join(dir, 'copy-b.md'), '---\ntitle: Copy B\ndate: 2026-01-02\nid: same-id\n---\nB.\n');
    const options = { contentDir: dir, site: testSite(), now: new Date('2026-11-25T00:00:00Z'), displayRoot: dir };
    const cache = new ContentCache();

    const first = await indexContent(options, cache);
    const second = await indexContent(options, cache);
    expect(second.entries).toBe(first.entries);
    expect(first.rejected.map((error) => [error.file, error.code])).toEqual([['copy-b.md', 'CONTENT_DUPLICATE']]);
    expect(second.rejected).toEqual(first.rejected);
    expect(second.skipped).toEqual([{ file: 'future.md', reason: 'future' }]);

    const later = await indexContent({ ...options, now: new Date('2027-01-02T00:00:00Z') }, cache);
    expect(later.entries[0]?.title).toBe('From the future');
    expect(later.skipped).toEqual([]);
  });
});
