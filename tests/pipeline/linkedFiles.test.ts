import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyBuildCache } from '../../src/cache/buildCache.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import { buildSite } from '../../src/pipeline/buildSite.js';
import { REPO_ROOT } from '../support/cli.js';
import { CONTENT_FIXTURES } from '../support/contentFixtures.js';

const now = new Date('2026-11-25T12:00:00Z');
const SITE_URL = 'https://harbour.example.org/';
const BUNDLE_PAGE = '2024/05/a-walk-around-the-harbour/';

/**
 * A copy of the Hugo fixture (content/ with a page bundle, static/ beside it) built into its own out folder
 * with articlePath {year}/{month}/{slug}/, so a bundle's page is not at its folder's path; each build keeps
 * the cache in memory, as `start` does.
 */
async function hugoSite(site: object = {}, feeds: object = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-files-'));
  await cp(join(CONTENT_FIXTURES, 'hugo-site'), dir, { recursive: true });
  const configFile = join(dir, 'broadsheet.config.json');
  await writeFile(configFile, JSON.stringify({ site: { url: SITE_URL, articlePath: '{year}/{month}/{slug}/', ...site }, feeds, paths: { out: 'out', stateDir: 'state' } }));
  const config = loadConfig({ cwd: dir, env: {}, configFile });
  const cache = emptyBuildCache();
  const out = join(dir, 'out');
  return { dir, out, build: () => buildSite(config, { now, displayRoot: dir, cache }) };
}

/** Every URL under the site's that an out folder's pages and feeds use as an image or an enclosure, and those that are no file there. */
async function imageUrls(out: string, siteUrl: string): Promise<{ used: string[]; missing: string[] }> {
  const used = new Set<string>();
  for (const name of await readdir(out, { recursive: true })) {
    if (!/\.(html|xml|json)$/.test(name)) continue;
    const text = await readFile(join(out, name), 'utf8');
    // <img src>, RSS <enclosure url>, Atom <link rel="enclosure" href>, JSON Feed "image"; in JSON the quotes are escaped.
    for (const match of text.matchAll(/<img src=\\?"([^"\\]+)|<enclosure [^>]*url="([^"]+)"|rel="enclosure"[^>]*href="([^"]+)"|"image": "([^"]+)"/g)) {
      const url = match.slice(1).find((group) => group !== undefined) as string;
      if (url.startsWith(siteUrl)) used.add(url);
    }
  }
  const missing: string[] = [];
  for (const url of used) {
    const file = await stat(join(out, decodeURIComponent(url.slice(siteUrl.length)))).catch(() => undefined);
    if (file?.isFile() !== true) missing.push(url);
  }
  return { used: [...used].sort(), missing };
}

describe('a Hugo site: a page bundle and a static folder', () => {
  it('publishes every file the articles link to, so each <img> and enclosure URL under the site URL is a file in out/', async () => {
    const site = await hugoSite();
    const report = await site.build();
    expect(report.rejected).toEqual([]);
    expect(report.warnings.map((warning) => warning.message)).toEqual(['{{< katex >}} is template syntax broadsheet does not run; it is shown as written.']);
    const { used, missing } = await imageUrls(site.out, SITE_URL);
    // The bundle's own image beside its page (not at posts/2024-05-01-harbour-walk/), the figure's from static/.
    expect(used).toEqual([`${SITE_URL}${BUNDLE_PAGE}quay.jpg`, `${SITE_URL}img/tide-gauge.jpg`]);
    expect(missing).toEqual([]);
    expect(report.written).toEqual(expect.arrayContaining([`${BUNDLE_PAGE}quay.jpg`, 'img/tide-gauge.jpg']));
  });

  it('encloses a published image in the feeds with its real length and type', async () => {
    const site = await hugoSite();
    await site.build();
    const { size } = await stat(join(site.dir, 'content/posts/2024-05-01-harbour-walk/quay.jpg'));
    const url = `${SITE_URL}${BUNDLE_PAGE}quay.jpg`;
    expect(await readFile(join(site.out, 'rss.xml'), 'utf8')).toContain(`<enclosure length="${size}" type="image/jpeg" url="${url}"/>`);
    expect(await readFile(join(site.out, 'atom.xml'), 'utf8')).toContain(`<link rel="enclosure" type="image/jpeg" href="${url}" length="${size}"/>`);
  });

  it('encloses it so on the archive pages too (feeds.archive)', async () => {
    const site = await hugoSite({}, { archive: true });
    await site.build();
    const { size } = await stat(join(site.dir, 'content/posts/2024-05-01-harbour-walk/quay.jpg'));
    expect(await readFile(join(site.out, 'feeds/archive/rss-1.xml'), 'utf8')).toContain(`<enclosure length="${size}" type="image/jpeg" url="${SITE_URL}${BUNDLE_PAGE}quay.jpg"/>`);
  });

  it('with site.articlePages false, still publishes the files, which the feeds link', async () => {
    const site = await hugoSite({ articlePages: false });
    await site.build();
    const { used, missing } = await imageUrls(site.out, SITE_URL);
    expect(used).toEqual([`${SITE_URL}${BUNDLE_PAGE}quay.jpg`, `${SITE_URL}img/tide-gauge.jpg`]);
    expect(missing).toEqual([]);
    expect(await stat(join(site.out, BUNDLE_PAGE, 'index.html')).catch(() => undefined)).toBeUndefined();
  });

  it('copies a file again only when it changed, and then renders the feeds with its new length', async () => {
    const site = await hugoSite();
    await site.build();
    const again = await site.build();
    expect(again.written).toEqual([]);
    expect(again.unchanged).toEqual(expect.arrayContaining([`${BUNDLE_PAGE}quay.jpg`, 'img/tide-gauge.jpg']));
    await writeFile(join(site.dir, 'content/posts/2024-05-01-harbour-walk/quay.jpg'), Buffer.alloc(1234, 0xff));
    const changed = await site.build();
    expect(changed.written).toEqual(expect.arrayContaining([`${BUNDLE_PAGE}quay.jpg`, 'rss.xml', 'atom.xml']));
    expect(changed.written).not.toContain('img/tide-gauge.jpg');
    expect(await readFile(join(site.out, 'rss.xml'), 'utf8')).toContain('<enclosure length="1234" type="image/jpeg"');
  });

  it('removes a file from out/ once no article links it: its links deleted, or its article removed', async () => {
    const site = await hugoSite();
    await site.build();
    const bundle = join(site.dir, 'content/posts/2024-05-01-harbour-walk/index.md');
    await writeFile(bundle, (await readFile(bundle, 'utf8')).replace(/^image = .*\n/m, '').replace(/\n\nThe rest[\s\S]*$/, '\n'));
    const unlinked = await site.build();
    expect(unlinked.removed).toContain(`${BUNDLE_PAGE}quay.jpg`);
    expect(await stat(join(site.out, BUNDLE_PAGE, 'quay.jpg')).catch(() => undefined)).toBeUndefined();
    await rm(join(site.dir, 'content/posts/tide-tables.md'));
    const removed = await site.build();
    // The figure's image is the static folder's: it stays, as every file there does.
    expect(removed.removed).not.toContain('img/tide-gauge.jpg');
    expect((await stat(join(site.out, 'img/tide-gauge.jpg'))).isFile()).toBe(true);
  });
});

