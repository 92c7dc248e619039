import { hash } from 'node:crypto';
import type { ArticleMeta } from '../article/article.js';
import type { SiteConfig } from '../config/resolvedConfig.js';
import type { FeedChannel } from '../feeds/channel.js';
import type { FeedLinks } from '../feeds/feedLinks.js';
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
 * where it is placed (placement.ts: path, date, slug, id, tags, and the URL that came of them, which a
 * neighbour's new or lost URL can move), given the site, so those stand for it without serialising the meta
 * of every article at every build.
 */
function articleKey(meta: ArticleMeta): string {
  return `${meta.sourceHash} ${meta.url} ${placeOf(meta)}`;
}

/**
 * A channel's three feeds, or one archive page of them: the site, the limit and ids, the channel, its items,
 * the links it carries (feedLinks.ts: archive pages, hubs) and what each item's enclosure says of its file (`enclosed`);
 * an empty channel is dated by the clock.
 */
export function feedSetKey(site: SiteConfig, feeds: { limit: number; idFrom: string }, channel: FeedChannel, items: readonly ArticleMeta[], now: Date, links: FeedLinks, enclosed: readonly unknown[]): string {
  return keyOf([site, feeds.limit, feeds.idFrom, channel, items.map(articleKey), items.length === 0 ? now : null, links, enclosed]);
}

/**
 * The part of every page's key that the site makes: its config, the templates and messages (their
 * fingerprint) and the header's sections, so a changed template or a new most-used tag renders every page
 * again. Worked out once per build.
 */
export function siteKeyOf(site: SiteConfig, templates: string, sections: readonly unknown[]): string {
  return keyOf([site, templates, sections]);
}

/** A page of a list (the index, a tag's page): the site, the articles it lists and what it says of the rest. */
export function listPageKey(siteKey: string, items: readonly ArticleMeta[], about: unknown): string {
  return `${siteKey} ${keyOf([items.map(articleKey), about])}`;
}

/** An article page: the site, the article and its neighbours' links (their titles are on the page). */
export function articlePageKey(siteKey: string, meta: ArticleMeta, neighbours: readonly (Pick<ArticleMeta, 'url' | 'title'> | undefined)[]): string {
  return `${siteKey} ${articleKey(meta)} ${keyOf(neighbours.map((n) => (n === undefined ? null : [n.url, n.title])))}`;
}

/** The pages at an article's old paths: where they point, and the paths. */
export function aliasPagesKey(url: string, paths: readonly string[]): string {
  return keyOf([url, paths]);
}
