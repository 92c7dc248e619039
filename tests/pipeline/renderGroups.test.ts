import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Article, ArticleMeta, Teaser } from '../../src/article/article.js';
import { ContentCache } from '../../src/cache/contentCache.js';
import { indexContent } from '../../src/content/loadContent.js';
import type { OutputGroup } from '../../src/pipeline/planSite.js';
import { renderGroups } from '../../src/pipeline/renderGroups.js';
import { testSite } from '../support/site.js';

const now = new Date('2026-11-25T00:00:00Z');

function page(items: ArticleMeta[]): OutputGroup {
  return { name: 'page', paths: ['page.html'], items, key: 'page', needs: 'bodies', render: async (articles: Article[]) => new Map([['page.html', articles.map((a) => a.html).join('')]]) };
}

function list(items: ArticleMeta[]): OutputGroup {
  return { name: 'list', paths: ['list.html'], items, key: 'list', needs: 'summaries', render: async (teasers: Teaser[]) => new Map([['list.html', teasers.map((t) => t.summary).join('|')]]) };
}

describe('rendering output groups', () => {
  it('renders a body once a build: the lists after its page take the summary it left', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-groups-'));
    await writeFile(join(dir, 'one.md'), '---\ntitle: One\ndate: 2026-11-01\n---\nThe first paragraph, shown in lists.\n\nThe rest of the body.\n');
    const site = testSite();
    const options = { contentDir: dir, site, now, displayRoot: dir };
    const index = await indexContent(options);
    const context = { remember: false, links: { siteUrl: site.url }, parsed: index.parsed, summaries: new Map<string, string>() };
    const pages = await renderGroups([page(index.entries)], options, context);
    expect(pages.files.get('page.html')).toContain('The rest of the body.');
    // Gone from disk and let go by the index: only the summary the page left can make the list now.
    await rm(join(dir, 'one.md'));
    const lists = await renderGroups([list(index.entries)], options, context);
    expect(lists.rejected).toEqual([]);
    expect(lists.files.get('list.html')).toBe('The first paragraph, shown in lists.');
    expect(lists.complete).toHaveLength(1);
    // A build that had not rendered it would have to read the file again.
    const fresh = await renderGroups([list(index.entries)], options, { ...context, summaries: new Map() });
    expect(fresh.rejected).toHaveLength(1);
    expect(fresh.complete).toEqual([]);
  });

  it('takes a list\'s teasers at a later build from the summaries the cache kept, for the same file at the same URL', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-groups-'));
    await writeFile(join(dir, 'one.md'), '---\ntitle: One\ndate: 2026-11-01\n---\nThe first paragraph, shown in lists.\n\nThe rest of the body.\n');
    const site = testSite();
    const options = { contentDir: dir, site, now, displayRoot: dir };
    const cache = new ContentCache();
    const index = await indexContent(options, cache);
    const build = () => ({ cache, remember: false, links: { siteUrl: site.url }, parsed: index.parsed, summaries: new Map<string, string>() });
    await renderGroups([page(index.entries)], options, build());
    // The next build: the file cannot be read, so the teaser can only come from the cache.
    await rm(join(dir, 'one.md'));
    const lists = await renderGroups([list(index.entries)], options, build());
    expect(lists.rejected).toEqual([]);
    expect(lists.files.get('list.html')).toBe('The first paragraph, shown in lists.');
    // At another URL (its slug changed) the kept summary is not used: the body is rendered again.
    const moved = index.entries.map((entry) => ({ ...entry, url: `${entry.url}moved/` }));
    expect((await renderGroups([list(moved)], options, build())).rejected).toHaveLength(1);
  });
});
