import { cp, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/loadConfig.js';
import { emptyBuildCache } from '../../src/cache/buildCache.js';
import type { ContentCache } from '../../src/cache/contentCache.js';
import { loadBuildCache, saveBuildCache } from '../../src/cache/buildCacheStore.js';
import { buildSite } from '../../src/pipeline/buildSite.js';
import { openDigestSource } from '../../src/pipeline/prepareDigest.js';
import { selectArticles } from '../../src/digest/selectArticles.js';
import type { ContentMemo } from '../../src/content/contentMemo.js';
import { outputFolder } from '../../src/io/outputTarget.js';
import type { ArchiveAssignments } from '../../src/feeds/archivePlan.js';
import { ArchivePages } from '../../src/store/archivePages.js';
import { openDatabase } from '../../src/store/database.js';
import { REPO_ROOT } from '../support/cli.js';
import { makeProject } from '../support/project.js';

const now = new Date('2026-11-25T12:00:00Z');
const anHourAgo = new Date(Date.now() - 3_600_000);

/**
 * A project with its own copy of the sample content, dated an hour ago, its feeds archived two articles a page
 * (feeds.archive), and a build that persists its cache and archive pages like `build` does. A build without a
 * cache gets the archive pages of the last build: they are state, which a cache must not change.
 */
async function cachedProject() {
  const project = await makeProject();
  const content = join(project.dir, 'content');
  await cp(join(REPO_ROOT, 'content'), content, { recursive: true });
  await editConfig((config) => void (config.feeds = { archive: true, archivePageSize: 2 }))(project.dir);
  for (const name of await articleFiles(content)) await utimes(join(content, name), anHourAgo, anHourAgo);
  const configFor = (out: string) => loadConfig({ cwd: project.dir, env: project.env, configFile: project.configFile, overrides: { content, out } });
  // As `start` keeps it: in memory, across builds, with the config it read at start-up (a scenario that
  // edits the config stands for a restart).
  const serviceCache = emptyBuildCache();
  const serviceArchive = new Map<string, Map<string, number>>();
  let archivePages: ArchiveAssignments = new Map();
  let started: { configText: string; config: ReturnType<typeof configFor> } | undefined;
  const scan = async () => {
    const configText = await readFile(project.configFile, 'utf8');
    if (started?.configText !== configText) started = { configText, config: configFor(join(project.dir, 'out')) };
    const report = await buildSite(started.config, { now, displayRoot: project.dir, cache: serviceCache, archivePages: serviceArchive });
    for (const [channel, pages] of report.archiveAdded) for (const [id, page] of pages) (serviceArchive.get(channel) ?? serviceArchive.set(channel, new Map()).get(channel))?.set(id, page);
    archivePages = serviceArchive;
    return report;
  };
  /** `watch` is shown the content cache before the build uses it. */
  const build = async (options: { fresh?: boolean; out?: string; watch?: (content: ContentCache) => void } = {}) => {
    const config = configFor(options.out ?? join(project.dir, 'out'));
    const db = openDatabase(config.paths.stateDir);
    try {
      const cache = loadBuildCache(db, content, { fresh: options.fresh === true });
      options.watch?.(cache.content);
      const report = await buildSite(config, { now, displayRoot: project.dir, cache, archivePages: new ArchivePages(db).current() });
      new ArchivePages(db).add(report.archiveAdded);
      saveBuildCache(db, cache);
      archivePages = new ArchivePages(db).current();
      return report;
    } finally {
      db.close();
    }
  };
  const uncached = (out: string) => buildSite(configFor(out), { now, displayRoot: project.dir, archivePages });
  return { dir: project.dir, content, build, scan, uncached };
}

/** Article files relative to the content folder, sorted. */
async function articleFiles(content: string): Promise<string[]> {
  return (await readdir(content, { recursive: true })).filter((name) => /\.(md|txt)$/.test(name)).sort();
}

/** The outputs, without the build's manifest: that lists what this one build wrote, which is what differs between the two. */
async function filesOf(dir: string): Promise<Map<string, string>> {
  const names = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile() && entry.name !== '.broadsheet-manifest.json');
  return new Map(await Promise.all(names.map(async (entry) => [join(entry.parentPath, entry.name).slice(dir.length), await readFile(join(entry.parentPath, entry.name), 'utf8')] as const)));
}

