import type { FeedOptions, Item } from 'feed';
import type { Article } from '../article/article.js';
import type { SiteConfig } from '../config/resolvedConfig.js';
import type { FeedChannel, FeedFormat } from './channel.js';
import { FEED_STYLESHEET, feedUrl } from './channel.js';
import type { IdFrom } from './entryId.js';
import { entryId } from './entryId.js';
import { cdataSafe, textAsHtml } from './feedText.js';
import type { FeedLinks } from './feedLinks.js';
import type { XmlSlots } from './xmlSlots.js';

/** What RSS and Atom share when built with `feed`; each format adds its own fixes on top. The self link is the document's own URL (an archive page's). */
export function channelOptions(site: SiteConfig, channel: FeedChannel, updated: Date, format: FeedFormat, slots: XmlSlots, links: FeedLinks): FeedOptions {
  return {
    id: slots.text(site.url),
    title: slots.text(channel.title),
    description: slots.text(channel.description),
    link: site.url,
    language: site.language,
    updated,
    generator: 'broadsheet',
    // `feed` leaves out an empty rights line; a slot would not be empty.
    copyright: site.copyright === undefined || site.copyright === '' ? '' : slots.text(site.copyright),
    feedLinks: { [format]: feedUrl(site, channel, format, links.page) },
    // Browsers show the feed as a page with "copy this address into your reader" help; readers ignore it.
    // A path, not a full URL: browsers apply only a same-origin stylesheet, and the feed may be served from
    // elsewhere than site.url (`broadsheet serve` on the publisher's machine, a CDN host).
    stylesheet: new URL(FEED_STYLESHEET, site.url).pathname,
  };
}

export function itemOptions(article: Article, idFrom: IdFrom): Omit<Item, 'title'> {
  return {
    id: entryId(article, idFrom),
    link: article.url,
    date: article.updated,
    published: article.published,
    description: textAsHtml(article.summary),
    content: cdataSafe(article.html),
  };
}
