import { formatDay } from '../article/formatDay.js';
import { escapeHtml } from '../article/html.js';
import type { SiteConfig } from '../config/resolvedConfig.js';
import { layout } from './layout.js';

/** `archive/index.html`: past digests, newest first, each linking to its page. */
export function renderArchiveIndex(digests: readonly { number: number; subject: string; sentAt: Date }[], site: SiteConfig): string {
  const items = [...digests]
    .sort((a, b) => b.number - a.number)
    .map((d) => `<li><a href="${d.number}/">Issue ${d.number}: ${escapeHtml(d.subject)}</a> <span class="meta"><time datetime="${d.sentAt.toISOString()}">${formatDay(site.language, d.sentAt)}</time></span></li>`)
    .join('\n');
  const list = digests.length === 0 ? '<p>No digest has been sent yet.</p>' : `<ol reversed>\n${items}\n</ol>`;
  return layout(site, `Past issues · ${site.title}`, `<h1>Past issues of ${escapeHtml(site.title)}</h1>\n${list}`);
}
