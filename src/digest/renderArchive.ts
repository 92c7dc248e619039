import type { SiteConfig } from '../config/resolvedConfig.js';
import { personaliseDigest } from './personaliseDigest.js';

export interface ArchivedDigest {
  number: number;
  subject: string;
  sentAt: Date;
  html: string;
}

/**
 * The public web archive's issue pages, `archive/<n>/index.html`: the mail as sent, minus anyone's
 * unsubscribe link or name. Paths are relative to out/; the list of issues is a page of its own (src/pages).
 */
export function renderArchiveIssues(digests: readonly ArchivedDigest[], site: SiteConfig): Map<string, string> {
  const files = new Map<string, string>();
  const newestFirst = [...digests].sort((a, b) => b.number - a.number);
  const nobody = { unsubscribeUrl: new URL('unsubscribe', site.url).href, preferencesUrl: new URL('preferences', site.url).href, name: '', firstName: '' };
  for (const digest of newestFirst) {
    files.set(`archive/${digest.number}/index.html`, personaliseDigest({ html: digest.html, text: '' }, nobody).html);
  }
  return files;
}
