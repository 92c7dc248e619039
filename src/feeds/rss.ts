import { Feed } from 'feed';
import type { Article } from '../article/article.js';
import type { SiteConfig } from '../config/resolvedConfig.js';
import type { FeedChannel } from './channel.js';
import type { IdFrom } from './entryId.js';
import { entryId } from './entryId.js';
import type { FeedLinks } from './feedLinks.js';
import { withFeedLinks } from './feedLinks.js';
import { channelOptions, itemOptions } from './feedPackage.js';
import { rssTitle } from './feedText.js';
import { XmlSlots } from './xmlSlots.js';

/**
 * RSS 2.0 (https://www.rssboard.org/rss-specification). Authors go in `dc:creator`, because RSS's own
 * `<author>` must be an e-mail address; the image is the item's enclosure.
 */
export function renderRss(articles: readonly Article[], site: SiteConfig, channel: FeedChannel, updated: Date, idFrom: IdFrom, links: FeedLinks): string {
  const slots = new XmlSlots();
  const feed = new Feed(channelOptions(site, channel, updated, 'rss', slots, links));
  for (const article of articles) {
    feed.addItem({
      ...itemOptions(article, idFrom),
      guid: slots.text(entryId(article, idFrom)),
      title: rssTitle(article.title),
      category: article.tags.map((name) => ({ name: slots.text(name) })),
      ...(article.image === undefined ? {} : { enclosure: { url: article.image.url, type: slots.attribute(article.image.type), length: article.image.length ?? 0 } }),
      extensions: [
        { name: 'dc:creator', objects: { _text: slots.text((article.authors.length > 0 ? article.authors : [site.author]).map((a) => a.name).join(', ')) } },
      ],
    });
  }
  return withFeedLinks(slots.fill(feed.rss2()), 'rss', site, channel, links);
}
