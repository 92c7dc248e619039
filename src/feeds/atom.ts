import { Feed } from 'feed';
import type { Article, Author } from '../article/article.js';
import type { SiteConfig } from '../config/resolvedConfig.js';
import type { FeedChannel } from './channel.js';
import { feedUrl } from './channel.js';
import type { IdFrom } from './entryId.js';
import type { FeedLinks } from './feedLinks.js';
import { withFeedLinks } from './feedLinks.js';
import { channelOptions, itemOptions } from './feedPackage.js';
import { escapeXmlAttribute, XmlSlots } from './xmlSlots.js';

/**
 * Atom 1.0 (RFC 4287). The feed always has an author, so entries without one are valid (RFC 4287 4.1.1);
 * the self link is the document's own URL and the id the channel's, the same on every archive page; entry titles are text. `feed` guesses an enclosure's type from the file extension
 * ("image/jpg"), so images are added afterwards with the type the article knows.
 */
export function renderAtom(articles: readonly Article[], site: SiteConfig, channel: FeedChannel, updated: Date, idFrom: IdFrom, links: FeedLinks): string {
  const slots = new XmlSlots();
  const feed = new Feed({
    ...channelOptions(site, channel, updated, 'atom', slots, links),
    id: slots.text(feedUrl(site, channel, 'atom')),
    author: toFeedAuthor(site.author, slots),
  });
  for (const article of articles) {
    feed.addItem({
      ...itemOptions(article, idFrom),
      title: slots.text(article.title),
      author: article.authors.map((author) => toFeedAuthor(author, slots)),
      category: article.tags.map((term) => ({ term: slots.attribute(term) })),
    });
  }
  return withFeedLinks(addEnclosures(slots.fill(asTextTitles(feed.atom1())), articles), 'atom', site, channel, links);
}

/**
 * `feed` declares every entry title `type="html"`, and readers disagree on what `&` and quotes mean in one;
 * as `type="text"` (RFC 4287 3.1.1.1) a title is exactly its characters. Each title went in as a slot, which
 * `feed` wrapped in CDATA; only a slot can hold U+0000, so nothing else matches.
 */
function asTextTitles(xml: string): string {
  // eslint-disable-next-line no-control-regex
  return xml.replace(/<title type="html"><!\[CDATA\[(\u0000\d+\u0000)\]\]><\/title>/g, '<title type="text">$1</title>');
}

function toFeedAuthor(author: Author, slots: XmlSlots): { name: string; email?: string; link?: string } {
  return { name: slots.text(author.name), ...(author.email ? { email: slots.text(author.email) } : {}), ...(author.url ? { link: author.url } : {}) };
}

/**
 * Each entry's enclosure goes after its first link (the article's). `feed` writes the entries in the order
 * given, and after escaping no `<entry>` can appear but as an element, so the n-th one is the n-th article's.
 */
function addEnclosures(xml: string, articles: readonly Article[]): string {
  if (articles.every((article) => article.image === undefined)) return xml;
  const [head, ...entries] = xml.split('<entry>');
  const withImages = entries.map((entry, i) => {
    const image = articles[i]?.image;
    const linkEnd = image === undefined ? -1 : entry.indexOf('/>', entry.indexOf('<link '));
    if (image === undefined || linkEnd === -1) return entry;
    const end = linkEnd + 2;
    const indent = /\n[ \t]*$/.exec(entry.slice(0, entry.indexOf('<link ')))?.[0] ?? '\n';
    const length = image.length === undefined ? '' : ` length="${image.length}"`;
    const enclosure = `<link rel="enclosure" type="${escapeXmlAttribute(image.type)}" href="${escapeXmlAttribute(image.url)}"${length}/>`;
    return `${entry.slice(0, end)}${indent}${enclosure}${entry.slice(end)}`;
  });
  return [head, ...withImages].join('<entry>');
}
