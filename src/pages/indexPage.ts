import type { Article } from '../article/article.js';
import { formatDay } from '../article/formatDay.js';
import { escapeHtml } from '../article/html.js';
import type { SiteConfig } from '../config/resolvedConfig.js';
import { layout, subscribeForm } from './layout.js';

/**
 * out/index.html: recent articles, the feeds (with autodiscovery links, so pasting the site's address into
 * a reader finds them), the subscribe form and the digest archive.
 */
export function renderIndexPage(site: SiteConfig, articles: readonly Article[], limit = 20): string {
  const feed = (file: string) => escapeHtml(new URL(file, site.url).href);
  const head = [
    `<link rel="alternate" type="application/rss+xml" title="${escapeHtml(site.title)} (RSS)" href="${feed('rss.xml')}">`,
    `<link rel="alternate" type="application/atom+xml" title="${escapeHtml(site.title)} (Atom)" href="${feed('atom.xml')}">`,
    `<link rel="alternate" type="application/feed+json" title="${escapeHtml(site.title)} (JSON Feed)" href="${feed('feed.json')}">`,
    '',
  ].join('\n');
  const items = articles
    .slice(0, limit)
    .map(
      (a) =>
        `<li><a href="${escapeHtml(a.url)}">${escapeHtml(a.title)}</a><br><span class="meta"><time datetime="${a.published.toISOString()}">${formatDay(site.language, a.published, a.timeZone)}</time></span><br>${escapeHtml(a.summary)}</li>`,
    )
    .join('\n');
  const main = `<h1>${escapeHtml(site.title)}</h1>
<p>${escapeHtml(site.description)}</p>
<h2>Recent articles</h2>
${articles.length === 0 ? '<p>Nothing published yet.</p>' : `<ul class="articles">\n${items}\n</ul>`}
<h2 id="subscribe">Get the digest by e-mail</h2>
${subscribeForm(site)}
<p class="meta">We send a confirmation link first. Every digest has a one-click unsubscribe link. <a href="${escapeHtml(new URL('archive/', site.url).href)}">Past issues</a>.</p>
<h2>Follow the feeds</h2>
<p>Copy one of these addresses into your feed reader: <a href="${feed('rss.xml')}">RSS</a>, <a href="${feed('atom.xml')}">Atom</a>, <a href="${feed('feed.json')}">JSON Feed</a>.</p>`;
  return layout(site, site.title, main, head);
}
