import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderArticlePage } from '../../src/pages/articlePage.js';
import { buildSite } from '../../src/pipeline/buildSite.js';
import { makeArticle } from '../support/articles.js';
import { browserForTests } from '../support/browser.js';
import { makeProject } from '../support/project.js';
import { testSite } from '../support/site.js';
import { sitePagesFor } from '../support/templates.js';
import { BUILT_IN_TEMPLATES } from '../../src/templating/templateFolder.js';

const now = new Date('2026-11-25T12:00:00Z');

describe('article pages', () => {
  it('exist for every item a feed links to, with the article in them', async () => {
    const { dir, config } = await makeProject();
    await buildSite(config, { now, displayRoot: dir });
    const feed = JSON.parse(await readFile(join(config.paths.out, 'feed.json'), 'utf8')) as { items: { url: string; title: string }[] };
    expect(feed.items.length).toBeGreaterThan(0);
    for (const item of feed.items) {
      const path = new URL(item.url).pathname.slice(1);
      const page = await readFile(join(config.paths.out, path, 'index.html'), 'utf8');
      expect(page).toContain(`<link rel="canonical" href="${item.url}">`);
      expect(page).toMatch(/<h1>[^<]+<\/h1>/);
    }
  });

  it('show the body, the date and the byline, and escape the title', async () => {
    const { dir, config } = await makeProject();
    await buildSite(config, { now, displayRoot: dir });
    const feed = JSON.parse(await readFile(join(config.paths.out, 'feed.json'), 'utf8')) as { items: { url: string; content_html: string; date_published: string }[] };
    const item = feed.items[0] as (typeof feed.items)[number];
    const page = await readFile(join(config.paths.out, new URL(item.url).pathname, 'index.html'), 'utf8');
    expect(page).toContain(item.content_html);
    expect(page).toContain(`<time datetime="${new Date(item.date_published).toISOString()}">`);
  });

  it('are not written when site.articlePages is off', async () => {
    const { dir, config } = await makeProject();
    await buildSite({ ...config, site: { ...config.site, articlePages: false } }, { now, displayRoot: dir });
    expect(await readdir(config.paths.out)).not.toContain('articles');
  });
});

describe('an article page in a real browser', () => {
  const browser = browserForTests();

  const wideImage = 'data:image/svg+xml,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="400"/>');
  const awkward = makeArticle({
    title: 'A headline <with> "markup" & a very-long-unbroken-compound-word-that-must-still-wrap-somewhere-on-a-phone',
    html: `<p><img src="${wideImage}" alt="A wide picture"></p><pre>${'a_very_long_line_of_code();'.repeat(12)}</pre><table><tr>${'<td>column</td>'.repeat(30)}</tr></table>`,
  });

  it.each([375, 800])('shows awkward content without sideways scrolling at %i px', async (width) => {
    const page = await browser().newPage({ viewport: { width, height: 900 } });
    // The page as served, with the theme's stylesheet in place of its link (a page set as content has no origin).
    const html = renderArticlePage(await sitePagesFor(testSite()), awkward, { newer: undefined, older: undefined }, []);
    const css = await readFile(join(BUILT_IN_TEMPLATES, 'site/style.css'), 'utf8');
    await page.setContent(html.replace('<link rel="stylesheet" href="/style.css">', `<style>${css}</style>`), { waitUntil: 'load' });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
    expect(await page.title()).toBe(`${awkward.title} · The Test Gazette`);
    expect(await page.locator('h1').textContent()).toBe(awkward.title);
    await page.close();
  });
});
