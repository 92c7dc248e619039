import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/loadConfig.js';
import { NO_LINKS } from '../../src/feeds/feedLinks.js';
import { renderFeedSet } from '../../src/feeds/renderFeeds.js';
import { buildSite } from '../../src/pipeline/buildSite.js';
import { makeArticle } from '../support/articles.js';
import { renderAllFeeds } from '../support/allFeeds.js';
import { loadContentFixture } from '../support/contentFixtures.js';
import { expectGolden } from '../support/golden.js';
import { memoryTarget } from '../support/memoryTarget.js';
import { testSite } from '../support/site.js';
import { validateAtom, xmllint } from '../support/xmlTools.js';
import type { XmlElement } from '../support/xmlTree.js';
import { elementsNamed, parseXml } from '../support/xmlTree.js';

const now = new Date('2026-11-25T12:00:00Z');
const site = testSite();
const main = { title: site.title, description: site.description, dir: '' };

async function writeAll(files: Map<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-feeds-'));
  for (const [path, body] of files) {
    await writeFile(join(dir, path.replaceAll('/', '__')), body);
  }
  return dir;
}

const tricky = [
  makeArticle({ title: 'AT&T <b>bold</b> & "quotes" ]]> end', summary: 'R&D <i>summary</i>', tags: ['R&D', 'Café'], html: '<p>a ]]> b</p>' }),
  makeArticle({ title: 'Nobody signed this', authors: [] }),
  makeArticle({ title: 'With an image', image: { url: 'https://news.example.org/i/quay.jpg', alt: 'Quay', type: 'image/jpeg' }, tags: ['café'] }),
  makeArticle({ title: 'Ünïcödé — “quotes” 日本語', authors: [{ name: 'Bo Lind', email: 'bo@example.org', url: 'https://bo.example.org/' }] }),
];

describe('the feeds of the sample content', async () => {
  const root = resolve(import.meta.dirname, '../..');
  const config = loadConfig({ cwd: root, env: {} });
  // Built into memory: the goldens are the build's own output, and the repository's out/ is left alone.
  const target = memoryTarget();
  const report = await buildSite(config, { now, displayRoot: root, target });
  const { files } = target;

  it('publishes every sample article', () => {
    expect(report.rejected.map((e) => e.describe())).toEqual([]);
    expect(report.published).toBeGreaterThanOrEqual(5);
  });

  it.each(['rss.xml', 'atom.xml', 'feed.json'])('match the golden %s', async (name) => {
    await expectGolden(`feeds/sample/${name}`, files.get(name) as string);
  });

  it('are well-formed XML, and Atom is valid against the RFC 4287 schema', async () => {
    const dir = await writeAll(files);
    const written = (suffix: string) => [...files.keys()].filter((path) => path.endsWith(suffix)).map((path) => join(dir, path.replaceAll('/', '__')));
    const wellFormed = await xmllint(...written('.xml'));
    expect(wellFormed.ok, wellFormed.output).toBe(true);
    const valid = await validateAtom(...written('atom.xml'));
    expect(valid.ok, valid.output).toBe(true);
  });
});

