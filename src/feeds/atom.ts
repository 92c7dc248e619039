import { Feed } from 'feed';
import type { Article, Author } from '../article/article.js';
import type { SiteConfig } from '../config/resolvedConfig.js';
import type { FeedChannel } from './channel.js';
import { feedUrl } from './channel.js';
import { channelOptions, itemOptions } from './feedPackage.js';
import { textAsHtml } from './feedText.js';

/**
 * Atom 1.0 (RFC 4287). The feed always has an author, so entries without one are valid (RFC 4287 4.1.1);
 * the self link is the feed's own URL. `feed` guesses an enclosure's type from the file extension
 * ("image/jpg"), so images are added afterwards with the type the article knows.
 */
export function renderAtom(articles: readonly Article[], site: SiteConfig, channel: FeedChannel, updated: Date): string {
  const feed = new Feed({
    ...channelOptions(site, channel, updated, 'atom'),
    id: feedUrl(site, channel, 'atom'),
    author: toFeedAuthor(site.author),
  });
  for (const article of articles) {
    feed.addItem({
      ...itemOptions(article),
      title: textAsHtml(article.title),
      author: article.authors.map(toFeedAuthor),
      category: article.tags.map((term) => ({ term })),
    });
  }
  return addEnclosures(feed.atom1(), articles);
}

function toFeedAuthor(author: Author): { name: string; email?: string; link?: string } {
  return { name: author.name, ...(author.email ? { email: author.email } : {}), ...(author.url ? { link: author.url } : {}) };
}

function addEnclosures(xml: string, articles: readonly Article[]): string {
  let result = xml;
  for (const article of articles) {
    if (article.image === undefined) continue;
    const link = `<link href="${xmlAttribute(article.url)}"/>`;
    const enclosure = `<link rel="enclosure" type="${xmlAttribute(article.image.type)}" href="${xmlAttribute(article.image.url)}"/>`;
    const idElement = `<id>${xmlAttribute(article.id)}</id>`;
    const at = result.indexOf(idElement);
    const linkAt = at === -1 ? -1 : result.indexOf(link, at);
    if (linkAt === -1) continue;
    const end = linkAt + link.length;
    const indent = /\n[ \t]*$/.exec(result.slice(0, linkAt))?.[0] ?? '\n';
    result = `${result.slice(0, end)}${indent}${enclosure}${result.slice(end)}`;
  }
  return result;
}

function xmlAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}
