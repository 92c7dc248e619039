import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/loadConfig.js';
import { buildSite } from '../../src/pipeline/buildSite.js';
import { CONTENT_FIXTURES } from '../support/contentFixtures.js';
import { memoryTarget } from '../support/memoryTarget.js';

const now = new Date('2026-11-25T12:00:00Z');

/** A build of a fixture folder into memory, with a config of the test's own. */
async function buildFixture(folder: string, config: { site?: object; feeds?: object }) {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-paths-'));
  const configFile = join(dir, 'broadsheet.config.json');
  await writeFile(configFile, JSON.stringify({ ...config, paths: { content: join(CONTENT_FIXTURES, folder), stateDir: join(dir, 'state'), out: join(dir, 'out') } }));
  const target = memoryTarget();
  const report = await buildSite(loadConfig({ cwd: dir, env: {}, configFile }), { now, displayRoot: CONTENT_FIXTURES, target });
  const feed = JSON.parse(target.files.get('feed.json') as string) as { items: { id: string; url: string; title: string }[] };
  const atom = target.files.get('atom.xml') as string;
  return { report, target, feed, atom };
}

const JEKYLL = { site: { url: 'https://gazette.example.org/harbour/', timezone: 'Europe/Paris', articlePath: '{year}/{month}/{day}/{filename}.html' } };

/**
 * What jekyll-feed 0.17 writes for the posts of tests/fixtures/content/jekyll-permalinks (its _config.yml:
 * `permalink: /:year/:month/:day/:title:output_ext`, url + baseurl https://gazette.example.org/harbour):
 * `<link href="{{ post.url | absolute_url }}">` and `<id>{{ post.id | absolute_url }}</id>`, where Jekyll's
 * Document#id is `File.join(File.dirname(url), data["slug"])`, the slug being the file's name after the date.
 */
const JEKYLL_FEED = [
  { title: 'Regatta results', link: 'https://gazette.example.org/harbour/2013/results/regatta-results/', id: 'https://gazette.example.org/harbour/2013/results/regatta-results' },
  { title: 'The summer regatta', link: 'https://gazette.example.org/harbour/regatta/', id: 'https://gazette.example.org/harbour/regatta' },
  { title: 'Tide tables for the summer', link: 'https://gazette.example.org/harbour/2013/06/02/Tide-Tables.html', id: 'https://gazette.example.org/harbour/2013/06/02/Tide-Tables' },
  { title: 'Harbour fog', link: 'https://gazette.example.org/harbour/2013/06/01/harbour-fog.html', id: 'https://gazette.example.org/harbour/2013/06/01/harbour-fog' },
  { title: 'The night ferry returns', link: 'https://gazette.example.org/harbour/2013/05/06/night-ferry.html', id: 'https://gazette.example.org/harbour/2013/05/06/night-ferry' },
];

describe('a Jekyll site moved with its paths: {year}/{month}/{day}/{filename}.html', async () => {
  const jekyll = await buildFixture('jekyll-permalinks', { ...JEKYLL, feeds: { idFrom: 'jekyll' } });
  const byUrl = await buildFixture('jekyll-permalinks', { ...JEKYLL, feeds: { idFrom: 'url' } });

  it('keeps every URL jekyll-feed links to, per-post permalinks (with Jekyll placeholders) included', () => {
    expect(jekyll.report.rejected).toEqual([]);
    expect(jekyll.feed.items.map((item) => [item.title, item.url])).toEqual(JEKYLL_FEED.map((post) => [post.title, post.link]));
    for (const post of JEKYLL_FEED) expect(jekyll.atom).toContain(`<link href="${post.link}"/>`);
  });

  it('with idFrom "jekyll", gives every entry the id jekyll-feed gave it, in every format', () => {
    expect(jekyll.feed.items.map((item) => item.id)).toEqual(JEKYLL_FEED.map((post) => post.id));
    for (const post of JEKYLL_FEED) {
      expect(jekyll.atom).toContain(`<id>${post.id}</id>`);
      expect(jekyll.target.files.get('rss.xml')).toContain(`<guid isPermaLink="false">${post.id}</guid>`);
    }
  });

  it('with idFrom "url", makes each id the URL (as Hugo and Eleventy write it)', () => {
    expect(byUrl.feed.items.map((item) => item.id)).toEqual(JEKYLL_FEED.map((post) => post.link));
  });

  it('writes each page at its URL, and a page redirecting to it at each old path of redirect_from', () => {
    const paths = [...jekyll.target.files.keys()];
    expect(paths).toEqual(expect.arrayContaining(['2013/05/06/night-ferry.html', '2013/06/02/Tide-Tables.html', 'regatta/index.html', '2013/results/regatta-results/index.html']));
    for (const alias of ['ferry/night.html', '2013/05/night-ferry/index.html']) {
      const page = jekyll.target.files.get(alias) ?? '';
      expect(page).toContain('<meta http-equiv="refresh" content="0; url=https://gazette.example.org/harbour/2013/05/06/night-ferry.html">');
      expect(page).toContain('<link rel="canonical" href="https://gazette.example.org/harbour/2013/05/06/night-ferry.html">');
    }
  });
});

