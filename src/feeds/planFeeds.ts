import { slugOf } from '../article/slug.js';
import type { ArticleMeta } from '../article/article.js';
import { newestFirst } from '../article/order.js';
import type { SiteConfig } from '../config/resolvedConfig.js';
import type { Messages } from '../templating/messages.js';
import type { FeedChannel } from './channel.js';

/** One channel and the articles its feeds hold: newest first, at most the feed limit. */
export interface FeedPlan<T extends ArticleMeta> {
  channel: FeedChannel;
  items: T[];
}

/**
 * Which channels there are and what each holds, from article metadata alone: a build renders the bodies of
 * just these items, and only for the channels whose items changed. A tag's channel is described in the
 * site's language (`feeds.tagDescription` of templates/messages/).
 */
export function planFeeds<T extends ArticleMeta>(articles: readonly T[], site: SiteConfig, feeds: { limit: number; tagFeeds: boolean }, messages: Pick<Messages, 'text'>): FeedPlan<T>[] {
  const newest = newestFirst(articles);
  const plans = [{ channel: { title: site.title, description: site.description, dir: '' }, items: newest.slice(0, feeds.limit) }];
  if (!feeds.tagFeeds) return plans;
  for (const [tagSlug, { tag, tagged }] of groupByTag(newest, feeds.limit)) {
    const channel = { title: `${site.title}: ${tag}`, description: messages.text('feeds.tagDescription', { tag, site: site.title }), dir: `tags/${tagSlug}/` };
    plans.push({ channel, items: tagged });
  }
  return plans;
}

/**
 * The newest `limit` articles of each tag, from articles newest first. Tags that slugify alike ("Café" and
 * "cafe") share one feed, named after the newest article's spelling.
 */
export function groupByTag<T extends ArticleMeta>(newest: readonly T[], limit: number): Map<string, { tag: string; tagged: T[] }> {
  const groups = new Map<string, { tag: string; tagged: T[] }>();
  const slugs = new Map<string, string>();
  const slugOfTag = (tag: string): string => slugs.get(tag) ?? (slugs.set(tag, slugOf(tag)).get(tag) as string);
  for (const article of newest) {
    const { tags } = article;
    for (let i = 0; i < tags.length; i++) {
      const tag = tags[i] as string;
      const slug = slugOfTag(tag);
      // An article is in a tag's feed once, under the first of its tags that slug alike; no Set per article.
      if (slug === '' || tags.slice(0, i).some((earlier) => slugOfTag(earlier) === slug)) continue;
      const group = groups.get(slug);
      if (group === undefined) groups.set(slug, { tag, tagged: [article] });
      else if (group.tagged.length < limit) group.tagged.push(article);
    }
  }
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
