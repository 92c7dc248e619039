import { escapeHtml } from '../article/html.js';

/**
 * The page at an article's old path: it sends browsers on at once (a refresh, which static hosts serve as they
 * are, where a 301 needs the server's config) and tells search engines where the article is now, as Hugo's
 * alias pages do. It holds no words to translate: the link is the article's URL.
 */
export function renderRedirectPage(url: string): string {
  const href = escapeHtml(url);
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>${href}</title>
<link rel="canonical" href="${href}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=${href}">
</head>
<body><a href="${href}">${href}</a></body>
</html>
`;
}