describe('the build cache kept in the state store between runs', () => {
  it('renders and writes nothing when nothing changed, and rewrites an output someone deleted', async () => {
    const { dir, build } = await cachedProject();
    const first = await build();
    expect(first.written).toContain('rss.xml');
    const second = await build();
    expect(second.written).toEqual([]);
    expect(second.unchanged).toEqual(expect.arrayContaining(first.written));
    await rm(join(dir, 'out', 'atom.xml'));
    expect((await build()).written).toEqual(['atom.xml']);
  });

  it('after an edit, an addition and a removal writes exactly what a build without a cache writes', async () => {
    const { dir, content, build, uncached } = await cachedProject();
    await build();
    const [first, second] = (await articleFiles(content)).filter((name) => name.endsWith('.md'));
    await writeFile(join(content, first as string), `${await readFile(join(content, first as string), 'utf8')}\nA correction, added later.\n`);
    await writeFile(join(content, 'added.md'), '---\ntitle: Added after the first build\ndate: 2026-11-20\ntags: [late]\n---\nNew.\n');
    await rm(join(content, second as string));
    const report = await build();
    expect(report.written).toEqual(expect.arrayContaining(['rss.xml', 'tags/late/rss.xml', 'index.html']));
    await uncached(join(dir, 'fresh-out'));
    expect(await filesOf(join(dir, 'out'))).toEqual(await filesOf(join(dir, 'fresh-out')));
  });

  it('keeps every article\'s summary between runs: after an article is added, the only one it learns is the new one\'s', async () => {
    const { content, build } = await cachedProject();
    await build();
    await writeFile(join(content, 'added.md'), '---\ntitle: Added after the first build\ndate: 2026-11-24\n---\nNew.\n');
    const learnt: string[] = [];
    const watch = (memo: ContentCache) => {
      const setSummary = memo.setSummary.bind(memo);
      memo.setSummary = (path, hash, url, text) => {
        if (memo.summary(path, hash, url) === undefined) learnt.push(path);
        setSummary(path, hash, url, text);
      };
    };
    const report = await build({ watch });
    expect(report.written).toContain('index.html');
    expect(learnt).toEqual(['added.md']);
  });

  it('moves a page whose slug changed, by a new title or by an older article taking its slug, as a build without a cache does', async () => {
    const { dir, content, build, uncached } = await cachedProject();
    await build();
    const library = join(content, '2026', 'library-late-opening.md');
    await writeFile(library, (await readFile(library, 'utf8')).replace('title: "Library trial: open until 10 pm on weekdays"', 'title: Library hours extended'));
    await writeFile(join(content, '2026', 'older-namesake.md'), '---\ntitle: Night trains return\ndate: 2020-01-01\n---\nAn older article of the same name.\n');
    const report = await build();
    expect(report.removed).toContain('articles/library-trial-open-until-10-pm-on-weekdays/index.html');
    await uncached(join(dir, 'fresh-out'));
    expect(await filesOf(join(dir, 'out'))).toEqual(await filesOf(join(dir, 'fresh-out')));
  });

  it('trusts an old size and mtime without reading the file; --fresh reads everything again', async () => {
    const { dir, content, build } = await cachedProject();
    await build();
    const path = join(content, '2026/night-trains-return.md');
    const before = await readFile(path, 'utf8');
    expect(before).toMatch(/title: .{5}/);
    // Same size, same mtime, other bytes: only a tool rewriting history does this.
    await writeFile(path, before.replace(/title: .{5}/, 'title: ZZZZZ'));
    await utimes(path, anHourAgo, anHourAgo);
    await build();
    expect(await readFile(join(dir, 'out', 'rss.xml'), 'utf8')).not.toContain('ZZZZZ');
    await build({ fresh: true });
    expect(await readFile(join(dir, 'out', 'rss.xml'), 'utf8')).toContain('ZZZZZ');
  });

  it('reports an article whose body cannot be rendered at every build until it is fixed, and publishes the rest', async () => {
    const { dir, content, build } = await cachedProject();
    await build();
    const path = join(content, '2026/night-trains-return.md');
    const size = (await stat(path)).size;
    // Other bytes under the same size and mtime: the index trusts its cache, and the new article path makes
    // every body render again, so the render is what reads the file.
    await writeFile(path, Buffer.alloc(size, 0xff));
    await utimes(path, anHourAgo, anHourAgo);
    await editConfig((config) => void (config.site.articlePath = 'posts/{slug}/'))(dir);
    for (let run = 0; run < 2; run++) {
      const report = await build();
      expect(report.rejected.map((error) => error.describe())).toEqual([expect.stringMatching(/night-trains-return\.md:1: is not UTF-8/)]);
      expect(report.published).toBe(5);
      await expect(stat(join(dir, 'out/posts/night-trains-return-to-the-coast-line/index.html'))).rejects.toThrow();
    }
  });

  it('reads again a file modified so close to its last read that its mtime cannot be trusted', async () => {
    const { dir, content, build } = await cachedProject();
    const path = join(content, 'racy.md');
    await writeFile(path, '---\ntitle: Racy AAAA\ndate: 2026-11-21\n---\nBody.\n');
    await build();
    const { mtime } = await stat(path);
    await writeFile(path, '---\ntitle: Racy BBBB\ndate: 2026-11-21\n---\nBody.\n');
    await utimes(path, mtime, mtime);
    await build();
    expect(await readFile(join(dir, 'out', 'rss.xml'), 'utf8')).toContain('Racy BBBB');
  });

  it('gives the digest the same articles as reading every file does', async () => {
    const { dir, content, build } = await cachedProject();
    await build();
    const config = loadConfig({ cwd: dir, env: { BROADSHEET_SECRET: 'x' }, configFile: join(dir, 'broadsheet.config.json'), overrides: { content } });
    const db = openDatabase(config.paths.stateDir);
    try {
      const firstDigest = async (cache?: ContentMemo) => {
        const source = await openDigestSource({ config, now, displayRoot: dir, cache });
        const selection = selectArticles(source.catalogue, [], new Map(), config.digest);
        return selection.kind === 'digest' ? source.render(1, [selection]) : [];
      };
      const cached = await firstDigest(loadBuildCache(db, content).content);
      expect(cached).toEqual(await firstDigest());
      expect(cached).toHaveLength(1);
    } finally {
      db.close();
    }
  });

  it('is not overwritten by a process that loaded it before another content folder took the store over', async () => {
    const { dir, content, build } = await cachedProject();
    await build();
    const first = openDatabase(join(dir, 'state'));
    const second = openDatabase(join(dir, 'state'));
    try {
      const earlier = loadBuildCache(first, content);
      for (const [path, file] of [...earlier.content.knownFiles()]) earlier.content.setFile(path, file);
      const elsewhere = join(dir, 'elsewhere');
      loadBuildCache(second, elsewhere);
      saveBuildCache(first, earlier);
      expect([...loadBuildCache(second, elsewhere).content.knownFiles()]).toEqual([]);
    } finally {
      first.close();
      second.close();
    }
  });

  it('starts afresh for another content folder', async () => {
    const { dir, build, content } = await cachedProject();
    await build();
    const db = openDatabase(join(dir, 'state'));
    try {
      expect(loadBuildCache(db, join(dir, 'elsewhere')).content.unchanged('x.md', () => undefined)).toBeUndefined();
      expect(loadBuildCache(db, content).outputs.isFresh('index.html', 'not the key', outputFolder(join(dir, 'out')).stat)).toBe(false);
    } finally {
      db.close();
    }
  });
});

