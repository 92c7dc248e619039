import { hash } from 'node:crypto';
import type { ArticleMeta } from '../article/article.js';
import type { SiteConfig } from '../config/resolvedConfig.js';
import type { FeedChannel } from '../feeds/channel.js';
import { placeOf } from './placement.js';

/**
 * The keys of the output memo: each states everything one output group is made from, so a group whose key
 * is the one it was last written with is not rendered again.
 */
function keyOf(inputs: unknown): string {
  return hash('sha1', JSON.stringify(inputs), 'base64url');
}

/**
 * An article as an output is made from it: its meta is a function of its file's bytes (the hash) and of
 * where it is placed (placement.ts: path, date, slug, id, tags), given the site, so those stand for it
 * without serialising the meta of every article at every build.
 */
function articleKey(meta: ArticleMeta): string {
  return `${meta.sourceHash} ${placeOf(meta)}`;
}

/** A channel's three feeds: the site, the limit, the channel and its items; an empty channel is dated by the clock. */
export function feedSetKey(site: SiteConfig, limit: number, channel: FeedChannel, items: readonly ArticleMeta[], now: Date): string {
  return keyOf([site, limit, channel, items.map(articleKey), items.length === 0 ? now : null]);
}

/** The index page: the site and the articles it lists. */
export function indexPageKey(site: SiteConfig, recent: readonly ArticleMeta[]): string {
  return keyOf([site, recent.map(articleKey)]);
}

/** The part of every article page's key that the site makes; worked out once per build. */
export function siteKeyOf(site: SiteConfig): string {
  return keyOf(site);
}

/** An article page: the site and the article. */
export function articlePageKey(siteKey: string, meta: ArticleMeta): string {
  return `${siteKey} ${articleKey(meta)}`;
}