describe('the files a Jekyll site links from its root', async () => {
  const { report, target, feed } = await buildFixture('jekyll-permalinks', JEKYLL);

  it('publishes assets/ at the path its posts link under the site URL ({{ "/assets/fog.jpg" | relative_url }}), the post keeping that link', () => {
    expect(report.warnings).toEqual([]);
    const fog = (feed.items as { title: string; content_html?: string }[]).find((item) => item.title === 'Harbour fog');
    expect(fog?.content_html).toContain('<img src="https://gazette.example.org/harbour/assets/fog.jpg" alt="The harbour in fog" />');
    expect(target.files.has('assets/fog.jpg')).toBe(true);
    expect(target.files.get('2013/06/01/harbour-fog.html')).toContain('src="https://gazette.example.org/harbour/assets/fog.jpg"');
  });
});

describe('article paths from file names and permalinks', () => {
  /** A content folder of the test's own: file path -> text. */
  async function buildFiles(files: Record<string, string>, site: object) {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-paths-'));
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(dir, dirname(path)), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    const configFile = join(dir, 'broadsheet.config.json');
    await writeFile(configFile, JSON.stringify({ site: { url: 'https://a.example/', ...site }, paths: { content: join(dir, 'content'), stateDir: join(dir, 'state') } }));
    const target = memoryTarget();
    const report = await buildSite(loadConfig({ cwd: dir, env: {}, configFile }), { now, displayRoot: dir, target });
    await rm(dir, { recursive: true, force: true });
    const feed = JSON.parse(target.files.get('feed.json') as string) as { items: { url: string; title: string }[] };
    return { report, target, urls: Object.fromEntries(feed.items.map((item) => [item.title, item.url])) };
  }
  const post = (title: string, extra = '', date = '2026-03-14') => `---\ntitle: ${title}\ndate: ${date}\n${extra}---\nText.\n`;

  it("tells apart two articles one path would hold as slugs are, the older keeping it; a page bundle is its folder's name", async () => {
    const { urls, report } = await buildFiles(
      { 'content/a/2026-03-14-ferry.md': post('First'), 'content/b/2026-03-14-ferry.md': post('Second'), 'content/posts/harbour-walk/index.md': post('Bundle') },
      { articlePath: '{year}/{filename}/' },
    );
    expect(report.rejected).toEqual([]);
    expect(urls).toEqual({ First: 'https://a.example/2026/ferry/', Second: 'https://a.example/2026/ferry-2/', Bundle: 'https://a.example/2026/harbour-walk/' });
  });

  it('lets a front-matter url win over articlePath, rejects a second article at one url, and never lets an alias replace a page', async () => {
    const { urls, report, target } = await buildFiles(
      {
        'content/one.md': post('One', 'url: /old/one\naliases: [/articles/two/, /old/1/]\n'),
        'content/two.md': post('Two'),
        'content/copy.md': post('Copy', 'permalink: /old/one/\n', '2026-03-15'),
      },
      {},
    );
    expect(urls).toEqual({ One: 'https://a.example/old/one/', Two: 'https://a.example/articles/two/' });
    expect(report.rejected.map((error) => `${error.file} ${error.field}: ${error.message}`)).toEqual([
      'content/copy.md permalink: would be published at https://a.example/old/one/, where content/one.md already is.',
    ]);
    expect(target.files.get('articles/two/index.html')).not.toContain('http-equiv="refresh"');
    expect(target.files.get('old/1/index.html')).toContain('url=https://a.example/old/one/');
  });

  it('reports a url that is no path of the site, and keeps articlePath for it', async () => {
    const { urls, report } = await buildFiles({ 'content/x.md': post('X', 'permalink: "{{ page.fileSlug }}/"\n'), 'content/y.md': post('Y', 'url: https://elsewhere.example/y/\n') }, {});
    expect(urls).toEqual({ X: 'https://a.example/articles/x/', Y: 'https://a.example/articles/y/' });
    expect(report.warnings.map((w) => `${w.file}:${w.line}: ${w.message}`)).toEqual([
      'content/x.md:4: permalink: "{{ page.fileSlug }}/" holds template syntax broadsheet does not run, so it was left out.',
      'content/y.md:4: url: "https://elsewhere.example/y/" is a full URL, not a path on this site, so it was left out.',
    ]);
  });
});
