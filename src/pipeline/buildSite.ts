import { readdir, rm, rmdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { ResolvedConfig } from '../config/resolvedConfig.js';
import type { Article, ArticleMeta } from '../article/article.js';
import { newestFirst } from '../article/order.js';
import type { BuildCache } from '../cache/buildCache.js';
import { feedSetKey } from '../cache/outputKeys.js';
import type { ContentChanges, ContentSkip } from '../content/loadContent.js';
import { indexContent, renderArticles } from '../content/loadContent.js';
import type { ContentWarningAt } from '../content/loadContent.js';
import { readOptionsOf } from '../content/readOptions.js';
import { articleLinks } from '../content/articleLinks.js';
import type { BroadsheetError } from '../errors.js';
import { FEED_STYLESHEET, feedSetPaths } from '../feeds/channel.js';
import type { FeedPlan } from '../feeds/planFeeds.js';
import { planFeeds } from '../feeds/planFeeds.js';
import { mapConcurrent } from '../io/mapConcurrent.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import { loadSitePages } from '../pages/sitePages.js';
import { readTemplate, templateFolder } from '../templating/templateFolder.js';
import type { OutputGroup } from './pageGroups.js';
import { pageGroups } from './pageGroups.js';

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

const WRITE_CONCURRENCY = 16;

/** Files copied from the templates (the site's own or the built-in one) to out/: template path -> output path. */
const STATIC_FILES = [
  [FEED_STYLESHEET, FEED_STYLESHEET],
  ['site/style.css', 'style.css'],
  ['site/favicon.svg', 'favicon.svg'],
] as const;

/** Article pages are rendered this many at a time, so a first build of a large archive never holds every body. */
const PAGE_BATCH = 200;

/**
 * content/ -> feeds, the index page, article pages and the feed stylesheet in out/. Every good article is
 * published even when others are rejected. With a cache, only the groups whose articles changed are
 * rendered and written, and the files of groups that no longer exist (a removed article's page) are deleted.
 */
export async function buildSite(config: ResolvedConfig, deps: BuildDependencies): Promise<BuildReport> {
  const options = { contentDir: config.paths.content, site: config.site, now: deps.now, displayRoot: deps.displayRoot, reading: readOptionsOf(config) };
  const outDir = config.paths.out;
  const index = await indexContent(options, deps.cache?.content);
  const plan = () => planFeeds(index.entries, config.site, config.feeds);
  const plans = deps.cache?.feedPlans.plans({ site: config.site, feeds: config.feeds, articles: index.entries }, plan) ?? plan();
  const templates = templateFolder(config.paths.templates, (path) => relative(deps.displayRoot, path) || path);
  const sitePages = pageGroups(config, index.entries, await loadSitePages(templates, config.site));
  const shared = [...feedGroups(config, plans, deps.now), sitePages.first];
  const pages = sitePages.rest;
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
  for (const [template, path] of STATIC_FILES) {
    const { source } = await readTemplate(templates, template);
    ((await writeFileAtomic(join(outDir, path), source)) === 'written' ? report.written : report.unchanged).push(path);
  }
  const current = new Set(groups.flatMap((group) => group.paths));
  const gone = [...moved, ...(memo?.retain(new Set(groups.map((group) => group.name))) ?? [])];
  const staleTags = await removeStaleTagFeeds(outDir, current);
  const orphans = gone.filter((path) => !current.has(path) && !staleTags.some((dir) => path.startsWith(dir)));
  report.removed = [...staleTags, ...(await removeFiles(outDir, orphans))];
  return report;
}

/** The feeds of every channel, each keyed by everything it is made from. */
function feedGroups(config: ResolvedConfig, plans: FeedPlan<ArticleMeta>[], now: Date): OutputGroup[] {
  const { site, feeds } = config;
  return plans.map(({ channel, items }) => ({
    name: `feeds:${channel.dir}`,
    paths: feedSetPaths(channel),
    items,
    key: feedSetKey(site, feeds.limit, channel, items, now),
    render: async (articles: Article[]) => (await import('../feeds/renderFeeds.js')).renderFeedSet(articles, site, channel, { limit: feeds.limit, now }),
  }));
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
