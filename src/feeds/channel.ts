import type { SiteConfig } from '../config/resolvedConfig.js';

export interface FeedChannel {
  /** Site title, or "<site title>: <tag>" for a tag's feeds. */
  title: string;
  description: string;
  /** '' for the site's feeds, 'tags/<tag-slug>/' for a tag's: relative to out/ and to the site URL. */
  dir: string;
}

export const FEED_FILES = { rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' } as const;

/** Each format's registered type, which the server and the built-in WebSub hub send a feed with. */
export const FEED_TYPES = { rss: 'application/rss+xml; charset=utf-8', atom: 'application/atom+xml; charset=utf-8', json: 'application/feed+json; charset=utf-8' } as const;

/** The XSL stylesheet RSS and Atom point to, at the site's root (copied from templates/ by the build). */
export const FEED_STYLESHEET = 'feed.xsl';

/** A channel's archived feed documents (RFC 5005), in this folder of its own; out/archive/ holds the digests. */
export const ARCHIVE_DIR = 'feeds/archive/';

export type FeedFormat = keyof typeof FEED_FILES;

/**
 * Where a channel's feed of one format lives, relative to out/: its subscription feed, or with `page` that
 * archive page (`feeds/archive/atom-3.xml`).
 */
export function feedPath(channel: FeedChannel, format: FeedFormat, page?: number): string {
  const file = FEED_FILES[format];
  return page === undefined ? `${channel.dir}${file}` : `${channel.dir}${ARCHIVE_DIR}${file.replace('.', `-${page}.`)}`;
}

/** The format of the archive page at `path` (`/`-separated, ending in `feeds/archive/atom-3.xml`), or undefined for any other file. */
export function archivePageFormat(path: string): FeedFormat | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (path !== `${ARCHIVE_DIR}${name}` && !path.endsWith(`/${ARCHIVE_DIR}${name}`)) return undefined;
  return (Object.keys(FEED_FILES) as FeedFormat[]).find((format) => new RegExp(`^${FEED_FILES[format].replace('.', String.raw`-\d+\.`)}$`).test(name));
}

/** The files a channel's feeds (or one archive page of them) are written to, relative to out/. */
export function feedSetPaths(channel: FeedChannel, page?: number): string[] {
  return (Object.keys(FEED_FILES) as FeedFormat[]).map((format) => feedPath(channel, format, page));
}

/** Where a channel's feed of one format (or an archive page of it) lives, absolute: readers subscribe to this URL. */
export function feedUrl(site: SiteConfig, channel: FeedChannel, format: FeedFormat, page?: number): string {
  return new URL(feedPath(channel, format, page), site.url).href;
}

/** Whether a path relative to out/ is a subscription feed (the site's or a tag's): a WebSub topic. */
export function isSubscriptionFeed(path: string): boolean {
  return subscriptionFeedFormat(path) !== undefined;
}

/** The format of the subscription feed at a path relative to out/, or undefined for any other file. */
export function subscriptionFeedFormat(path: string): FeedFormat | undefined {
  const file = path.slice(path.lastIndexOf('/') + 1);
  const dir = path.slice(0, path.length - file.length);
  if (dir !== '' && !/^tags\/[^/]+\/$/.test(dir)) return undefined;
  return (Object.keys(FEED_FILES) as FeedFormat[]).find((format) => FEED_FILES[format] === file);
}
