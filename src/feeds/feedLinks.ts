import type { SiteConfig } from '../config/resolvedConfig.js';
import type { FeedChannel, FeedFormat } from './channel.js';
import { feedUrl } from './channel.js';
import { escapeXmlAttribute } from './xmlSlots.js';

/**
 * The links a feed document carries besides its entries'. Where it stands in its channel's chain of archived
 * feeds (RFC 5005 section 4): the subscription feed links the newest page as its `prev-archive`; each page
 * is marked `fh:archive`, links its subscription feed as `current` and its neighbours as `prev-archive`
 * (older) and `next-archive` (newer). And the WebSub hubs that announce a subscription feed's changes
 * (W3C WebSub section 4), beside its self link.
 */
export interface FeedLinks {
  /** The archive page this document is; undefined for the subscription feed. */
  page?: number;
  prevArchive?: number;
  nextArchive?: number;
  /**
   * The page is the channel's only one, so it holds every entry: marked `fh:complete` too (RFC 5005 section
   * 2), as a reader (and the W3C validator) expects of an archive page that links no other. A complete feed
   * links no other document of its history, so it has no `current` link either.
   */
  complete?: boolean;
  hubs?: readonly string[];
}

/** A subscription feed with no archive pages and no hub. */
export const NO_LINKS: FeedLinks = {};

const FH_NAMESPACE = 'http://purl.org/syndication/history/1.0';

/** The links a document carries, rel -> absolute URL (of the same format, for the archive's). */
function linksOf(site: SiteConfig, channel: FeedChannel, format: FeedFormat, links: FeedLinks): [rel: string, href: string][] {
  const all: [string, string][] = (links.hubs ?? []).map((hub) => ['hub', hub]);
  if (links.page !== undefined && links.complete !== true) all.push(['current', feedUrl(site, channel, format)]);
  if (links.prevArchive !== undefined) all.push(['prev-archive', feedUrl(site, channel, format, links.prevArchive)]);
  if (links.nextArchive !== undefined) all.push(['next-archive', feedUrl(site, channel, format, links.nextArchive)]);
  return all;
}

/**
 * RSS or Atom from `feed` with these links after its self link (RSS as `atom:link`, as RFC 5005 section 2
 * and WebSub section 4 show), and on an archive page `<fh:archive/>` with its namespace on the root element.
 * The channel's head comes before any entry, so the first self link and the first root tag are the channel's.
 */
export function withFeedLinks(xml: string, format: 'rss' | 'atom', site: SiteConfig, channel: FeedChannel, links: FeedLinks): string {
  const all = linksOf(site, channel, format, links);
  if (all.length === 0 && links.page === undefined) return xml;
  const self = format === 'atom' ? /\n([ \t]*)<link rel="self" href="[^"]*"\/>/ : /\n([ \t]*)<atom:link href="[^"]*" rel="self" type="application\/rss\+xml"\/>/;
  const element = ([rel, href]: [string, string]) =>
    format === 'atom' || rel === 'hub' ? `<${format === 'atom' ? 'link' : 'atom:link'} rel="${rel}" href="${escapeXmlAttribute(href)}"/>` : `<atom:link href="${escapeXmlAttribute(href)}" rel="${rel}" type="application/rss+xml"/>`;
  const withLinks = xml.replace(self, (line, indent: string) => {
    const added = [...all.map(element), ...(links.page === undefined ? [] : ['<fh:archive/>']), ...(links.complete === true ? ['<fh:complete/>'] : [])];
    return `${line}${added.map((text) => `\n${indent}${text}`).join('')}`;
  });
  if (links.page === undefined) return withLinks;
  const root = format === 'atom' ? /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/ : /<rss version="2\.0"/;
  return withLinks.replace(root, (tag) => `${tag} xmlns:fh="${FH_NAMESPACE}"`);
}

/**
 * JSON Feed's own `hubs` (JSON Feed 1.1), and for the archive, which it has no links for: `next_url` (its
 * paging) goes to the next older page, and an archive page says what it is in an extension object, named as
 * the spec asks, with RFC 5005's links.
 */
export function jsonFeedLinks(site: SiteConfig, channel: FeedChannel, links: FeedLinks): Record<string, unknown> {
  const archive = Object.fromEntries(linksOf(site, channel, 'json', { ...links, hubs: [] }).map(([rel, href]) => [rel.replace('-', '_'), href]));
  return {
    ...(archive.prev_archive === undefined ? {} : { next_url: archive.prev_archive }),
    ...((links.hubs ?? []).length === 0 ? {} : { hubs: (links.hubs ?? []).map((url) => ({ type: 'WebSub', url })) }),
    ...(links.page === undefined ? {} : { _archive: { about: 'https://www.rfc-editor.org/rfc/rfc5005#section-4', archive: true, ...(links.complete === true ? { complete: true } : {}), ...archive } }),
  };
}
