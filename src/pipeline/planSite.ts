import type { Article, ArticleMeta, Teaser } from '../article/article.js';
import { pagePathOf } from '../article/url.js';
import type { FeedPlanMemo } from '../cache/feedPlanMemo.js';
import { aliasPagesKey, articlePageKey, feedSetKey, listPageKey, siteKeyOf } from '../cache/outputKeys.js';
import type { ResolvedConfig } from '../config/resolvedConfig.js';
import type { ArchiveAssignments } from '../feeds/archivePlan.js';
import { planArchive } from '../feeds/archivePlan.js';
import type { FeedChannel } from '../feeds/channel.js';
import { FEED_FILES, feedSetPaths } from '../feeds/channel.js';
import type { FeedLinks } from '../feeds/feedLinks.js';
import type { FeedPlan } from '../feeds/planFeeds.js';
import type { Enclosure } from '../feeds/renderFeeds.js';
import { groupByTag, planFeeds } from '../feeds/planFeeds.js';
import { advertisedHubs } from '../feeds/websubHubs.js';
import type { Neighbours } from '../pages/articlePage.js';
import { renderArticlePage } from '../pages/articlePage.js';
import { listPagePath, renderIndexPage } from '../pages/indexPage.js';
import { renderRedirectPage } from '../pages/redirectPage.js';
import { sectionsOf } from '../pages/sections.js';
import type { SitePages } from '../pages/sitePages.js';
import { renderTagPage } from '../pages/tagPage.js';
import type { BuildWarning, CopiedFile, FileSources } from './planFiles.js';
import { planFiles, withoutGenerated } from './planFiles.js';

/** Files written together from one list of articles: a channel's three feeds, an index or tag page, an article's page. */
export type OutputGroup = BodiesGroup | TeasersGroup;

interface GroupOf<Item, Needs> {
  /** What the output memo knows the group by. */
  name: string;
  /** Relative to the out folder. */
  paths: string[];
  items: ArticleMeta[];
  /** Everything the group is made from (src/cache/outputKeys.ts): an unchanged key and untouched files need no render. */
  key: string;
  /** What of each article the group is made from: a list page needs only summaries, which a build keeps for every article it renders. */
  needs: Needs;
  render: (items: Item[]) => Promise<Map<string, string>>;
}

/** Feeds and article pages: made from whole bodies. */
export type BodiesGroup = GroupOf<Article, 'bodies'>;
/** The index's and tags' pages: made from summaries. */
export type TeasersGroup = GroupOf<Teaser, 'summaries'>;

/**
 * What a build makes: the groups shared by many articles (feeds, the index's first page) and the other pages
 * (archive pages among them), the archive pages it put new articles on, for the caller to remember, and the
 * files copied as they are (the articles' files, the static folder), with what could not be.
 */
export interface SitePlan {
  shared: OutputGroup[];
  pages: OutputGroup[];
  archiveAdded: ArchiveAssignments;
  copies: CopiedFile[];
  warnings: BuildWarning[];
}

export interface PlanInputs {
  /** Remembers the feeds planned at the last call (a service's scans). */
  feedPlans?: FeedPlanMemo;
  /** Where earlier builds put each article of each channel's archive (feeds.archive). */
  archivePages: ArchiveAssignments;
  /** The files the articles link to and the static folder's, as the build found them. */
  files: FileSources;
  /** Paths the build writes besides the groups (the stylesheet, the feed XSL): no copy takes them. */
  reserved: readonly string[];
}

/**
 * The published articles -> every output group, its paths, its items and its key, and every file copied.
 * Pure: it reads no file and renders nothing.
 */
export function planSite(entries: ArticleMeta[], config: ResolvedConfig, now: Date, sitePages: SitePages, inputs: PlanInputs): SitePlan {
  const plan = () => planFeeds(entries, config.site, config.feeds, sitePages.messages);
  const plans = inputs.feedPlans?.plans({ site: config.site, feeds: config.feeds, words: sitePages.messages.source, articles: entries }, plan) ?? plan();
  const tagged = groupByTag(entries, Number.POSITIVE_INFINITY);
  const pages = pageGroups(config, entries, tagged, sitePages);
  const files = planFiles(entries, inputs.files);
  const { enclosures } = files;
  const archives = config.feeds.archive ? archiveGroups(config, plans, { entries, tagged }, inputs.archivePages, { now, enclosures }) : { subscriptions: new Map<string, FeedLinks>(), groups: [], added: new Map() };
  // Only a subscription feed names its hubs: it is the topic readers subscribe to; an archive page changes rarely.
  const shared = [...plans.map((feedPlan) => feedGroup(config, feedPlan, { ...archives.subscriptions.get(feedPlan.channel.dir), hubs: advertisedHubs(config) }, { now, enclosures })), pages.first];
  const rest = [...pages.rest, ...archives.groups];
  const copied = withoutGenerated(files, new Set([...inputs.reserved, ...[...shared, ...rest].flatMap((group) => group.paths)]), inputs.files);
  return { shared, pages: rest, archiveAdded: archives.added, ...copied };
}

