import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const fixtures = resolve(import.meta.dirname, '../fixtures');

interface FeedItem {
  title: string;
  url: string;
  date_published: string;
  date_modified: string;
  tags?: string[];
  summary: string;
  content_html: string;
}

/** `broadsheet build` of one fixture folder shaped like another tool's site, with its own state folder and config. */
async function buildArchive(folder: string, config: object = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-archive-'));
  const configFile = join(dir, 'broadsheet.config.json');
  await writeFile(configFile, JSON.stringify({ ...config, paths: { stateDir: join(dir, 'state') } }));
  const out = join(dir, 'out');
  const result = await runCli(['build', '--config', configFile, '--content', join(fixtures, 'content', folder), '--out', out], { cwd: fixtures });
  const feed = JSON.parse(await readFile(join(out, 'feed.json'), 'utf8')) as { items: FeedItem[] };
  const byTitle = new Map(feed.items.map((item) => [item.title, item]));
  const page = (item: FeedItem | undefined) => readFile(join(out, new URL(item?.url ?? '').pathname, 'index.html'), 'utf8');
  return { result, items: feed.items, byTitle, page, out };
}

describe('a Jekyll site: _posts with Liquid, categories and Jekyll dates', async () => {
  const { result, byTitle, items } = await buildArchive('jekyll-site', { site: { timezone: 'Europe/Paris', url: 'https://gazette.example.org/harbour/' } });

  it('publishes every dated post, notes the draft and the undated page, and exits 0', () => {
    expect(result.code).toBe(0);
    expect(items.map((item) => item.title)).toEqual(['Harbour fog, and the 40K GitHub stars of the tide app', 'The night ferry returns']);
    expect(result.stdout).toContain('skipped content/jekyll-site/_posts/2013-07-01-not-ready.md (a draft)');
    expect(result.stdout).toContain('skipped content/jekyll-site/about.md (a page with no date, not an article; give it a date to publish it)');
  });

  it('reads `2013-05-06 02:12:52 +0200` with its offset, and a date without a zone in site.timezone', () => {
    expect(byTitle.get('The night ferry returns')?.date_published).toBe('2013-05-06T00:12:52.000Z');
    expect(byTitle.get('Harbour fog, and the 40K GitHub stars of the tide app')?.date_published).toBe('2013-06-01T19:30:00.000Z');
  });

  it('makes categories and tags the feed categories, and slugs that keep words whole', () => {
    expect(byTitle.get('The night ferry returns')?.tags).toEqual(['ferries', 'transport', 'harbour']);
    expect(byTitle.get('Harbour fog, and the 40K GitHub stars of the tide app')).toMatchObject({
      tags: ['weather'],
      url: 'https://gazette.example.org/harbour/articles/harbour-fog-and-the-40k-github-stars-of-the-tide-app/',
    });
  });

  it('takes the summary before <!--more-->, without bracketed URLs, and never the title again', () => {
    expect(byTitle.get('The night ferry returns')?.summary).toBe('The night ferry to the islands runs again from June, with a timetable for the first weeks. Read more on Rustup later.');
    expect(byTitle.get('Harbour fog, and the 40K GitHub stars of the tide app')?.summary).toBe('Fog closed the harbour for most of the evening.');
  });

  it('carries the Liquid over: links to posts and the site, highlight blocks, raw blocks, page fields, footnotes', () => {
    const html = byTitle.get('The night ferry returns')?.content_html ?? '';
    expect(html).toContain('href="https://gazette.example.org/harbour/articles/harbour-fog-and-the-40k-github-stars-of-the-tide-app/"');
    expect(html).toContain('src="https://gazette.example.org/harbour/assets/ferry.jpg"');
    expect(html).toContain('<pre><code class="language-ruby">puts "all aboard" # {{ not a tag }}');
    expect(html).toContain('{{ page.title }}');
    expect(html).toContain('The page is called The night ferry returns.');
    expect(html).toMatch(/<li id="fn1"[^>]*>/);
    expect(html).not.toMatch(/\{% ?(raw|endraw|highlight|post_url)/);
  });

  it('shows an unknown tag as written and reports it as one warning line with the file and line', () => {
    expect(byTitle.get('The night ferry returns')?.content_html).toContain('{% include signup.html %}');
    expect(result.stderr.trim().split('\n')).toEqual([
      'warning content/jekyll-site/_posts/2013-05-06-night-ferry.markdown:29: {% include signup.html %} is template syntax broadsheet does not run; it is shown as written.',
    ]);
  });
});

describe('a Hugo site: TOML and JSON front matter, _index.md, shortcodes', async () => {
  const { result, byTitle, items, page } = await buildArchive('hugo-site/content');

  it('publishes the posts, skips the listing page, the undated page, the embargoed and the expired post, and exits 0', () => {
    expect(result.code).toBe(0);
    expect(items.map((item) => item.title).sort()).toEqual(['A walk around the harbour', 'Ferry timetable for the spring', 'New tide tables for the outer harbour']);
    for (const note of [
      'skipped content/hugo-site/content/_index.md (a listing page, not an article)',
      'skipped content/hugo-site/content/about.md (a page with no date, not an article; give it a date to publish it)',
      'skipped content/hugo-site/content/posts/embargoed.md (dated in the future)',
      'skipped content/hugo-site/content/posts/closed-notice.md (past its expiryDate)',
    ]) {
      expect(result.stdout).toContain(note);
    }
  });

  it('reads dates, lastmod, Description (any case) and tags with categories', () => {
    expect(byTitle.get('New tide tables for the outer harbour')).toMatchObject({
      date_published: '2024-03-11T02:45:00.000Z',
      date_modified: '2024-03-12T15:00:00.000Z',
      summary: 'Tide tables for the outer harbour, with the times of high water.',
      tags: ['tides', 'harbour', 'navigation'],
    });
    expect(byTitle.get('Ferry timetable for the spring')).toMatchObject({ date_published: '2024-02-01T00:00:00.000Z', tags: ['ferries'] });
    expect(byTitle.get('A walk around the harbour')).toMatchObject({
      date_published: '2024-05-01T00:00:00.000Z',
      tags: ['walks'],
      summary: "Zola's page bundles take their date from the folder's name.",
    });
  });

  it('shows the evening post at -07:00 on its own day, not the next day in UTC', async () => {
    expect(await page(byTitle.get('New tide tables for the outer harbour'))).toContain('<time datetime="2024-03-11T02:45:00.000Z">March 10, 2024</time>');
  });

  it('turns figure, ref and youtube into HTML and links, keeps heading ids, alignment, details and definition lists', () => {
    const html = byTitle.get('New tide tables for the outer harbour')?.content_html ?? '';
    expect(html).toContain('<figure><img src="http://127.0.0.1:8080/img/tide-gauge.jpg" alt="The tide gauge" /><figcaption>The gauge at the harbour mouth</figcaption></figure>');
    expect(html).toContain(`href="${byTitle.get('Ferry timetable for the spring')?.url}"`);
    expect(html).toContain('href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"');
    expect(html).toContain('<h2 id="high-water">High water</h2>');
    expect(html).toContain('href="http://127.0.0.1:8080/articles/new-tide-tables-for-the-outer-harbour/#high-water"');
    expect(html).toContain('<th style="text-align:right">Height</th>');
    expect(html).toContain('<details>\n<summary>How the tables are made</summary>');
    expect(html).toContain('<dt>Harbour master</dt>');
  });

  it('reports the unknown shortcode once, at its opening', () => {
    expect(result.stderr.trim().split('\n')).toEqual([
      'warning content/hugo-site/content/posts/tide-tables.md:27: {{< katex >}} is template syntax broadsheet does not run; it is shown as written.',
    ]);
  });
});

describe('an Eleventy site: Nunjucks, a pagination listing page, excerpt', async () => {
  const { result, byTitle, items } = await buildArchive('eleventy-site');

  it('publishes the posts, skips the listing page, and exits 0', () => {
    expect(result.code).toBe(0);
    expect(items.map((item) => item.title)).toEqual(['Meet the last keepers', 'The lighthouse gets a new lamp']);
    expect(result.stdout).toContain('skipped content/eleventy-site/blog/index.md (a listing page, not an article)');
  });

  it('reads excerpt as the summary, a bare date-time in the site zone, and tags', () => {
    expect(byTitle.get('The lighthouse gets a new lamp')).toMatchObject({ summary: 'An LED lamp replaces the 1950s bulb.', tags: ['posts', 'lighthouses'], date_published: '2023-09-12T00:00:00.000Z' });
    expect(byTitle.get('Meet the last keepers')).toMatchObject({ date_published: '2023-10-01T18:00:00.000Z', tags: ['posts'] });
  });

  it('carries Nunjucks over: comments dropped, fields filled, highlight, url filter, raw', () => {
    const lamp = byTitle.get('The lighthouse gets a new lamp')?.content_html ?? '';
    expect(lamp).not.toContain('written for the autumn issue');
    expect(lamp).toContain('The keepers of "The lighthouse gets a new lamp" fame');
    expect(lamp).toContain('<pre><code class="language-js">const lamp');
    expect(lamp).toContain('src="http://127.0.0.1:8080/img/lamp.jpg"');
    expect(byTitle.get('Meet the last keepers')?.content_html).toContain('{{ keeper.name }}');
    expect(byTitle.get('Meet the last keepers')?.summary).toBe('Two keepers still live on the rock, and they like it there.');
  });

  it('reports the unknown shortcode with its file and line', () => {
    expect(result.stderr.trim().split('\n')).toEqual([
      'warning content/eleventy-site/blog/2023-09-12-lighthouse.md:16: {% previewExternal "lamp.makers" %} is template syntax broadsheet does not run; it is shown as written.',
    ]);
  });
});