/** The file in the sample content that a scenario edits: `edit` gets its text and returns the new one. */
function editArticle(name: string, edit: (text: string) => string) {
  return async (_dir: string, content: string) => {
    const path = join(content, '2026', name);
    await writeFile(path, edit(await readFile(path, 'utf8')));
  };
}

function editConfig(edit: (config: { site: Record<string, unknown>; feeds?: Record<string, unknown> }) => void) {
  return async (dir: string) => {
    const configFile = join(dir, 'broadsheet.config.json');
    const config = JSON.parse(await readFile(configFile, 'utf8')) as { site: Record<string, unknown> };
    edit(config);
    await writeFile(configFile, JSON.stringify(config));
  };
}

describe('a cached build writes exactly what a build without a cache writes, after', () => {
  const scenarios: [string, (dir: string, content: string) => Promise<void>][] = [
    ['site.articlePath changed', editConfig((config) => void (config.site.articlePath = 'posts/{slug}.html'))],
    ['article pages turned off', editConfig((config) => void (config.site.articlePages = false))],
    ['site.url changed', editConfig((config) => void (config.site.url = 'https://other.example.org/news/'))],
    ['feeds.limit lowered to 2', editConfig((config) => void (config.feeds = { ...config.feeds, limit: 2 }))],
    ['tag feeds turned off', editConfig((config) => void (config.feeds = { ...config.feeds, tagFeeds: false }))],
    ['feeds.archive turned off', editConfig((config) => void (config.feeds = { ...config.feeds, archive: false }))],
    ['feeds.archivePageSize raised to 3', editConfig((config) => void (config.feeds = { ...config.feeds, archivePageSize: 3 }))],
    ['an article removed from a full archive page', async (_dir, content) => rm(join(content, '2026/library-late-opening.md'))],
    ['the only article with a tag losing it', editArticle('editors-note.md', (text) => text.replace('tags: [about]', 'tags: []'))],
    ['an article dated into the future', editArticle('library-late-opening.md', (text) => text.replace('date: 2026-05-02', 'date: 2027-05-02'))],
    ['an article made a draft', editArticle('library-late-opening.md', (text) => text.replace('author: Tomás Rivera', 'author: Tomás Rivera\ndraft: true'))],
    ['an article whose front matter broke', editArticle('library-late-opening.md', (text) => text.replace('tags: [culture, local]', 'tags: [culture, local'))],
    ['an article whose body was edited', editArticle('library-late-opening.md', (text) => text.replace('six-month trial', 'six-month trial, extended to Saturdays'))],
    ['a plain-text article whose body was edited', editArticle('school-meals.txt', (text) => text.replace(/\n\n([^\n]+)\n/, '\n\n$1\n\nA paragraph added later.\n'))],
    ['an article given another tag', editArticle('library-late-opening.md', (text) => text.replace('tags: [culture, local]', 'tags: [culture, local, evenings]'))],
    ['an article moved to an earlier date', editArticle('library-late-opening.md', (text) => text.replace('date: 2026-05-02', 'date: 2026-01-02'))],
    [
      'two articles given the same id',
      async (dir, content) => {
        await editArticle('library-late-opening.md', (text) => text.replace('date: 2026-05-02', 'date: 2026-05-02\nid: shared'))(dir, content);
        await editArticle('night-trains-return.md', (text) => text.replace(/^date: (.*)$/m, 'date: $1\nid: shared'))(dir, content);
      },
    ],
    ['an article given an update date', editArticle('library-late-opening.md', (text) => text.replace('date: 2026-05-02', 'date: 2026-05-02\nupdated: 2026-05-09'))],
    [
      'an article retitled, its slug kept',
      editArticle('library-late-opening.md', (text) => text.replace('title: "Library trial: open until 10 pm on weekdays"', 'title: Late library\nslug: library-trial-open-until-10-pm-on-weekdays')),
    ],
    ['a plain-text article retitled', editArticle('school-meals.txt', (text) => text.replace('Free school meals extended to all primary pupils', 'Free meals for every pupil'))],
    ['a heading title changed', editArticle('2026-06-20-harbour-festival-programme.md', (text) => text.replace('# Harbour festival: the programme, day by day', '# Festival programme'))],
    ['a file renamed', async (_dir, content) => rename(join(content, '2026/library-late-opening.md'), join(content, '2026/library.md'))],
    [
      'two new articles with the same id',
      async (_dir, content) => {
        await writeFile(join(content, '2026/same-id-a.md'), '---\ntitle: Same id, first\ndate: 2026-11-01\nid: shared\n---\nA.\n');
        await writeFile(join(content, '2026/same-id-b.md'), '---\ntitle: Same id, second\ndate: 2026-11-02\nid: shared\n---\nB.\n');
      },
    ],
  ];
  for (const [name, change] of scenarios) {
    it(name, async () => {
      const { dir, content, build, uncached } = await cachedProject();
      await build();
      await change(dir, content);
      await build();
      await uncached(join(dir, 'fresh-out'));
      expect(await filesOf(join(dir, 'out'))).toEqual(await filesOf(join(dir, 'fresh-out')));
    });
    it(`${name}, in the service's scans`, async () => {
      const { dir, content, scan, uncached } = await cachedProject();
      await scan();
      await scan();
      await change(dir, content);
      await scan();
      await uncached(join(dir, 'fresh-out'));
      expect(await filesOf(join(dir, 'out'))).toEqual(await filesOf(join(dir, 'fresh-out')));
    });
  }
});