describe('renderFeedSet', () => {
  const files = renderFeedSet(tricky, site, main, { limit: 50, now, idFrom: 'id', links: NO_LINKS, enclosures: new Map() });
  const rss = files.get('rss.xml') as string;
  const atom = files.get('atom.xml') as string;
  const json = JSON.parse(files.get('feed.json') as string);

  it('writes well-formed, schema-valid XML even for titles with <, & and ]]>', async () => {
    const dir = await writeAll(files);
    expect((await xmllint(join(dir, 'rss.xml'))).ok).toBe(true);
    const atomCheck = await validateAtom(join(dir, 'atom.xml'));
    expect(atomCheck.ok, atomCheck.output).toBe(true);
  });

  it('keeps markup out of RSS titles, where readers disagree on what it means', () => {
    expect(rss).toContain('<title><![CDATA[AT&T ＜b＞bold＜/b＞ & "quotes" ]]＞ end]]></title>');
  });

  it('writes Atom titles as text, so every reader shows the same characters', () => {
    expect(atom).toContain('<title type="text">AT&amp;T &lt;b&gt;bold&lt;/b&gt; &amp; "quotes" ]]&gt; end</title>');
  });

  it('gives RSS a self link, a description and dc:creator authors', () => {
    expect(rss).toContain('<atom:link href="https://news.example.org/rss.xml" rel="self" type="application/rss+xml"/>');
    expect(rss).toContain(`<description>${site.description}</description>`);
    expect(rss).toContain('<dc:creator>Test Desk</dc:creator>');
    expect(rss).not.toContain('<author>');
  });

  it('gives Atom a feed author, so entries without one are valid, and a self link', () => {
    expect(atom).toMatch(/<feed[^>]*>[\s\S]*?<author>\s*<name>Test Desk<\/name>/);
    expect(atom).toContain('<link rel="self" href="https://news.example.org/atom.xml"/>');
  });

  it('uses stable ids as RSS guids and Atom ids', () => {
    for (const article of tricky) {
      expect(rss).toContain(`<guid isPermaLink="false">${article.id}</guid>`);
      expect(atom).toContain(`<id>${article.id}</id>`);
    }
  });

  it('carries the image as an enclosure with its real type', () => {
    expect(rss).toContain('<enclosure length="0" type="image/jpeg" url="https://news.example.org/i/quay.jpg"/>');
    expect(atom).toContain('<link rel="enclosure" type="image/jpeg" href="https://news.example.org/i/quay.jpg"/>');
  });

  it('dates the feed by its newest article, not by the clock', () => {
    const newest = Math.max(...tricky.map((a) => a.updated.getTime()));
    expect(atom).toContain(`<updated>${new Date(newest).toISOString()}</updated>`);
    expect(rss).toContain(`<lastBuildDate>${new Date(newest).toUTCString()}</lastBuildDate>`);
  });

  it('writes JSON Feed 1.1 with authors, language, both contents and both dates', () => {
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.feed_url).toBe('https://news.example.org/feed.json');
    expect(json.language).toBe('en');
    expect(json.authors).toEqual([{ name: 'Test Desk' }]);
    const item = json.items.find((i: { title: string }) => i.title === 'With an image');
    expect(item).toMatchObject({ image: 'https://news.example.org/i/quay.jpg', content_html: expect.any(String), content_text: expect.any(String) });
    expect(item.date_published).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(item.date_modified).toBeDefined();
    expect(item.author).toBeUndefined();
  });

  it('gives the same bytes for the same articles, whatever their order and the clock', () => {
    const again = renderFeedSet([...tricky].reverse(), site, main, { limit: 50, now: new Date('2030-01-01T00:00:00Z'), idFrom: 'id', links: NO_LINKS, enclosures: new Map() });
    expect(again).toEqual(files);
  });

  it('holds the newest `limit` articles', () => {
    const limited = renderFeedSet(tricky, site, main, { limit: 2, now, idFrom: 'id', links: NO_LINKS, enclosures: new Map() });
    expect(JSON.parse(limited.get('feed.json') as string).items).toHaveLength(2);
    expect((limited.get('rss.xml') as string).match(/<item>/g)).toHaveLength(2);
  });

  it('uses the clock only when there is no article', () => {
    const empty = renderFeedSet([], site, main, { limit: 50, now, idFrom: 'id', links: NO_LINKS, enclosures: new Map() });
    expect(empty.get('atom.xml')).toContain(`<updated>${now.toISOString()}</updated>`);
  });
});

