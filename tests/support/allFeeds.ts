import type { Article } from '../../src/article/article.js';
import type { SiteConfig } from '../../src/config/resolvedConfig.js';
import { planFeeds } from '../../src/feeds/planFeeds.js';
import { renderFeedSet } from '../../src/feeds/renderFeeds.js';

/** The site's feeds and one set per tag, as a build plans and renders them: path relative to out/ -> text. */
export function renderAllFeeds(articles: readonly Article[], site: SiteConfig, now: Date): Map<string, string> {
  const feeds = { limit: 50, tagFeeds: true };
  return new Map(planFeeds(articles, site, feeds).flatMap(({ channel, items }) => [...renderFeedSet(items, site, channel, { limit: feeds.limit, now })]));
}
