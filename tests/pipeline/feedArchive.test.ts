import { readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOnce } from '../../src/app.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import { buildSite } from '../../src/pipeline/buildSite.js';
import type { WalkedDocument } from '../support/archiveChain.js';
import { walkArchives } from '../support/archiveChain.js';
import { makeProject } from '../support/project.js';

const SITE = 'https://news.example.org/';

/** The sample content in a project of its own, its feeds archived `pageSize` articles a page, built as `build` does. */
async function archivedProject(pageSize: number) {
  const project = await makeProject({ ownContent: true });
  const settings = JSON.parse(await readFile(project.configFile, 'utf8')) as Record<string, unknown>;
  await writeFile(project.configFile, JSON.stringify({ ...settings, feeds: { limit: 2, archive: true, archivePageSize: pageSize } }));
  const config = loadConfig({ cwd: project.dir, env: project.env, configFile: project.configFile });
  const build = () => buildOnce(config, project.dir, { fresh: false, warn: (line) => expect.fail(line) });
  /** Each feed's chain, and every id it must hold: its feed's ids at a build whose feeds hold every article and link no archive. */
  let builds = 0;
  const walk = async (feeds: readonly string[]) => {
    const out = join(project.dir, `all-${++builds}`);
    await buildSite({ ...config, feeds: { ...config.feeds, limit: 10_000, archive: false }, paths: { ...config.paths, out } }, { now: new Date(), displayRoot: project.dir });
    const [chains, all] = await Promise.all([walkArchives(config.paths.out, SITE, feeds), walkArchives(out, SITE, feeds)]);
    return feeds.map((feed) => ({ feed, chain: chains[feed] as WalkedDocument[], ids: [...(all[feed]?.[0]?.ids ?? [])].sort() }));
  };
  return { ...project, out: config.paths.out, build, walk };
}

/** The page number of an archive page's URL: feeds/archive/atom-3.xml is 3. */
const pageOf = (url: string) => Number(/-(\d+)\.(xml|json)$/.exec(url)?.[1]);

/** The chain as a JSON Feed reader pages it: from the subscription feed along `next_url`. */
async function walkJson(out: string, start: string): Promise<{ url: string; ids: string[]; archive: boolean }[]> {
  const documents = [];
  for (let url: string | undefined = SITE + start; url !== undefined; ) {
    const feed = JSON.parse(await readFile(join(out, url.slice(SITE.length)), 'utf8')) as { next_url?: string; _archive?: { archive: boolean }; items: { id: string }[] };
    documents.push({ url, ids: feed.items.map((item) => item.id), archive: feed._archive?.archive === true });
    url = feed.next_url;
  }
  return documents;
}

/** What a reader walking the chain must find: each archive page once, linked both ways, and every article exactly once. */
function expectWholeArchive(chain: WalkedDocument[], subscription: string, ids: string[]): void {
  const [feed, ...pages] = chain;
  expect(feed?.url).toBe(SITE + subscription);
  expect(feed?.archive).toBe(false);
  expect(feed?.links['prev-archive']).toBe(pages[0]?.url);
  pages.forEach((page, i) => {
    expect(page.bozo, page.url).toBe(false);
    expect(page.archive, page.url).toBe(true);
    // A lone page holds the whole archive: marked complete, it links no other document (RFC 5005 section 2).
    expect(page.complete, page.url).toBe(pages.length === 1);
    expect(page.links.current).toBe(pages.length === 1 ? undefined : SITE + subscription);
    expect(page.links.self).toBe(page.url);
    expect(page.links['next-archive']).toBe(i === 0 ? undefined : pages[i - 1]?.url);
  });
  expect(pages.at(-1)?.links['prev-archive']).toBeUndefined();
  const archived = pages.flatMap((page) => page.ids);
  expect([...archived].sort()).toEqual(ids);
  expect(new Set(archived).size).toBe(archived.length);
  for (const id of feed?.ids ?? []) expect(ids).toContain(id);
}

