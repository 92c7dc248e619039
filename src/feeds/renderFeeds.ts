import slugify from '@sindresorhus/slugify';
import { createHash } from 'node:crypto';
import type { Article, ArticleMeta } from '../article/article.js';
import { lastUpdated, newestFirst } from '../article/order.js';
import type { SiteConfig } from '../config/resolvedConfig.js';
import { renderAtom } from './atom.js';
import type { FeedChannel } from './channel.js';
import { FEED_FILES } from './channel.js';
import { renderJsonFeed } from './jsonFeed.js';
import { renderRss } from './rss.js';

export type { FeedChannel } from './channel.js';

/** Output path relative to out/ ('rss.xml', 'tags/politics/atom.xml', ...) -> file contents. */
export type FeedFiles = Map<string, string>;

/**
 * The three feeds of one channel, holding its newest `limit` articles. Their date is the newest article's
 * `updated`, never the clock, so an unchanged content folder gives byte-identical files; `now` is used
 * only for a channel with no articles at all.
 */
export function renderFeedSet(
  articles: readonly Article[],
  site: SiteConfig,
  channel: FeedChannel,
  options: { limit: number; now: Date; memo?: FeedMemo },
): FeedFiles {
  const items = newestFirst(articles).slice(0, options.limit);
  const updated = lastUpdated(items) ?? options.now;
  if (options.memo === undefined) return renderChannel(items, site, channel, updated);
  const key = createHash('sha256').update(JSON.stringify([site, channel, updated, items])).digest('base64url');
  const cached = options.memo.get(channel.dir);
  if (cached?.key === key) return cached.files;
  const files = renderChannel(items, site, channel, updated);
  options.memo.set(channel.dir, { key, files });
  return files;
}

/**
 * Feeds rendered by an earlier build of the same process, by channel, with a hash of everything they were
 * made from: a channel whose items did not change is not rendered again.
 */
export type FeedMemo = Map<string, { key: string; files: FeedFiles }>;

function renderChannel(items: readonly Article[], site: SiteConfig, channel: FeedChannel, updated: Date): FeedFiles {
  return new Map([
    [`${channel.dir}${FEED_FILES.rss}`, renderRss(items, site, channel, updated)],
    [`${channel.dir}${FEED_FILES.atom}`, renderAtom(items, site, channel, updated)],
    [`${channel.dir}${FEED_FILES.json}`, renderJsonFeed(items, site, channel)],
  ]);
}

/** The site's feeds and, unless turned off, one set per tag in `tags/<tag-slug>/`. */
export function renderAllFeeds(
  articles: readonly Article[],
  site: SiteConfig,
  feeds: { limit: number; tagFeeds: boolean },
  now: Date,
  memo?: FeedMemo,
): FeedFiles {
  const options = { limit: feeds.limit, now, ...(memo === undefined ? {} : { memo }) };
  const files = renderFeedSet(articles, site, { title: site.title, description: site.description, dir: '' }, options);
  if (!feeds.tagFeeds) return files;
  for (const [tagSlug, { tag, tagged }] of groupByTag(articles)) {
    const channel = { title: `${site.title}: ${tag}`, description: `Articles tagged “${tag}” from ${site.title}.`, dir: `tags/${tagSlug}/` };
    for (const [path, body] of renderFeedSet(tagged, site, channel, options)) files.set(path, body);
  }
  return files;
}

/**
 * The articles any feed will hold: the newest `limit` overall and per tag. Only these need their bodies
 * rendered; `renderAllFeeds` given just these writes the same files as given all.
 */
export function articlesInFeeds<T extends ArticleMeta>(articles: readonly T[], feeds: { limit: number; tagFeeds: boolean }): T[] {
  const needed = new Set(newestFirst(articles).slice(0, feeds.limit));
  if (feeds.tagFeeds) for (const { tagged } of groupByTag(articles).values()) for (const article of tagged.slice(0, feeds.limit)) needed.add(article);
  return newestFirst([...needed]);
}

/** Tags that slugify alike ("Café" and "cafe") share one feed, named after the newest article's spelling. */
function groupByTag<T extends ArticleMeta>(articles: readonly T[]): Map<string, { tag: string; tagged: T[] }> {
  const groups = new Map<string, { tag: string; tagged: T[] }>();
  const slugs = new Map<string, string>();
  const slugOf = (tag: string): string => slugs.get(tag) ?? (slugs.set(tag, slugify(tag)).get(tag) as string);
  for (const article of newestFirst(articles)) {
    for (const slug of new Set(article.tags.map(slugOf))) {
      if (slug === '') continue;
      const group = groups.get(slug);
      if (group === undefined) groups.set(slug, { tag: article.tags.find((tag) => slugOf(tag) === slug) as string, tagged: [article] });
      else group.tagged.push(article);
    }
  }
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