/** What every feed group is rendered with besides its channel: the clock, and the enclosed files' lengths and types. */
interface FeedContext {
  now: Date;
  enclosures: ReadonlyMap<string, Enclosure>;
}

/** What the items' enclosures say of their files, for a feed's key: an image replaced by another renders the feed again. */
function enclosedFiles(items: readonly ArticleMeta[], enclosures: ReadonlyMap<string, Enclosure>): (Enclosure | null)[] {
  return items.map((item) => (item.image === undefined ? null : (enclosures.get(item.image.url) ?? null)));
}

function feedGroup(config: ResolvedConfig, { channel, items }: FeedPlan<ArticleMeta>, links: FeedLinks, { now, enclosures }: FeedContext): OutputGroup {
  const { site, feeds } = config;
  return {
    name: `feeds:${channel.dir}`,
    paths: feedSetPaths(channel),
    items,
    key: feedSetKey(site, feeds, channel, items, now, links, enclosedFiles(items, enclosures)),
    needs: 'bodies',
    render: async (articles) => (await import('../feeds/renderFeeds.js')).renderFeedSet(articles, site, channel, { limit: feeds.limit, now, idFrom: feeds.idFrom, links, enclosures }),
  };
}

/**
 * Each channel's archive pages (RFC 5005), its whole list of articles on pages that never move them
 * (archivePlan.ts), each linking its neighbours and its subscription feed, which links the newest page.
 */
function archiveGroups(
  config: ResolvedConfig,
  plans: readonly FeedPlan<ArticleMeta>[],
  all: { entries: readonly ArticleMeta[]; tagged: ReturnType<typeof groupByTag<ArticleMeta>> },
  assigned: ArchiveAssignments,
  context: FeedContext,
): { subscriptions: Map<string, FeedLinks>; groups: OutputGroup[]; added: Map<string, ReadonlyMap<string, number>> } {
  const { feeds } = config;
  const subscriptions = new Map<string, FeedLinks>();
  const groups: OutputGroup[] = [];
  const added = new Map<string, ReadonlyMap<string, number>>();
  for (const { channel } of plans) {
    const newestFirst = channel.dir === '' ? all.entries : (all.tagged.get(channel.dir.slice('tags/'.length, -1))?.tagged ?? []);
    const archive = planArchive([...newestFirst].reverse(), assigned.get(channel.dir) ?? new Map(), feeds.archivePageSize);
    if (archive.added.size > 0) added.set(channel.dir, archive.added);
    const numbers = archive.pages.map((page) => page.number);
    if (numbers.length > 0) subscriptions.set(channel.dir, { prevArchive: numbers.at(-1) as number });
    archive.pages.forEach(({ number, items }, i) => {
      const links: FeedLinks = { page: number, ...optional('prevArchive', numbers[i - 1]), ...optional('nextArchive', numbers[i + 1]), ...(numbers.length === 1 ? { complete: true } : {}) };
      groups.push(archivePageGroup(config, channel, items, links, context));
    });
  }
  return { subscriptions, groups, added };
}

function archivePageGroup(config: ResolvedConfig, channel: FeedChannel, items: ArticleMeta[], links: FeedLinks, { now, enclosures }: FeedContext): OutputGroup {
  const { site, feeds } = config;
  return {
    name: `archive:${channel.dir}${String(links.page)}`,
    paths: feedSetPaths(channel, links.page),
    items,
    key: feedSetKey(site, feeds, channel, items, now, links, enclosedFiles(items, enclosures)),
    needs: 'bodies',
    // A page holds all of its own articles, also more than archivePageSize when that was made smaller.
    render: async (articles) =>
      (await import('../feeds/renderFeeds.js')).renderFeedSet(articles, site, channel, { limit: Number.POSITIVE_INFINITY, now, idFrom: feeds.idFrom, links, enclosures }),
  };
}

function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}

/**
 * The site's pages from the articles (newest first): the index and each tag's page, site.pageSize articles a
 * page, and a page per article. `first` is the index's first page, which a build renders with the feeds; the
 * rest are rendered in batches. Every key holds the templates' fingerprint and the header's sections, so a
 * changed template or a new most-used tag renders the pages again.
 */