describe('the feeds archived as RFC 5005 complete archives (feeds.archive)', () => {
  it('mark a channel whose whole archive is one page complete', async () => {
    const project = await archivedProject(100);
    await project.build();
    const [site] = await project.walk(['atom.xml']);
    expect(site?.chain.map((document) => [document.url, document.complete])).toEqual([
      [`${SITE}atom.xml`, false],
      [`${SITE}feeds/archive/atom-1.xml`, true],
    ]);
    expectWholeArchive(site?.chain ?? [], 'atom.xml', site?.ids ?? []);
  });

  it('are walked by feedparser from the subscription feed back to the first article, which finds every article once, after random additions, edits and removals', async () => {
    const project = await archivedProject(3);
    let seed = 19_052_005;
    const next = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    const pick = <T>(choices: readonly T[]): T => choices[Math.floor(next() * choices.length)] as T;
    const names = Array.from({ length: 12 }, (_, i) => `2026/walk-${i}.md`);
    const written = new Set<string>();
    /** The page each id was first seen on, per chain: it must never move. */
    const pageOfId = new Map<string, number>();
    for (let step = 0; step <= 24; step++) {
      if (step > 0) {
        const name = pick(names);
        const path = join(project.content, name);
        if (written.has(name) && next() < 0.3) {
          await rm(path);
          written.delete(name);
        } else {
          // A new article, or an edit of its title, its date or its tags: none may move it to another page.
          const day = String(1 + Math.floor(next() * 28)).padStart(2, '0');
          await writeFile(path, `---\ntitle: Walk ${pick(['one', 'two', 'three'])}\ndate: 2026-${pick(['02', '07', '12'])}-${day}\ntags: ${pick(['[]', '[local]', '[local, coast]'])}\n---\nStep ${step}.\n`);
          const mtime = new Date(Date.now() - 3_600_000 + step * 1000);
          await utimes(path, mtime, mtime);
          written.add(name);
        }
      }
      await project.build();
      if (step % 6 !== 0) continue;
      const json: Record<string, string> = { 'atom.xml': 'feed.json', 'rss.xml': 'feed.json', 'tags/local/atom.xml': 'tags/local/feed.json' };
      for (const { feed: subscription, chain, ids } of await project.walk(Object.keys(json))) {
        expectWholeArchive(chain, subscription, ids);
        for (const page of chain.slice(1)) {
          for (const id of page.ids) {
            const key = `${subscription} ${id}`;
            expect(pageOfId.get(key) ?? pageOf(page.url), `${id} stays on its page`).toBe(pageOf(page.url));
            pageOfId.set(key, pageOf(page.url));
          }
        }
        const jsonChain = await walkJson(project.out, json[subscription] as string);
        expect(jsonChain.map((document) => document.archive)).toEqual(chain.map((document) => document.archive));
        expect(jsonChain.slice(1).flatMap((document) => document.ids).sort()).toEqual(ids);
      }
    }
  }, 120_000);

  it('write a full page once more when the next page opens (its next-archive link), and then only the newest page for a new article', async () => {
    const project = await archivedProject(3);
    await project.build();
    const add = async (name: string, date: string) => {
      await writeFile(join(project.content, '2026', name), `---\ntitle: ${name}\ndate: ${date}\n---\nNew.\n`);
      return (await project.build()).written.filter((path) => path.startsWith('feeds/archive/')).sort();
    };
    // The six sample articles fill pages 1 and 2.
    expect(await add('first-new.md', '2026-11-01')).toEqual(['feeds/archive/atom-2.xml', 'feeds/archive/atom-3.xml', 'feeds/archive/feed-2.json', 'feeds/archive/feed-3.json', 'feeds/archive/rss-2.xml', 'feeds/archive/rss-3.xml']);
    // Dated before every other article, it still goes on the newest page: the pages before stay as readers have them.
    expect(await add('backdated.md', '2020-01-01')).toEqual(['feeds/archive/atom-3.xml', 'feeds/archive/feed-3.json', 'feeds/archive/rss-3.xml']);
  });

  it('keep every article on its page across builds, also after the build cache is dropped (--fresh)', async () => {
    const project = await archivedProject(2);
    await project.build();
    const [before] = await project.walk(['atom.xml']);
    await rm(join(project.content, '2026/editors-note.md'));
    await writeFile(join(project.content, '2026/late.md'), '---\ntitle: Late\ndate: 2019-01-01\n---\nLate.\n');
    const config = loadConfig({ cwd: project.dir, env: project.env, configFile: project.configFile });
    await buildOnce(config, project.dir, { fresh: true, warn: (line) => expect.fail(line) });
    const [after] = await project.walk(['atom.xml']);
    const pages = (chain: WalkedDocument[]) => new Map(chain.slice(1).flatMap((page) => page.ids.map((id) => [id, pageOf(page.url)])));
    const [was, is] = [pages(before?.chain ?? []), pages(after?.chain ?? [])];
    for (const [id, page] of is) if (was.has(id)) expect(page).toBe(was.get(id));
    expect(is.size).toBe(was.size);
  });
});
