import type { Article } from '../../src/article/article.js';
import type { SiteConfig } from '../../src/config/resolvedConfig.js';
import { planFeeds } from '../../src/feeds/planFeeds.js';
import { NO_LINKS } from '../../src/feeds/feedLinks.js';
import { renderFeedSet } from '../../src/feeds/renderFeeds.js';
import { messagesFor } from './templates.js';

/** The site's feeds and one set per tag (unless `feeds` turns them off), as a build plans and renders them: path relative to out/ -> text. */
export async function renderAllFeeds(articles: readonly Article[], site: SiteConfig, now: Date, feeds = { limit: 50, tagFeeds: true }): Promise<Map<string, string>> {
  const messages = await messagesFor(site);
  return new Map(planFeeds(articles, site, feeds, messages).flatMap(({ channel, items }) => [...renderFeedSet(items, site, channel, { limit: feeds.limit, now, idFrom: 'id', links: NO_LINKS, enclosures: new Map() })]));
}
