import { Feed } from 'feed';
import type { Article } from '../article/article.js';
import type { SiteConfig } from '../config/resolvedConfig.js';
import type { FeedChannel } from './channel.js';
import { feedUrl } from './channel.js';
import { cdataSafe, rssTitle, textAsHtml } from './feedText.js';

/**
 * RSS 2.0 (https://www.rssboard.org/rss-specification). Authors go in `dc:creator`, because RSS's own
 * `<author>` must be an e-mail address; the image is the item's enclosure.
 */
export function renderRss(articles: readonly Article[], site: SiteConfig, channel: FeedChannel, updated: Date): string {
  const feed = new Feed({
    id: site.url,
    title: channel.title,
    description: channel.description,
    link: site.url,
    language: site.language,
    updated,
    generator: 'broadsheet',
    copyright: site.copyright ?? '',
    feedLinks: { rss: feedUrl(site, channel, 'rss') },
  });
  for (const article of articles) {
    feed.addItem({
      title: rssTitle(article.title),
      id: article.id,
      link: article.url,
      date: article.updated,
      published: article.published,
      description: textAsHtml(article.summary),
      content: cdataSafe(article.html),
      category: article.tags.map((name) => ({ name })),
      ...(article.image === undefined ? {} : { enclosure: { url: article.image.url, type: article.image.type, length: 0 } }),
      extensions: [
        { name: 'dc:creator', objects: { _text: (article.authors.length > 0 ? article.authors : [site.author]).map((a) => a.name).join(', ') } },
      ],
    });
  }
  return feed.rss2();
}