function pageGroups(config: ResolvedConfig, entries: readonly ArticleMeta[], tagged: ReturnType<typeof groupByTag<ArticleMeta>>, pages: SitePages): { first: OutputGroup; rest: OutputGroup[] } {
  const { site, feeds } = config;
  const sections = sectionsOf(site.sections, entries, pages.paths.home);
  const base = siteKeyOf(site, pages.fingerprint, sections());
  const index = paginate(entries, site.pageSize).map((items, i, all) => ({
    name: `index:${i + 1}`,
    paths: [listPagePath(i + 1)],
    items,
    key: listPageKey(base, items, all.length),
    needs: 'summaries' as const,
    render: async (articles: Teaser[]) => new Map([[listPagePath(i + 1), renderIndexPage(pages, articles, { page: i + 1, pageCount: all.length, sections: sections() })]]),
  }));
  const tags = [...tagged].flatMap(([slug, { tag, tagged }]) =>
    paginate(tagged, site.pageSize).map((items, i, all) => {
      const path = `tags/${slug}/${listPagePath(i + 1)}`;
      const feedUrl = feeds.tagFeeds ? new URL(`tags/${slug}/${FEED_FILES.atom}`, site.url).href : undefined;
      return {
        name: `tag:${slug}:${i + 1}`,
        paths: [path],
        items,
        key: listPageKey(base, items, [tag, all.length, tagged.length, feedUrl ?? null]),
        needs: 'summaries' as const,
        render: async (articles: Teaser[]) =>
          new Map([[path, renderTagPage(pages, { tag, articles, count: tagged.length, page: i + 1, pageCount: all.length, feedUrl, sections: sections(tag) })]]),
      };
    }),
  );
  const articles = site.articlePages ? entries.flatMap((meta, i) => articlePageGroup(config, meta, { newer: entries[i - 1], older: entries[i + 1] }, base, pages, sections()) ?? []) : [];
  const [first = emptyIndex(pages, base, sections()), ...more] = index;
  // Article pages first: each body a build renders leaves its summary behind, so the lists after them render none.
  const rest = [...articles, ...more, ...tags];
  return { first, rest: site.articlePages ? [...rest, ...aliasGroups(config, entries, new Set([first, ...rest].flatMap((group) => group.paths)))] : rest };
}

/** An article's page, at its URL's path under the out folder; none for an article whose URL is not under the site's. */
function articlePageGroup(config: ResolvedConfig, meta: ArticleMeta, neighbours: Neighbours, base: string, pages: SitePages, sections: ReturnType<ReturnType<typeof sectionsOf>>): OutputGroup | undefined {
  const path = pagePathOf(config.site.url, meta.url);
  if (path === undefined) return undefined;
  return {
    name: `page:${meta.sourcePath}`,
    paths: [path],
    items: [meta],
    key: articlePageKey(base, meta, [neighbours.newer, neighbours.older]),
    needs: 'bodies',
    render: async ([article]) => new Map(article === undefined ? [] : [[path, renderArticlePage(pages, article, neighbours, sections)]]),
  };
}

/**
 * The pages at an article's old paths (its `aliases`), each sending the reader on to the article as Hugo's
 * do. A path another output has (a page, a feed, another alias) is left to it: an alias never replaces a page.
 */
function aliasGroups(config: ResolvedConfig, entries: readonly ArticleMeta[], taken: Set<string>): OutputGroup[] {
  return entries.flatMap((meta) => {
    const paths = (meta.aliases ?? []).flatMap((alias) => {
      const path = pagePathOf(config.site.url, new URL(alias.split('/').map(encodeURIComponent).join('/'), config.site.url).href);
      if (path === undefined || taken.has(path)) return [];
      taken.add(path);
      return [path];
    });
    if (paths.length === 0) return [];
    const page = renderRedirectPage(meta.url);
    return [{ name: `aliases:${meta.sourcePath}`, paths, items: [], key: aliasPagesKey(meta.url, paths), needs: 'summaries' as const, render: async () => new Map(paths.map((path) => [path, page])) }];
  });
}

/** A site with no articles yet still has a front page, saying so. */
function emptyIndex(pages: SitePages, base: string, sections: ReturnType<ReturnType<typeof sectionsOf>>): OutputGroup {
  return { name: 'index:1', paths: ['index.html'], items: [], key: base, needs: 'summaries', render: async () => new Map([['index.html', renderIndexPage(pages, [], { page: 1, pageCount: 1, sections })]]) };
}

function paginate<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
