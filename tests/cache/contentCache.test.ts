import { cp, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentCache } from '../../src/cache/contentCache.js';
import { indexContent } from '../../src/content/loadContent.js';
import { renderArticles } from '../../src/content/renderArticles.js';
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

  it('does not read a rejected or skipped file again while its size and mtime stay, and reads it once they move', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-cache-'));
    const broken = join(dir, 'broken.md');
    const page = join(dir, 'about.md');
    await writeFile(broken, '---\ntitle: [unclosed\ndate: 2026-01-01\n---\nBody.\n');
    await writeFile(page, '---\ntitle: About\n---\nA page.\n');
    // Older than the racy-clean window, so the stamps are trusted.
    const past = new Date('2026-01-01T00:00:00Z');
    for (const file of [broken, page]) await utimes(file, past, past);
    const options = { contentDir: dir, site: testSite(), now: new Date('2026-11-25T00:00:00Z'), displayRoot: dir };
    const cache = new ContentCache();
    const first = await indexContent(options, cache);
    expect(first.rejected.map((error) => error.describe())).toEqual([expect.stringMatching(/^broken\.md:3: front matter is not valid YAML/)]);
    expect(first.skipped).toEqual([{ file: 'about.md', reason: 'undated' }]);
    expect(cache.takeChanges().verdicts).toBe(true);

    // Same size, same mtime, fixed bytes: a build that trusts the stamp reports what it remembered.
    await writeFile(broken, '---\ntitle: unclosed!\ndate: 2026-01-01\n---\nBody.\n');
    await utimes(broken, past, past);
    const second = await indexContent(options, cache);
    expect(second.rejected.map((error) => error.describe())).toEqual(first.rejected.map((error) => error.describe()));
    expect(second.skipped).toEqual(first.skipped);
    expect(cache.takeChanges().verdicts).toBe(false);

    const later = new Date('2026-02-01T00:00:00Z');
    await utimes(broken, later, later);
    const third = await indexContent(options, cache);
    expect(third.rejected).toEqual([]);
    expect(third.entries.map((meta) => meta.title)).toEqual(['unclosed!']);
  });

  it('unpublishes an article at the first build after its expiryDate, and publishes one held back by publishDate when it comes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-cache-'));
    await writeFile(join(dir, 'notice.md'), '---\ntitle: Quay closed\ndate: 2026-01-05\nexpiryDate: 2026-06-01\n---\nClosed.\n');
    await writeFile(join(dir, 'budget.md'), '+++\ntitle = "Budget"\ndate = 2026-01-01\npublishDate = 2026-05-01T08:00:00Z\n+++\nMoney.\n');
    const cache = new ContentCache();
    const at = async (now: string) => indexContent({ contentDir: dir, site: testSite(), now: new Date(now), displayRoot: dir }, cache);
    expect((await at('2026-04-01T00:00:00Z')).entries.map((meta) => meta.title)).toEqual(['Quay closed']);
    const may = await at('2026-05-02T00:00:00Z');
    expect(may.entries.map((meta) => [meta.title, meta.published.toISOString()])).toEqual([['Quay closed', '2026-01-05T00:00:00.000Z'], ['Budget', '2026-01-01T00:00:00.000Z']]);
    const june = await at('2026-06-01T00:00:00Z');
    expect(june.entries.map((meta) => meta.title)).toEqual(['Budget']);
    expect(june.skipped).toEqual([{ file: 'notice.md', reason: 'expired' }]);
  });
});
