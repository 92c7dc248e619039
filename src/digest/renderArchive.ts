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
 * The public web archive: `archive/index.html` listing past issues, newest first, and `archive/<n>/index.html`
 * per issue (the mail as sent, minus anyone's unsubscribe link). Paths are relative to out/.
 */
export function renderArchive(digests: readonly ArchivedDigest[], site: SiteConfig): Map<string, string> {
  const files = new Map<string, string>();
  const newestFirst = [...digests].sort((a, b) => b.number - a.number);
  const genericUnsubscribe = escapeHtml(new URL('unsubscribe', site.url).href);
  for (const digest of newestFirst) {
    files.set(`archive/${digest.number}/index.html`, digest.html.replaceAll(escapeHtml(UNSUBSCRIBE_PLACEHOLDER), genericUnsubscribe));
  }
  files.set('archive/index.html', renderIndex(newestFirst, site));
  return files;
}

function renderIndex(digests: readonly ArchivedDigest[], site: SiteConfig): string {
  const date = new Intl.DateTimeFormat(site.language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const items = digests
    .map((d) => `      <li><a href="${d.number}/">Issue ${d.number}: ${escapeHtml(d.subject)}</a> <time datetime="${d.sentAt.toISOString()}">${date.format(d.sentAt)}</time></li>`)
    .join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(site.language)}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light dark">
    <title>Past issues · ${escapeHtml(site.title)}</title>
    <style>
      body { font: 17px/1.55 Georgia, 'Times New Roman', serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }
      time { color: GrayText; font-size: 0.9em; margin-left: 0.5em; }
      li { margin: 0.5rem 0; }
    </style>
  </head>
  <body>
    <main>
      <h1>Past issues of ${escapeHtml(site.title)}</h1>
${digests.length === 0 ? '      <p>No digest has been sent yet.</p>' : `      <ol reversed>\n${items}\n      </ol>`}
      <p><a href="${escapeHtml(site.url)}">Back to ${escapeHtml(site.title)}</a></p>
    </main>
  </body>
</html>
`;
}
