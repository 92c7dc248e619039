/** The article's absolute URL: the site URL (ending in `/`) joined with the configured article path. */
export function articleUrl(siteUrl: string, articlePath: string, slug: string): string {
  return new URL(articlePath.replaceAll('{slug}', encodeURIComponent(slug)), siteUrl).href;
}
