/** The article's absolute URL: the site URL (ending in `/`) joined with the configured article path. */
export function articleUrl(siteUrl: string, articlePath: string, slug: string): string {
  return new URL(articlePath.replaceAll('{slug}', encodeURIComponent(slug)), siteUrl).href;
}

/** Where the article's page is written, relative to the out folder: a path ending in `/` gets an index.html. */
export function articlePagePath(articlePath: string, slug: string): string {
  const path = articlePath.replaceAll('{slug}', slug);
  return path.endsWith('/') ? `${path}index.html` : path;
}
