/** Stands for the slug while a site's article URL is worked out once; it survives URL parsing as written. */
const SLUG_MARK = 'broadsheetslugmark';

/** The template of the site and path last asked for: a build asks for one, 10,000 times over. */
let template: { siteUrl: string; articlePath: string; parts: string[] } | undefined;

/**
 * The article's absolute URL: the site URL (ending in `/`) joined with the configured article path. The URL
 * is parsed once per site and path, not once per article: slugs are lower-case letters, digits and hyphens
 * (slugify's output, or a `slug:` checked against that), which need no escaping and form no `.` segments,
 * so putting one in the parsed template gives the URL that parsing the whole would.
 */
export function articleUrl(siteUrl: string, articlePath: string, slug: string): string {
  if (template?.siteUrl !== siteUrl || template.articlePath !== articlePath) {
    template = { siteUrl, articlePath, parts: new URL(articlePath.replaceAll('{slug}', SLUG_MARK), siteUrl).href.split(SLUG_MARK) };
  }
  const { parts } = template;
  return parts.length === 2 ? `${parts[0]}${encodeURIComponent(slug)}${parts[1]}` : parts.join(encodeURIComponent(slug));
}

/** Where the article's page is written, relative to the out folder: a path ending in `/` gets an index.html. */
export function articlePagePath(articlePath: string, slug: string): string {
  const path = articlePath.replaceAll('{slug}', slug);
  return path.endsWith('/') ? `${path}index.html` : path;
}
