import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResolvedConfig } from '../config/resolvedConfig.js';
import type { ContentCache } from '../content/contentCache.js';
import { indexContent, renderArticles } from '../content/loadContent.js';
import { newestFirst } from '../article/order.js';
import type { ContentSkip } from '../content/loadContent.js';
import { FEED_STYLESHEET } from '../feeds/channel.js';
import type { FeedMemo } from '../feeds/renderFeeds.js';
import { articlesInFeeds, renderAllFeeds } from '../feeds/renderFeeds.js';
import { renderIndexPage } from '../pages/indexPage.js';
import { BroadsheetError } from '../errors.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';

/** Recent articles listed on out/index.html. */
const INDEX_PAGE_ARTICLES = 20;

export interface BuildReport {
  published: number;
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
  /** Kept across builds by a long-running process, so a rebuild only parses and renders what changed. */
  cache?: { content: ContentCache; feeds: FeedMemo };
}

/** content/ -> feeds, the index page and the feed stylesheet in out/. Every good article is published even when others are rejected. */
export async function buildSite(config: ResolvedConfig, deps: BuildDependencies): Promise<BuildReport> {
  const options = { contentDir: config.paths.content, site: config.site, now: deps.now, displayRoot: deps.displayRoot };
  const index = await indexContent(options, deps.cache?.content);
  const needed = newestFirst([...new Set([...articlesInFeeds(index.entries, config.feeds), ...index.entries.slice(0, INDEX_PAGE_ARTICLES)])]);
  const rendered = await renderArticles(needed, options, deps.cache?.content);
  const files = renderAllFeeds(rendered.articles, config.site, config.feeds, deps.now, deps.cache?.feeds);
  files.set('index.html', renderIndexPage(config.site, rendered.articles, INDEX_PAGE_ARTICLES));
  files.set(FEED_STYLESHEET, await readTemplate(join(config.paths.templates, FEED_STYLESHEET)));
  const report: BuildReport = {
    published: index.entries.length - rendered.rejected.length,
    rejected: [...index.rejected, ...rendered.rejected],
    skipped: index.skipped,
    written: [],
    unchanged: [],
    removed: [],
  };
  for (const [path, body] of files) {
    const outcome = await writeFileAtomic(join(config.paths.out, path), body);
    (outcome === 'written' ? report.written : report.unchanged).push(path);
  }
  report.removed = await removeStaleTagFeeds(config.paths.out, files);
  return report;
}

/** A tag no article carries any more loses its feed folder, so readers stop seeing a feed that never updates. */
async function removeStaleTagFeeds(outDir: string, files: ReadonlyMap<string, string>): Promise<string[]> {
  const tagsDir = join(outDir, 'tags');
  const entries = await readdir(tagsDir, { withFileTypes: true }).catch(() => []);
  const removed: string[] = [];
  for (const entry of entries) {
    const dir = `tags/${entry.name}/`;
    if (!entry.isDirectory() || [...files.keys()].some((path) => path.startsWith(dir))) continue;
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
