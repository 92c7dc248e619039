import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResolvedConfig } from '../config/resolvedConfig.js';
import type { Article, ArticleMeta } from '../article/article.js';
import { newestFirst } from '../article/order.js';
import type { ContentCache } from '../content/contentCache.js';
import type { ContentChanges, ContentSkip } from '../content/loadContent.js';
import { indexContent, renderArticles } from '../content/loadContent.js';
import { BroadsheetError } from '../errors.js';
import { FEED_STYLESHEET, feedSetPaths } from '../feeds/channel.js';
import { planFeeds } from '../feeds/planFeeds.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import type { OutputMemo } from './outputMemo.js';
import { outputKey } from './outputMemo.js';

/** Recent articles listed on out/index.html. */
const INDEX_PAGE_ARTICLES = 20;

export interface BuildReport {
  published: number;
  /** Article files added, edited or removed since the cache last saw them (all added without a cache). */
  changes: ContentChanges;
  rejected: BroadsheetError[];
  skipped: ContentSkip[];
  /** Output paths relative to the out folder, in the order written. */
  written: string[];
  unchanged: string[];
  removed: string[];
}

export interface BuildDependencies {
  now: Date;
  /** Error messages name files relative to this folder (the CLI passes its working directory). */
  displayRoot: string;
  /** What earlier builds learnt (kept by a long-running process, persisted in the state store by the CLI). */
  cache?: BuildCache;
}

export interface BuildCache {
  content: ContentCache;
  outputs: OutputMemo;
}

/** Files written together from one list of articles: a channel's three feeds, or the index page. */
interface OutputGroup {
  name: string;
  paths: string[];
  items: ArticleMeta[];
  key: string;
  render: (articles: Article[]) => Promise<Map<string, string>>;
}

/**
 * content/ -> feeds, the index page and the feed stylesheet in out/. Every good article is published even
 * when others are rejected. With a cache, only the groups whose articles changed are rendered and written.
 */
export async function buildSite(config: ResolvedConfig, deps: BuildDependencies): Promise<BuildReport> {
  const options = { contentDir: config.paths.content, site: config.site, now: deps.now, displayRoot: deps.displayRoot };
  const outDir = config.paths.out;
  const index = await indexContent(options, deps.cache?.content);
  const groups = outputGroups(config, index.entries, deps.now);
  const memo = deps.cache?.outputs;
  const stale = groups.filter((group) => memo === undefined || !memo.isFresh(group.name, group.key, outDir));
  const rendered = await renderArticles(newestFirst([...new Set(stale.flatMap((group) => group.items))]), options, deps.cache?.content);
  const bySource = new Map(rendered.articles.map((article) => [article.sourcePath, article]));
  const report: BuildReport = {
    published: index.entries.length - rendered.rejected.length,
    changes: index.changes,
    rejected: [...index.rejected, ...rendered.rejected],
    skipped: index.skipped,
    written: [],
    unchanged: groups.filter((group) => !stale.includes(group)).flatMap((group) => group.paths),
    removed: [],
  };
  const write = async (path: string, body: string) => {
    const outcome = await writeFileAtomic(join(outDir, path), body);
    (outcome === 'written' ? report.written : report.unchanged).push(path);
  };
  for (const group of stale) {
    for (const [path, body] of await group.render(group.items.flatMap((item) => bySource.get(item.sourcePath) ?? []))) await write(path, body);
    memo?.record(group.name, group.key, outDir, group.paths);
  }
  await write(FEED_STYLESHEET, await readTemplate(join(config.paths.templates, FEED_STYLESHEET)));
  memo?.retain(new Set(groups.map((group) => group.name)));
  report.removed = await removeStaleTagFeeds(outDir, new Set(groups.flatMap((group) => group.paths)));
  return report;
}

/** The feeds of every channel and the index page, each keyed by everything it is made from. */
function outputGroups(config: ResolvedConfig, entries: ArticleMeta[], now: Date): OutputGroup[] {
  const { site, feeds } = config;
  const feedGroups = planFeeds(entries, site, feeds).map(({ channel, items }) => ({
    name: `feeds:${channel.dir}`,
    paths: feedSetPaths(channel),
    items,
    // An empty channel is dated by the clock, so it is keyed by it too.
    key: outputKey([site, feeds.limit, channel, items, items.length === 0 ? now : null]),
    render: async (articles: Article[]) => (await import('../feeds/renderFeeds.js')).renderFeedSet(articles, site, channel, { limit: feeds.limit, now }),
  }));
  const recent = entries.slice(0, INDEX_PAGE_ARTICLES);
  const indexPage = {
    name: 'index.html',
    paths: ['index.html'],
    items: recent,
    key: outputKey([site, recent]),
    render: async (articles: Article[]) => new Map([['index.html', (await import('../pages/indexPage.js')).renderIndexPage(site, articles, INDEX_PAGE_ARTICLES)]]),
  };
  return [...feedGroups, indexPage];
}

/** A tag no article carries any more loses its feed folder, so readers stop seeing a feed that never updates. */
async function removeStaleTagFeeds(outDir: string, paths: ReadonlySet<string>): Promise<string[]> {
  const tagsDir = join(outDir, 'tags');
  const entries = await readdir(tagsDir, { withFileTypes: true }).catch(() => []);
  const removed: string[] = [];
  for (const entry of entries) {
    const dir = `tags/${entry.name}/`;
    if (!entry.isDirectory() || [...paths].some((path) => path.startsWith(dir))) continue;
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
