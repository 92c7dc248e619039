import type { Teaser } from '../article/article.js';
import { pageTitle, paginationView, teaserView } from './pageViews.js';
import type { Section } from './sections.js';
import { tagPath } from './sections.js';
import type { SitePages } from './sitePages.js';

export interface TagPageInput {
  tag: string;
  /** This page's articles, newest first. */
  articles: readonly Teaser[];
  /** All articles with the tag. */
  count: number;
  page: number;
  pageCount: number;
  /** The tag's Atom feed, when feeds.tagFeeds writes one. */
  feedUrl: string | undefined;
  sections: Section[];
}

/** `tags/<tag>/index.html` (and `page/<n>/` after it), beside the tag's feeds: where an article's tag links go. */
export function renderTagPage(pages: SitePages, input: TagPageInput): string {
  const { site, messages, paths } = pages;
  const first = tagPath(paths.home, input.tag);
  const heading = messages.text('tag.heading', { tag: input.tag });
  const frame = {
    title: pageTitle(pages, heading, input.page),
    canonical: new URL(input.page === 1 ? first : `${first}page/${input.page}/`, site.url).href,
    description: undefined,
    feeds: input.feedUrl === undefined ? [] : [{ type: 'application/atom+xml', title: `${site.title}: ${input.tag} (Atom)`, url: input.feedUrl }],
    sections: input.sections,
  };
  return pages.render('tag', frame, {
    tag: { name: input.tag, count: input.count, feed: input.feedUrl === undefined ? undefined : new URL(input.feedUrl).pathname },
    articles: input.articles.map((a) => teaserView(site, a)),
    pagination: paginationView(first, input.page, input.pageCount),
  });
}
