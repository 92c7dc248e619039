import type { SiteConfig } from '../config/resolvedConfig.js';
import type { FeedChannel, FeedFormat } from './channel.js';
import { feedUrl } from './channel.js';
import { escapeXmlAttribute } from './xmlSlots.js';

/**
 * Where a feed document stands in its channel's chain of archived feeds (RFC 5005 section 4). The
 * subscription feed links the newest page as its `prev-archive`; each page is marked `fh:archive`, links its
 * subscription feed as `current` and its neighbours as `prev-archive` (older) and `next-archive` (newer).
 */
export interface FeedHistory {
  /** The archive page this document is; undefined for the subscription feed. */
  page?: number;
  prevArchive?: number;
  nextArchive?: number;
}

/** The subscription feed of a channel without archive pages. */
export const NO_HISTORY: FeedHistory = {};

const FH_NAMESPACE = 'http://purl.org/syndication/history/1.0';

/** The links a document carries, rel -> absolute URL of the same format. */
function historyLinks(site: SiteConfig, channel: FeedChannel, format: FeedFormat, history: FeedHistory): [rel: string, href: string][] {
  const links: [string, string][] = [];
  if (history.page !== undefined) links.push(['current', feedUrl(site, channel, format)]);
  if (history.prevArchive !== undefined) links.push(['prev-archive', feedUrl(site, channel, format, history.prevArchive)]);
  if (history.nextArchive !== undefined) links.push(['next-archive', feedUrl(site, channel, format, history.nextArchive)]);
  return links;
}

/**
 * RSS or Atom from `feed` with the history links after its self link (RSS as `atom:link`, as RFC 5005
 * section 2 shows), and on an archive page `<fh:archive/>` with its namespace on the root element. The
 * channel's head comes before any entry, so the first self link and the first root tag are the channel's.
 */
export function withXmlHistory(xml: string, format: 'rss' | 'atom', site: SiteConfig, channel: FeedChannel, history: FeedHistory): string {
  const links = historyLinks(site, channel, format, history);
  if (links.length === 0) return xml;
  const self = format === 'atom' ? /\n([ \t]*)<link rel="self" href="[^"]*"\/>/ : /\n([ \t]*)<atom:link href="[^"]*" rel="self" type="application\/rss\+xml"\/>/;
  const element = ([rel, href]: [string, string]) =>
    format === 'atom' ? `<link rel="${rel}" href="${escapeXmlAttribute(href)}"/>` : `<atom:link href="${escapeXmlAttribute(href)}" rel="${rel}" type="application/rss+xml"/>`;
  const withLinks = xml.replace(self, (line, indent: string) => {
    const added = [...links.map(element), ...(history.page === undefined ? [] : ['<fh:archive/>'])];
    return `${line}${added.map((text) => `\n${indent}${text}`).join('')}`;
  });
  if (history.page === undefined) return withLinks;
  const root = format === 'atom' ? /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/ : /<rss version="2\.0"/;
  return withLinks.replace(root, (tag) => `${tag} xmlns:fh="${FH_NAMESPACE}"`);
}

/**
 * JSON Feed has no history links: `next_url` (its paging, JSON Feed 1.1) goes to the next older page, and an
 * archive page says what it is in an extension object, named as the spec asks, with RFC 5005's links.
 */
export function jsonHistory(site: SiteConfig, channel: FeedChannel, history: FeedHistory): Record<string, unknown> {
  const links = Object.fromEntries(historyLinks(site, channel, 'json', history).map(([rel, href]) => [rel.replace('-', '_'), href]));
  return {
    ...(links.prev_archive === undefined ? {} : { next_url: links.prev_archive }),
    ...(history.page === undefined ? {} : { _archive: { about: 'https://www.rfc-editor.org/rfc/rfc5005#section-4', archive: true, ...links } }),
  };
}
