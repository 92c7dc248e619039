import { escapeHtml } from '../article/html.js';
import type { SiteConfig } from '../config/resolvedConfig.js';

/**
 * The frame of the dev server's own pages (the inbox, an empty preview), which the publisher sees, not the
 * readers (their pages come from templates/site/): readable without CSS or JavaScript, system colours so dark mode
 * works, visible keyboard focus, contrast above WCAG AA.
 */
export function layout(site: SiteConfig, title: string, main: string, head = ''): string {
  return `<!doctype html>
<html lang="${escapeHtml(site.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(title)}</title>
${head}<style>
body { font: 18px/1.55 Georgia, 'Times New Roman', serif; max-width: 40rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; background: Canvas; color: CanvasText; }
a { color: LinkText; }
a:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid Highlight; outline-offset: 2px; }
label { display: block; font-weight: bold; margin-bottom: 0.25rem; }
input[type=email] { font: inherit; width: 100%; max-width: 24rem; padding: 0.5rem; border: 2px solid GrayText; border-radius: 4px; box-sizing: border-box; }
button { font: inherit; padding: 0.5rem 1rem; margin-top: 0.5rem; border: 2px solid ButtonText; border-radius: 4px; background: ButtonFace; color: ButtonText; cursor: pointer; }
.meta { font-size: 0.85em; opacity: 0.85; }
ul.articles { list-style: none; padding: 0; }
ul.articles li { margin: 0 0 1.25rem; }
img { max-width: 100%; height: auto; }
pre, table { display: block; max-width: 100%; overflow-x: auto; }
</style>
</head>
<body>
<header><p><a href="${escapeHtml(site.url)}">${escapeHtml(site.title)}</a></p></header>
<main>
${main}
</main>
</body>
</html>
`;
}

/** A page that says one thing: a result, an error, a next step (`afterHtml`: e.g. a form to try again). */
export function messagePage(site: SiteConfig, title: string, paragraphs: readonly string[], afterHtml = ''): string {
  return layout(site, `${title} · ${site.title}`, `<h1>${escapeHtml(title)}</h1>\n${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}${afterHtml}`);
}
