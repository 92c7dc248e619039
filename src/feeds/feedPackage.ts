import type { FeedOptions, Item } from 'feed';
import type { Article } from '../article/article.js';
import type { SiteConfig } from '../config/resolvedConfig.js';
import type { FeedChannel, FeedFormat } from './channel.js';
import { FEED_STYLESHEET, feedUrl } from './channel.js';
import { cdataSafe, textAsHtml } from './feedText.js';

/** What RSS and Atom share when built with `feed`; each format adds its own fixes on top. */
export function channelOptions(site: SiteConfig, channel: FeedChannel, updated: Date, format: FeedFormat): FeedOptions {
  return {
    id: site.url,
    title: channel.title,
    description: channel.description,
    link: site.url,
    language: site.language,
    updated,
    generator: 'broadsheet',
    copyright: site.copyright ?? '',
    feedLinks: { [format]: feedUrl(site, channel, format) },
    // Browsers show the feed as a page with "copy this address into your reader" help; readers ignore it.
    // A path, not a full URL: browsers apply only a same-origin stylesheet, and the feed may be served from
    // elsewhere than site.url (`broadsheet serve` on the publisher's machine, a CDN host).
    stylesheet: new URL(FEED_STYLESHEET, site.url).pathname,
  };
}

export function itemOptions(article: Article): Omit<Item, 'title'> {
  return {
    id: article.id,
    link: article.url,
    date: article.updated,
    published: article.published,
    description: textAsHtml(article.summary),
    content: cdataSafe(article.html),
  };
}
