import type { Article, ArticleMeta } from '../article/article.js';
import { articlePagePath } from '../article/url.js';
import type { FeedPlanMemo } from '../cache/feedPlanMemo.js';
import { articlePageKey, feedSetKey, indexPageKey, siteKeyOf } from '../cache/outputKeys.js';
import type { ResolvedConfig } from '../config/resolvedConfig.js';
import { feedSetPaths } from '../feeds/channel.js';
import type { FeedPlan } from '../feeds/planFeeds.js';
import { planFeeds } from '../feeds/planFeeds.js';

/** Recent articles listed on out/index.html. */
const INDEX_PAGE_ARTICLES = 20;

/** Files written together from one list of articles: a channel's three feeds, the index page, an article's page. */
export interface OutputGroup {
  /** What the output memo knows the group by. */
  name: string;
  /** Relative to the out folder. */
  paths: string[];
  items: ArticleMeta[];
  /** Everything the group is made from (src/cache/outputKeys.ts): an unchanged key and untouched files need no render. */
  key: string;
  render: (articles: Article[]) => Promise<Map<string, string>>;
}

/** What a build makes: the groups shared by many articles (feeds, the index page) and one page per article. */
export interface SitePlan {
  shared: OutputGroup[];
  pages: OutputGroup[];
}

/**
 * The published articles -> every output group, its paths, its items and its key. Pure: it reads no file and
 * renders nothing. `feedPlans` remembers the feeds planned at the last call (a service's scans).
 */
export function planSite(entries: ArticleMeta[], config: ResolvedConfig, now: Date, feedPlans?: FeedPlanMemo): SitePlan {
  const plan = () => planFeeds(entries, config.site, config.feeds);
  const plans = feedPlans?.plans({ site: config.site, feeds: config.feeds, articles: entries }, plan) ?? plan();
  const siteKey = siteKeyOf(config.site);
  return {
    shared: [...plans.map((feedPlan) => feedGroup(config, feedPlan, now)), indexPageGroup(config, entries)],
    pages: config.site.articlePages ? entries.map((meta) => articlePageGroup(config, meta, siteKey)) : [],
  };
}

function feedGroup(config: ResolvedConfig, { channel, items }: FeedPlan<ArticleMeta>, now: Date): OutputGroup {
  const { site, feeds } = config;
  return {
    name: `feeds:${channel.dir}`,
    paths: feedSetPaths(channel),
    items,
    key: feedSetKey(site, feeds.limit, channel, items, now),
    render: async (articles) => (await import('../feeds/renderFeeds.js')).renderFeedSet(articles, site, channel, { limit: feeds.limit, now }),
  };
}

function indexPageGroup(config: ResolvedConfig, entries: ArticleMeta[]): OutputGroup {
  const recent = entries.slice(0, INDEX_PAGE_ARTICLES);
  return {
    name: 'index.html',
    paths: ['index.html'],
    items: recent,
    key: indexPageKey(config.site, recent),
    render: async (articles) => new Map([['index.html', (await import('../pages/indexPage.js')).renderIndexPage(config.site, articles, INDEX_PAGE_ARTICLES)]]),
  };
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