describe('a subscription feed announced by WebSub hubs', () => {
  const hubs = ['https://hub.example.org/', 'https://other.example.net/hub?x=1&y=2'];
  const files = renderFeedSet(tricky, site, main, { limit: 50, now, idFrom: 'id', links: { hubs }, enclosures: new Map() });

  it('names each hub beside its self link, in every format (WebSub section 4)', () => {
    const atom = files.get('atom.xml') as string;
    expect(atom).toContain(`<link rel="self" href="${site.url}atom.xml"/>\n    <link rel="hub" href="https://hub.example.org/"/>\n    <link rel="hub" href="https://other.example.net/hub?x=1&amp;y=2"/>`);
    expect(files.get('rss.xml')).toContain('<atom:link rel="hub" href="https://hub.example.org/"/>');
    expect(JSON.parse(files.get('feed.json') as string).hubs).toEqual(hubs.map((url) => ({ type: 'WebSub', url })));
  });

  it('stays well-formed, and Atom valid against the RFC 4287 schema', async () => {
    const dir = await writeAll(files);
    expect((await xmllint(join(dir, 'rss.xml'), join(dir, 'atom.xml'))).ok).toBe(true);
    const atomCheck = await validateAtom(join(dir, 'atom.xml'));
    expect(atomCheck.ok, atomCheck.output).toBe(true);
  });
});

describe('an archive page (RFC 5005)', () => {
  const tag = { title: `${site.title}: R&D`, description: 'R&D', dir: 'tags/r-d/' };
  const files = renderFeedSet(tricky, site, tag, { limit: Number.POSITIVE_INFINITY, now, idFrom: 'id', links: { page: 2, prevArchive: 1, nextArchive: 4 }, enclosures: new Map() });
  const base = `${site.url}tags/r-d/`;

  it('lives in the channel folder, under feeds/archive/, numbered', () => {
    expect([...files.keys()]).toEqual(['tags/r-d/feeds/archive/rss-2.xml', 'tags/r-d/feeds/archive/atom-2.xml', 'tags/r-d/feeds/archive/feed-2.json']);
  });

  it('is marked fh:archive, links itself, its subscription feed and its neighbours, and keeps the channel id', () => {
    const atom = files.get('tags/r-d/feeds/archive/atom-2.xml') as string;
    expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xmlns:fh="http://purl.org/syndication/history/1.0">');
    expect(atom).toContain(`<id>${base}atom.xml</id>`);
    for (const link of [`rel="self" href="${base}feeds/archive/atom-2.xml"`, `rel="current" href="${base}atom.xml"`, `rel="prev-archive" href="${base}feeds/archive/atom-1.xml"`, `rel="next-archive" href="${base}feeds/archive/atom-4.xml"`]) {
      expect(atom).toContain(`<link ${link}/>`);
    }
    expect(atom).toContain('<fh:archive/>');
    const rss = files.get('tags/r-d/feeds/archive/rss-2.xml') as string;
    expect(rss).toContain('xmlns:fh="http://purl.org/syndication/history/1.0"');
    expect(rss).toContain(`<atom:link href="${base}feeds/archive/rss-1.xml" rel="prev-archive" type="application/rss+xml"/>`);
    expect(rss).toContain('<fh:archive/>');
  });

  it('pages JSON Feed readers to the older page with next_url, and says what it is in an extension', () => {
    const json = JSON.parse(files.get('tags/r-d/feeds/archive/feed-2.json') as string);
    expect(json.feed_url).toBe(`${base}feeds/archive/feed-2.json`);
    expect(json.next_url).toBe(`${base}feeds/archive/feed-1.json`);
    expect(json._archive).toEqual({ about: 'https://www.rfc-editor.org/rfc/rfc5005#section-4', archive: true, current: `${base}feed.json`, prev_archive: `${base}feeds/archive/feed-1.json`, next_archive: `${base}feeds/archive/feed-4.json` });
  });

  it('is well-formed XML, and Atom valid against the RFC 4287 schema', async () => {
    const dir = await writeAll(files);
    const [rss, atom] = ['rss-2.xml', 'atom-2.xml'].map((name) => join(dir, `tags__r-d__feeds__archive__${name}`)) as [string, string];
    expect((await xmllint(rss, atom)).ok).toBe(true);
    const atomCheck = await validateAtom(atom);
    expect(atomCheck.ok, atomCheck.output).toBe(true);
  });

  it('is marked fh:complete, linking no other document, when it is the only page', () => {
    const lone = renderFeedSet(tricky, site, main, { limit: Number.POSITIVE_INFINITY, now, idFrom: 'id', links: { page: 1, complete: true }, enclosures: new Map() });
    const atom = lone.get('feeds/archive/atom-1.xml') as string;
    expect(atom).toContain('<fh:archive/>\n    <fh:complete/>');
    expect(atom).not.toMatch(/rel="(current|prev-archive|next-archive)"/);
    expect(JSON.parse(lone.get('feeds/archive/feed-1.json') as string)._archive).toEqual({ about: 'https://www.rfc-editor.org/rfc/rfc5005#section-4', archive: true, complete: true });
  });

  it('links a subscription feed to its newest page, and no page is marked archive but the pages', () => {
    const feed = renderFeedSet(tricky, site, main, { limit: 50, now, idFrom: 'id', links: { prevArchive: 7 }, enclosures: new Map() });
    expect(feed.get('atom.xml')).toContain(`<link rel="prev-archive" href="${site.url}feeds/archive/atom-7.xml"/>`);
    expect(feed.get('atom.xml')).not.toContain('fh:archive');
    expect(JSON.parse(feed.get('feed.json') as string).next_url).toBe(`${site.url}feeds/archive/feed-7.json`);
  });
});

