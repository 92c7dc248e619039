import type { Article } from '../article/article.js';
import { formatDay } from '../article/formatDay.js';
import { escapeHtml } from '../article/html.js';
import type { SiteConfig } from '../config/resolvedConfig.js';
import { layout } from './layout.js';

/**
 * An article's own page, where feed items and digests link: the body (already sanitised), its date, authors
 * and tags, the feeds to follow and the way back to the front page.
 */
export function renderArticlePage(site: SiteConfig, article: Article): string {
  const byline = article.authors.map((author) => escapeHtml(author.name)).join(', ');
  const updated =
    article.updated.getTime() > article.published.getTime()
      ? `, updated <time datetime="${article.updated.toISOString()}">${formatDay(site.language, article.updated, article.timeZone)}</time>`
      : '';
  const tags = article.tags.length === 0 ? '' : `<p class="meta">Tags: ${article.tags.map(escapeHtml).join(', ')}</p>\n`;
  const image = article.image === undefined ? '' : `<p><img src="${escapeHtml(article.image.url)}" alt="${escapeHtml(article.image.alt)}"></p>\n`;
  const head = [
    `<link rel="canonical" href="${escapeHtml(article.url)}">`,
    `<meta name="description" content="${escapeHtml(article.summary)}">`,
    `<link rel="alternate" type="application/atom+xml" title="${escapeHtml(site.title)} (Atom)" href="${escapeHtml(new URL('atom.xml', site.url).href)}">`,
    '',
  ].join('\n');
  const main = `<article>
<h1>${escapeHtml(article.title)}</h1>
<p class="meta"><time datetime="${article.published.toISOString()}">${formatDay(site.language, article.published, article.timeZone)}</time>${updated}${byline === '' ? '' : ` · ${byline}`}</p>
${image}${article.html}
${tags}</article>
<p class="meta"><a href="${escapeHtml(site.url)}">More from ${escapeHtml(site.title)}</a> · <a href="${escapeHtml(new URL('#subscribe', site.url).href)}">Get the digest by e-mail</a></p>`;
  return layout(site, `${article.title} · ${site.title}`, main, head);
}