describe('files that are not there, and files in the way', () => {
  /** A content folder and static folder of the test's own: path under the project -> text. */
  async function buildProject(files: Record<string, string>) {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-files-'));
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    const configFile = join(dir, 'broadsheet.config.json');
    await writeFile(configFile, JSON.stringify({ site: { url: SITE_URL }, paths: { out: 'out', stateDir: 'state' } }));
    const report = await buildSite(loadConfig({ cwd: dir, env: {}, configFile }), { now, displayRoot: dir });
    return { report, out: join(dir, 'out') };
  }

  it('warns of a link to a file that does not exist, naming the article, the line and the file looked for', async () => {
    const { report } = await buildProject({
      'content/2026/ferry.md': '---\ntitle: Ferry\ndate: 2026-03-01\nimage: images/ferry.jpg\n---\nThe ferry.\n\n![The deck](images/deck.png)\n\n[Timetable](../timetable.pdf) and [the feed](../../rss.xml).\n',
    });
    expect(report.warnings.map((w) => `${w.file}:${w.line}: ${w.message}`)).toEqual([
      'content/2026/ferry.md:4: links to content/2026/images/ferry.jpg, which does not exist, so the link leads nowhere; add the file or fix the link.',
      'content/2026/ferry.md:8: links to content/2026/images/deck.png, which does not exist, so the link leads nowhere; add the file or fix the link.',
      'content/2026/ferry.md:10: links to content/timetable.pdf, which does not exist, so the link leads nowhere; add the file or fix the link.',
    ]);
  });

  it('copies static/ into out/ as it is, but never over a page or feed the build writes: a warning names both', async () => {
    const { report, out } = await buildProject({
      'content/ferry.md': '---\ntitle: Ferry\ndate: 2026-03-01\n---\nThe ferry.\n',
      'static/robots.txt': 'User-agent: *\n',
      'static/docs/guide.pdf': '%PDF-1.4 guide',
      'static/rss.xml': '<rss>not the feed</rss>',
    });
    expect(await readFile(join(out, 'robots.txt'), 'utf8')).toBe('User-agent: *\n');
    expect(await readFile(join(out, 'docs/guide.pdf'), 'utf8')).toBe('%PDF-1.4 guide');
    expect(await readFile(join(out, 'rss.xml'), 'utf8')).toContain('<rss version="2.0"');
    expect(report.warnings.map((w) => `${w.file}: ${w.message}`)).toEqual(['static/rss.xml: is not copied to out/rss.xml: the build writes that file itself; rename or move this one.']);
  });
});

describe('the sample content', () => {
  it('ships its images, so a fresh build shows them in the page and every feed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-files-'));
    const configFile = join(dir, 'broadsheet.config.json');
    await writeFile(configFile, JSON.stringify({ site: { url: SITE_URL }, paths: { content: join(REPO_ROOT, 'content'), out: 'out', stateDir: 'state' } }));
    const report = await buildSite(loadConfig({ cwd: dir, env: {}, configFile }), { now, displayRoot: dir });
    expect(report.warnings).toEqual([]);
    const { used, missing } = await imageUrls(join(dir, 'out'), SITE_URL);
    expect(used).toEqual([`${SITE_URL}2026/images/sleeper-cabin.jpg`, `${SITE_URL}2026/images/station-dusk.jpg`]);
    expect(missing).toEqual([]);
  });
});
