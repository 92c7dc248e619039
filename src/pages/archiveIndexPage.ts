import { formatDay } from '../article/formatDay.js';
import { pageTitle } from './pageViews.js';
import type { Section } from './sections.js';
import type { SitePages } from './sitePages.js';

/** Where the archive index is written, relative to out/. */
export const ARCHIVE_INDEX = 'archive/index.html';

/**
 * `archive/index.html`: past digests, newest first, each edition linking to its page (`page`, under
 * archive/); none yet says so.
 */
export function renderArchiveIndex(pages: SitePages, digests: readonly { number: number; page: string; subject: string; sentAt: Date }[], sections: Section[]): string {
  const { site, messages, paths } = pages;
  const issues = [...digests]
    .sort((a, b) => b.number - a.number)
    .map((d) => ({ number: d.number, subject: d.subject, path: `${paths.archive}${d.page}`, datetime: d.sentAt.toISOString(), dateLabel: formatDay(site.language, d.sentAt, site.timezone) }));
  const frame = { title: pageTitle(pages, messages.text('archive.title')), canonical: new URL('archive/', site.url).href, description: undefined, feeds: [], sections };
  return pages.render('archive', frame, { issues });
}
