import { pagePath } from './lists.js';

/** Where an article's page is (or would be, with article pages off: feeds link there all the same, as broadsheet's do). */
export const articleUrl = (data, item) => `${data.site.url}articles/${item.page.fileSlug}/`;

export const escape = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A page's summary: the text of its body's first paragraph, as broadsheet's summary rule takes it. */
export function summaryOf(html) {
  const first = /<p>([\s\S]*?)<\/p>/.exec(html);
  return (first?.[1] ?? '').replace(/<[^>]+>/g, '');
}

export const dateLabel = (date) => date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export function layout(data, title, body) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · ${escape(data.site.title)}</title>
<link rel="alternate" type="application/atom+xml" href="${data.site.url}atom.xml">
<link rel="stylesheet" href="/style.css">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
</head>
<body>
<header class="masthead"><p class="site-name"><a href="/">${escape(data.site.title)}</a></p></header>
<main id="main">${body}</main>
<footer><a href="/rss.xml">RSS</a> <a href="/atom.xml">Atom</a> <a href="/feed.json">JSON Feed</a></footer>
</body>
</html>
`;
}

/** One page of a list (the index or a tag's): each article's title, date and summary, then the links to the pages either side. */
export function listPage(data, base, page) {
  const teasers = page.items.map((item) => `<article><h2>${data.articlePages ? `<a href="${articleUrl(data, item)}">${escape(item.data.title)}</a>` : escape(item.data.title)}</h2>
<time datetime="${item.date.toISOString()}">${dateLabel(item.date)}</time>
<p>${escape(summaryOf(item.content))}</p></article>`);
  const newer = page.number > 1 ? `<a href="${pagePath(base, page.number - 1)}">Newer</a>` : '';
  const older = page.number < page.count ? `<a href="${pagePath(base, page.number + 1)}">Older</a>` : '';
  return `${teasers.join('\n')}\n${newer} ${older}`;
}