describe('the feeds of every channel', () => {
  it('writes one set per tag, merging tags that slugify alike', async () => {
    const files = await renderAllFeeds(tricky, site, now);
    expect([...files.keys()].sort()).toEqual([
      'atom.xml', 'feed.json', 'rss.xml',
      'tags/cafe/atom.xml', 'tags/cafe/feed.json', 'tags/cafe/rss.xml',
      'tags/r-and-d/atom.xml', 'tags/r-and-d/feed.json', 'tags/r-and-d/rss.xml',
    ]);
    const cafe = JSON.parse(files.get('tags/cafe/feed.json') as string);
    expect(cafe.items).toHaveLength(2);
    expect(cafe.feed_url).toBe('https://news.example.org/tags/cafe/feed.json');
  });

  it('lists an article whose tags slugify alike once in that feed, under the first of them', async () => {
    const files = await renderAllFeeds([makeArticle({ title: 'Twice tagged', tags: ['cafe', 'café'] })], site, now);
    const cafe = JSON.parse(files.get('tags/cafe/feed.json') as string);
    expect(cafe.items).toHaveLength(1);
    expect(cafe.title).toContain(': cafe');
  });

  it('writes only the site feeds when tag feeds are off', async () => {
    expect([...(await renderAllFeeds(tricky, site, now, { limit: 50, tagFeeds: false })).keys()]).toEqual(['rss.xml', 'atom.xml', 'feed.json']);
  });
});

describe('feeds of articles whose tags and URLs hold <, & and "', async () => {
  const { articles } = await loadContentFixture('unsafe-front-matter');
  const files = await renderAllFeeds(articles, site, now);

  it('stay well-formed XML, the site feeds and the tag feeds alike', async () => {
    const dir = await writeAll(files);
    const check = await xmllint(...[...files.keys()].filter((name) => name.endsWith('.xml')).map((path) => join(dir, path.replaceAll('/', '__'))));
    expect(check.ok, check.output).toBe(true);
  });

  it('read back as the tags and URLs the files give', () => {
    const atom = parseXml(files.get('atom.xml') as string);
    const entry = elementsNamed(atom, 'entry').find((e) => e.children.some((c) => c.name === 'title' && c.text.includes('Allowed URLs'))) as XmlElement;
    expect(elementsNamed(entry, 'category').map((c) => c.attributes.term)).toEqual(['<x>', 'r&d', '&amp;', 'quote"d']);
    // As its URL parser writes it: percent-encoded, the same URL.
    expect(elementsNamed(entry, 'uri').map((u) => u.text)).toEqual(['mailto:di@example.org?subject=%3Chi%3E&body=%22x%22']);
    const rss = parseXml(files.get('rss.xml') as string);
    const enclosures = elementsNamed(rss, 'enclosure').map((e) => e.attributes.url);
    expect(enclosures).toEqual(['https://news.example.org/articles/allowed-urls/images/%3Cquay%3E.jpg?size=%3Cbig%3E&crop=%221%22']);
  });
});
