import type { Teaser } from '../article/article.js';
import { pageTitle, paginationView, siteFeeds, teaserView } from './pageViews.js';
import type { Section } from './sections.js';
import type { SitePages } from './sitePages.js';

/**
 * out/index.html and out/page/<n>/index.html: the newest articles, site.pageSize a page, with feed
 * autodiscovery links (pasting the site's address into a reader finds them), the subscribe form and the feeds.
 */
export function renderIndexPage(pages: SitePages, articles: readonly Teaser[], at: { page: number; pageCount: number; sections: Section[] }): string {
  const { site, messages, paths } = pages;
  const heading = messages.text('index.heading');
  const frame = {
    title: at.page === 1 ? site.title : pageTitle(pages, heading, at.page),
    canonical: new URL(at.page === 1 ? '' : `page/${at.page}/`, site.url).href,
    description: site.description,
    feeds: siteFeeds(pages),
    sections: at.sections,
  };
  return pages.render('index', frame, { heading, articles: articles.map((a) => teaserView(site, a)), pagination: paginationView(paths.home, at.page, at.pageCount) });
}

/** Where page n of a list is written, relative to the list's folder in out/. */
export function listPagePath(page: number): string {
  return page === 1 ? 'index.html' : `page/${page}/index.html`;
}
