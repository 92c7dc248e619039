import type { Article, ArticleMeta } from '../article/article.js';
import { formatDay } from '../article/formatDay.js';
import { pageTitle, siteFeeds } from './pageViews.js';
import type { Section } from './sections.js';
import { tagPath } from './sections.js';
import type { SitePages } from './sitePages.js';

/** The articles published just before and after, for the links at the foot of a page. */
export interface Neighbours {
  newer: Pick<ArticleMeta, 'title' | 'url'> | undefined;
  older: Pick<ArticleMeta, 'title' | 'url'> | undefined;
}

/**
 * An article's own page, where feed items and digests link: the body (already sanitised), its date, byline
 * and tags (each a link to the tag's page), the articles before and after it and the way to the digest.
 */
export function renderArticlePage(pages: SitePages, article: Article, neighbours: Neighbours, sections: Section[]): string {
  const { site, paths } = pages;
  const day = (date: Date) => formatDay(site.language, date, article.timeZone);
  const link = (meta: Neighbours['newer']) => (meta === undefined ? undefined : { title: meta.title, path: new URL(meta.url).pathname });
  const frame = { title: pageTitle(pages, article.title), canonical: article.url, description: article.summary, feeds: siteFeeds(pages), sections };
  return pages.render('article', frame, {
    article: {
      title: article.title,
      html: article.html,
      datetime: article.published.toISOString(),
      dateLabel: day(article.published),
      updated: article.updated.getTime() > article.published.getTime() ? { datetime: article.updated.toISOString(), dateLabel: day(article.updated) } : undefined,
      byline: article.authors.map((author) => author.name).join(', '),
      image: article.image,
      tags: article.tags.map((tag) => ({ name: tag, url: tagPath(paths.home, tag) })),
    },
    neighbours: neighbours.newer === undefined && neighbours.older === undefined ? undefined : { newer: link(neighbours.newer), older: link(neighbours.older) },
  });
}
