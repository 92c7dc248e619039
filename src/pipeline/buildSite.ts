import { readdir, readFile, rm, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ResolvedConfig } from '../config/resolvedConfig.js';
import type { Article, ArticleMeta } from '../article/article.js';
import { newestFirst } from '../article/order.js';
import { articlePagePath } from '../article/url.js';
import type { BuildCache } from '../cache/buildCache.js';
import { articlePageKey, feedSetKey, indexPageKey, siteKeyOf } from '../cache/outputKeys.js';
import type { ContentChanges, ContentSkip } from '../content/loadContent.js';
import { indexContent, renderArticles } from '../content/loadContent.js';
import type { ContentWarningAt } from '../content/loadContent.js';
import { readOptionsOf } from '../content/readOptions.js';
import { articleLinks } from '../content/articleLinks.js';
import { BroadsheetError } from '../errors.js';
import { FEED_STYLESHEET, feedSetPaths } from '../feeds/channel.js';
import type { FeedPlan } from '../feeds/planFeeds.js';
import { planFeeds } from '../feeds/planFeeds.js';
import { mapConcurrent } from '../io/mapConcurrent.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';

/** Recent articles listed on out/index.html. */
const INDEX_PAGE_ARTICLES = 20;

export interface BuildReport {
  published: number;
  /** Article files added, edited or removed since the cache last saw them (all added without a cache). */
  changes: ContentChanges;
  rejected: BroadsheetError[];
  skipped: ContentSkip[];
  /** Template syntax shown as written, one per construct (file and line). */
  warnings: ContentWarningAt[];
  /** Output paths relative to the out folder, in the order written. */
  written: string[];
  unchanged: string[];
  /** Stale outputs deleted: a tag's feed folder (`tags/x/`), a removed article's page. */
  removed: string[];
}

export interface BuildDependencies {
  now: Date;
  /** Error messages name files relative to this folder (the CLI passes its working directory). */
  displayRoot: string;
  /** What earlier builds learnt (kept by a long-running process, persisted in the state store by the CLI). */
  cache?: BuildCache;
}

/** Files written together from one list of articles: a channel's three feeds, the index page, an article's page. */
interface OutputGroup {
  name: string;
  paths: string[];
  items: ArticleMeta[];
  key: string;
  render: (articles: Article[]) => Promise<Map<string, string>>;
}

const WRITE_CONCURRENCY = 16;

/** Article pages are rendered this many at a time, so a first build of a large archive never holds every body. */
const PAGE_BATCH = 200;

/**
 * content/ -> feeds, the index page, article pages and the feed stylesheet in out/. Every good article is
 * published even when others are rejected. With a cache, only the groups whose articles changed are
 * rendered and written, and the files of groups that no longer exist (a removed article's page) are deleted.
 */
export async function buildSite(config: ResolvedConfig, deps: BuildDependencies): Promise<BuildReport> {
  const options = { contentDir: config.paths.content, site: config.site, now: deps.now, displayRoot: deps.displayRoot, reading: readOptionsOf(config), showUnpublished: config.showUnpublished };
  const outDir = config.paths.out;
  const index = await indexContent(options, deps.cache?.content);
  const plan = () => planFeeds(index.entries, config.site, config.feeds);
  const plans = deps.cache?.feedPlans.plans({ site: config.site, feeds: config.feeds, articles: index.entries }, plan) ?? plan();
  const shared = sharedGroups(config, plans, index.entries, deps.now);
  const siteKey = siteKeyOf(config.site);
  const pages = config.site.articlePages ? index.entries.map((meta) => articlePageGroup(config, meta, siteKey)) : [];
  const groups = [...shared, ...pages];
  const memo = deps.cache?.outputs;
  const stale = new Set(groups.filter((group) => memo === undefined || !memo.isFresh(group.name, group.key, outDir)));
  const report: BuildReport = {
    published: index.entries.length,
    changes: index.changes,
    rejected: [...index.rejected],
    skipped: index.skipped,
    warnings: index.warnings,
    written: [],
    unchanged: [],
    removed: [],
  };
  const failed = new Set<string>();
  const links = articleLinks(config.site.url, index.entries);
  /** Files a group wrote at an earlier build and no longer writes: the old page of an article whose slug changed. */
  const moved: string[] = [];
  const build = async (batch: OutputGroup[], remember: boolean) => {
    const items = newestFirst([...new Set(batch.flatMap((group) => group.items))]);
    const rendered = await renderArticles(items, options, deps.cache?.content, { remember, links });
    for (const error of rendered.rejected) {
      // An article in several groups fails once, not once per group.
      if (failed.has(String(error.file))) continue;
      failed.add(String(error.file));
      report.rejected.push(error);
    }
    const bySource = new Map(rendered.articles.map((article) => [article.sourcePath, article]));
    // Written several at a time: one at a time, a build of thousands of pages mostly waits on the disk.
    await mapConcurrent(batch, WRITE_CONCURRENCY, async (group) => {
      const articles = group.items.flatMap((item) => bySource.get(item.sourcePath) ?? []);
      for (const [path, body] of await group.render(articles)) {
        const outcome = await writeFileAtomic(join(outDir, path), body);
        (outcome === 'written' ? report.written : report.unchanged).push(path);
      }
      // A group with an article that failed to render is not remembered, so the next build tries it again.
      if (articles.length === group.items.length) moved.push(...(memo?.record(group.name, group.key, outDir, group.paths) ?? []));
    });
  };
  for (const group of groups) if (!stale.has(group)) report.unchanged.push(...group.paths);
  // Feed items are remembered (the next build re-renders a feed from them); a page's body is not needed again.
  await build(shared.filter((group) => stale.has(group)), true);
  const stalePages = pages.filter((group) => stale.has(group));
  for (let i = 0; i < stalePages.length; i += PAGE_BATCH) await build(stalePages.slice(i, i + PAGE_BATCH), false);
  report.published -= failed.size;
  const stylesheet = await writeFileAtomic(join(outDir, FEED_STYLESHEET), await readTemplate(join(config.paths.templates, FEED_STYLESHEET)));
  (stylesheet === 'written' ? report.written : report.unchanged).push(FEED_STYLESHEET);
  const current = new Set(groups.flatMap((group) => group.paths));
  const gone = [...moved, ...(memo?.retain(new Set(groups.map((group) => group.name))) ?? [])];
  const staleTags = await removeStaleTagFeeds(outDir, current);
  const orphans = gone.filter((path) => !current.has(path) && !staleTags.some((dir) => path.startsWith(dir)));
  report.removed = [...staleTags, ...(await removeFiles(outDir, orphans))];
  return report;
}

