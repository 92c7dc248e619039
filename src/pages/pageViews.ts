import type { Teaser } from '../article/article.js';
import { formatDay } from '../article/formatDay.js';
import type { SiteConfig } from '../config/resolvedConfig.js';
import type { SitePages } from './sitePages.js';

/** An article in a list: the index, a tag page. */
export function teaserView(site: SiteConfig, article: Teaser) {
  return {
    title: article.title,
    path: new URL(article.url).pathname,
    datetime: article.published.toISOString(),
    dateLabel: formatDay(site.language, article.published, article.timeZone),
    byline: article.authors.map((author) => author.name).join(', '),
    summary: article.summary,
  };
}

/** Page n of a list at `first` (page 1) and `first` + `page/<n>/`; undefined when there is one page. */
export function paginationView(first: string, page: number, pages: number) {
  if (pages <= 1) return undefined;
  const pathOf = (n: number) => (n === 1 ? first : `${first}page/${n}/`);
  return { page, pages, newer: page > 1 ? pathOf(page - 1) : undefined, older: page < pages ? pathOf(page + 1) : undefined };
}

/** "Title · Site", or "Title, page 2 · Site" after the first page. */
export function pageTitle(pages: SitePages, title: string, page = 1): string {
  return pages.messages.text(page > 1 ? 'title.paged' : 'title.page', { title, page, site: pages.site.title });
}

/** The site's three feeds for `<link rel="alternate">`, absolute: readers subscribe to these URLs. */
export function siteFeeds(pages: SitePages) {
  const { site, messages } = pages;
  const url = (file: string) => new URL(file, site.url).href;
  return [
    { type: 'application/rss+xml', title: messages.text('feeds.rss', { site: site.title }), url: url('rss.xml') },
    { type: 'application/atom+xml', title: messages.text('feeds.atom', { site: site.title }), url: url('atom.xml') },
    { type: 'application/feed+json', title: messages.text('feeds.json', { site: site.title }), url: url('feed.json') },
  ];
}