describe("the service's scans, through a seeded run of edits, additions and removals", () => {
  it('write after every step what a build without a cache writes, and reject the same files', async () => {
    const { dir, content, scan, uncached } = await cachedProject();
    // Few titles, days and tags, so that slugs collide (also with "-2" titles), dates tie, and ids clash.
    let seed = 20_261_126;
    const next = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    const pick = <T>(choices: readonly T[]): T => choices[Math.floor(next() * choices.length)] as T;
    const title = () => `title: ${pick(['Harbour news', 'Harbour News', 'Harbour news 2', 'Council vote', 'Night trains'])}`;
    const date = () => `date: ${pick(['2026-01-01', '2026-01-02', '2026-01-03'])}`;
    const frontMatter = () =>
      [
        title(),
        date(),
        `tags: ${pick(['[]', '[local]', '[local, coast]', '[coast]'])}`,
        ...(next() < 0.15 ? ['id: shared'] : []),
      ].join('\n');
    const names = Array.from({ length: 10 }, (_, i) => `2026/random-${i}.md`);
    const texts = new Map<string, string>();
    await scan();
    for (let step = 1; step <= 40; step++) {
      const name = pick(names);
      const text = texts.get(name);
      const roll = next();
      if (text !== undefined && roll < 0.2) {
        await rm(join(content, name));
        texts.delete(name);
      } else {
        // Most edits of an existing file change one thing: the body only (the scans' patch for articles edited
        // in place), or the title, the date or the id only (which move the article's slug, place or id check).
        const kept = (text?.split('\n---\n')[0] ?? '').slice(4);
        const edits = [
          () => kept,
          () => kept.replace(/^title: .*$/m, title()),
          () => kept.replace(/^date: .*$/m, date()),
          () => (kept.includes('\nid: shared') ? kept.replace('\nid: shared', '') : `${kept}\nid: shared`),
        ];
        const head = text === undefined || roll >= 0.8 ? frontMatter() : (edits[Math.floor(((roll - 0.2) / 0.6) * edits.length)] as () => string)();
        texts.set(name, `---\n${head}\n---\n${pick(['A body.', 'Another body, longer.', 'A third body, longer still.'])} Step ${step}.\n`);
        await writeFile(join(content, name), texts.get(name) as string);
        // Distinct past mtimes: stamps are trusted, and no edit hides behind an unchanged size and mtime.
        const mtime = new Date(anHourAgo.getTime() + step * 1000);
        await utimes(join(content, name), mtime, mtime);
      }
      const scanned = await scan();
      const fresh = await uncached(join(dir, `fresh-${step}`));
      expect(await filesOf(join(dir, 'out')), `step ${step}`).toEqual(await filesOf(join(dir, `fresh-${step}`)));
      expect(scanned.rejected.map((error) => error.describe()), `step ${step}`).toEqual(fresh.rejected.map((error) => error.describe()));
    }
  });

  it('keeps what it learnt of rejected files and pages, so an unchanged one is not read again, and starts afresh when files are read otherwise', async () => {
    const { dir, content, build } = await cachedProject();
    await writeFile(join(content, 'broken.md'), '---\ntitle: [unclosed\n---\n');
    await writeFile(join(content, 'about.md'), '---\ntitle: About\n---\nA page.\n');
    for (const name of ['broken.md', 'about.md']) await utimes(join(content, name), anHourAgo, anHourAgo);
    const first = await build();
    expect(first.rejected.map((error) => error.file)).toEqual([join('content', 'broken.md')]);
    const db = openDatabase(join(dir, 'state'));
    try {
      expect([...loadBuildCache(db, content).content.knownVerdicts()].map(([path]) => path).sort()).toEqual(['about.md', 'broken.md']);
      expect([...loadBuildCache(db, content, { reading: { timeZone: 'Europe/Paris' } }).content.knownVerdicts()]).toEqual([]);
    } finally {
      db.close();
    }
    const second = await build();
    expect(second.rejected.map((error) => error.describe())).toEqual(first.rejected.map((error) => error.describe()));
    expect(second.skipped).toEqual(first.skipped);
  });
});
