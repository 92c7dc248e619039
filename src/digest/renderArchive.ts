import type { SiteConfig } from '../config/resolvedConfig.js';
import { personaliseDigest } from './personaliseDigest.js';

export interface ArchivedEdition {
  number: number;
  edition: number;
  subject: string;
  sentAt: Date;
  html: string;
}

/**
 * An edition's folder under archive/: a run's first edition is at the run's number (as every digest was
 * before topics), the others below it.
 */
export function issuePage(number: number, edition: number): string {
  return edition === 1 ? `${number}/` : `${number}/${edition}/`;
}

/**
 * The public web archive's issue pages, one per edition of each run (`archive/<n>/index.html`,
 * `archive/<n>/<edition>/index.html`): each mail as sent, minus anyone's unsubscribe link or name, so a
 * reader's "view in browser" shows exactly what they got. Paths are relative to out/; the list of issues is
 * a page of its own (src/pages).
 */
export function renderArchiveIssues(editions: readonly ArchivedEdition[], site: SiteConfig): Map<string, string> {
  const files = new Map<string, string>();
  const newestFirst = [...editions].sort((a, b) => b.number - a.number || a.edition - b.edition);
  const nobody = { unsubscribeUrl: new URL('unsubscribe', site.url).href, preferencesUrl: new URL('preferences', site.url).href, name: '', firstName: '' };
  for (const e of newestFirst) {
    files.set(`archive/${issuePage(e.number, e.edition)}index.html`, personaliseDigest({ html: e.html, text: '' }, nobody).html);
  }
  return files;
}
