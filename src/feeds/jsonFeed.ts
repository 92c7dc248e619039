import type { Article, Author } from '../article/article.js';
import { stripXmlForbidden } from '../article/xmlText.js';
import type { SiteConfig } from '../config/resolvedConfig.js';
import { htmlToPlainText } from '../content/plainText.js';
import type { FeedChannel } from './channel.js';
import { feedUrl } from './channel.js';
import type { IdFrom } from './entryId.js';
import { entryId } from './entryId.js';
import type { FeedLinks } from './feedLinks.js';
import { jsonFeedLinks } from './feedLinks.js';

/**
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), written here because `feed` only writes version 1
 * (no `authors`, no `language`). Keys in a fixed order so that the same articles give the same bytes.
 */
export function renderJsonFeed(articles: readonly Article[], site: SiteConfig, channel: FeedChannel, idFrom: IdFrom, links: FeedLinks): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: channel.title,
    home_page_url: site.url,
    feed_url: feedUrl(site, channel, 'json', links.page),
    description: channel.description,
    language: site.language,
    authors: [toJsonAuthor(site.author)],
    ...jsonFeedLinks(site, channel, links),
    items: articles.map((article) => ({
      id: entryId(article, idFrom),
      url: article.url,
      title: article.title,
      content_html: article.html,
      content_text: contentTextOf(article),
      summary: article.summary,
      ...(article.image === undefined ? {} : { image: article.image.url }),
      date_published: article.published.toISOString(),
      date_modified: article.updated.toISOString(),
      ...(article.authors.length === 0 ? {} : { authors: article.authors.map(toJsonAuthor) }),
      ...(article.tags.length === 0 ? {} : { tags: article.tags }),
    })),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}

/**
 * An article is in the site's feed and in each of its tags' (and their archive pages) within one build, as
 * the same object: converted once. At 1,000 articles the feeds' 550 JSON items are about 200 articles, and
 * converting every item's HTML was a sixth of a feeds-only build.
 */
const contentTexts = new WeakMap<Article, string>();

function contentTextOf(article: Article): string {
  let text = contentTexts.get(article);
  if (text === undefined) {
    text = stripXmlForbidden(htmlToPlainText(article.html));
    contentTexts.set(article, text);
  }
  return text;
}

function toJsonAuthor(author: Author): { name: string; url?: string } {
  return author.url === undefined ? { name: author.name } : { name: author.name, url: author.url };
}
