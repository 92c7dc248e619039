import { pageTitle } from '../pages/pageViews.js';
import { sectionsOf } from '../pages/sections.js';
import type { PageName, SitePages } from '../pages/sitePages.js';

/**
 * A page the server answers with (subscribe, confirm, unsubscribe, an error): the site's layout, with the
 * sections site.sections lists (the server does not read the articles to find the most used tags).
 */
export function serverPage(pages: SitePages, name: PageName, title: string, page: object): string {
  const sections = sectionsOf(pages.site.sections, [], pages.paths.home)();
  return pages.render(name, { title: pageTitle(pages, title), canonical: undefined, description: undefined, feeds: [], sections }, page);
}
