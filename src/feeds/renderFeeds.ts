import type { Article } from '../article/article.js';
import { lastUpdated, newestFirst } from '../article/order.js';
import type { SiteConfig } from '../config/resolvedConfig.js';
import { renderAtom } from './atom.js';
import type { FeedChannel } from './channel.js';
import { feedPath } from './channel.js';
import type { IdFrom } from './entryId.js';
import type { FeedLinks } from './feedLinks.js';
import { renderJsonFeed } from './jsonFeed.js';
import { renderRss } from './rss.js';

export type { FeedChannel } from './channel.js';

/** Output path relative to out/ ('rss.xml', 'tags/politics/atom.xml', ...) -> file contents. */
export type FeedFiles = Map<string, string>;

/** What a feed says of a file it links as an enclosure: its real length and type, known for the site's own files. */
export interface Enclosure {
  length: number;
  type: string;
}

/**
 * The three feeds of one channel, holding its newest `limit` articles, or (`links.page`) one archive page
 * of it. Their date is the newest article's `updated`, never the clock, so an unchanged content folder gives
 * byte-identical files; `now` is used only for a channel with no articles at all. An image among
 * `enclosures` (by its URL: the site's own files) is enclosed with its length and type.
 */
export function renderFeedSet(
  articles: readonly Article[],
  site: SiteConfig,
  channel: FeedChannel,
  options: { limit: number; now: Date; idFrom: IdFrom; links: FeedLinks; enclosures: ReadonlyMap<string, Enclosure> },
): FeedFiles {
  const { idFrom, links, enclosures } = options;
  const items = newestFirst(articles)
    .slice(0, options.limit)
    .map((article) => {
      const file = article.image === undefined ? undefined : enclosures.get(article.image.url);
      return article.image === undefined || file === undefined ? article : { ...article, image: { ...article.image, ...file } };
    });
  const updated = lastUpdated(items) ?? options.now;
  return new Map([
    [feedPath(channel, 'rss', links.page), renderRss(items, site, channel, updated, idFrom, links)],
    [feedPath(channel, 'atom', links.page), renderAtom(items, site, channel, updated, idFrom, links)],
    [feedPath(channel, 'json', links.page), renderJsonFeed(items, site, channel, idFrom, links)],
  ]);
}