/** The feeds of every channel and the index page, each keyed by everything it is made from. */
function sharedGroups(config: ResolvedConfig, plans: FeedPlan<ArticleMeta>[], entries: ArticleMeta[], now: Date): OutputGroup[] {
  const { site, feeds } = config;
  const feedGroups = plans.map(({ channel, items }) => ({
    name: `feeds:${channel.dir}`,
    paths: feedSetPaths(channel),
    items,
    key: feedSetKey(site, feeds.limit, channel, items, now),
    render: async (articles: Article[]) => (await import('../feeds/renderFeeds.js')).renderFeedSet(articles, site, channel, { limit: feeds.limit, now }),
  }));
  const recent = entries.slice(0, INDEX_PAGE_ARTICLES);
  const indexPage = {
    name: 'index.html',
    paths: ['index.html'],
    items: recent,
    key: indexPageKey(site, recent),
    render: async (articles: Article[]) => new Map([['index.html', (await import('../pages/indexPage.js')).renderIndexPage(site, articles, INDEX_PAGE_ARTICLES)]]),
  };
  return [...feedGroups, indexPage];
}

function articlePageGroup(config: ResolvedConfig, meta: ArticleMeta, siteKey: string): OutputGroup {
  const path = articlePagePath(config.site.articlePath, meta.slug);
  return {
    name: `page:${meta.sourcePath}`,
    paths: [path],
    items: [meta],
    key: articlePageKey(siteKey, meta),
    render: async ([article]) => new Map(article === undefined ? [] : [[path, (await import('../pages/articlePage.js')).renderArticlePage(config.site, article)]]),
  };
}

/** Deletes output files no group writes any more, and the folders that leaves empty (an article page's). */
async function removeFiles(outDir: string, paths: readonly string[]): Promise<string[]> {
  for (const path of paths) {
    await rm(join(outDir, path), { force: true });
    await rmdir(dirname(join(outDir, path))).catch(() => undefined);
  }
  return [...paths];
}

/** A tag no article carries any more loses its feed folder, so readers stop seeing a feed that never updates. */
async function removeStaleTagFeeds(outDir: string, paths: ReadonlySet<string>): Promise<string[]> {
  const tagsDir = join(outDir, 'tags');
  const entries = await readdir(tagsDir, { withFileTypes: true }).catch(() => []);
  const inUse = new Set([...paths].flatMap((path) => (path.startsWith('tags/') ? [path.slice(0, path.indexOf('/', 5) + 1)] : [])));
  const removed: string[] = [];
  for (const entry of entries) {
    const dir = `tags/${entry.name}/`;
    if (!entry.isDirectory() || inUse.has(dir)) continue;
    await rm(join(tagsDir, entry.name), { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

async function readTemplate(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new BroadsheetError('TEMPLATE_INVALID', 'cannot be read.', { file: path, hint: 'Restore it from broadsheet\'s templates/ folder, or point paths.templates at a folder that has it.', cause: error });
  }
}
