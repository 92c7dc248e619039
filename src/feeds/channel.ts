import type { SiteConfig } from '../config/resolvedConfig.js';

export interface FeedChannel {
  /** Site title, or "<site title>: <tag>" for a tag's feeds. */
  title: string;
  description: string;
  /** '' for the site's feeds, 'tags/<tag-slug>/' for a tag's: relative to out/ and to the site URL. */
  dir: string;
}

export const FEED_FILES = { rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' } as const;

/** The XSL stylesheet RSS and Atom point to, at the site's root (copied from templates/ by the build). */
export const FEED_STYLESHEET = 'feed.xsl';

export type FeedFormat = keyof typeof FEED_FILES;

/** The files a channel's feeds are written to, relative to out/. */
export function feedSetPaths(channel: FeedChannel): string[] {
  return Object.values(FEED_FILES).map((file) => `${channel.dir}${file}`);
}

/** Where a channel's feed of one format lives, absolute: readers subscribe to this URL. */
export function feedUrl(site: SiteConfig, channel: FeedChannel, format: FeedFormat): string {
  return new URL(`${channel.dir}${FEED_FILES[format]}`, site.url).href;
}
