import { escapeHtml } from '../article/html.js';
import type { SiteConfig } from '../config/resolvedConfig.js';
import { UNSUBSCRIBE_PLACEHOLDER } from './personaliseDigest.js';

export interface ArchivedDigest {
  number: number;
  subject: string;
  sentAt: Date;
  html: string;
}

/**
 * The public web archive's issue pages, `archive/<n>/index.html`: the mail as sent, minus anyone's
 * unsubscribe link. Paths are relative to out/; the list of issues is a page of its own (src/pages).
 */
export function renderArchiveIssues(digests: readonly ArchivedDigest[], site: SiteConfig): Map<string, string> {
  const files = new Map<string, string>();
  const newestFirst = [...digests].sort((a, b) => b.number - a.number);
  const genericUnsubscribe = escapeHtml(new URL('unsubscribe', site.url).href);
  for (const digest of newestFirst) {
    files.set(`archive/${digest.number}/index.html`, digest.html.replaceAll(escapeHtml(UNSUBSCRIBE_PLACEHOLDER), genericUnsubscribe));
  }
  return files;
}
