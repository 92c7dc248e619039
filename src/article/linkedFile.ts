import { pagePathOf } from './url.js';

/**
 * The local files an article links to (an image, a PDF, a recording) travel with it: a relative link to a
 * file in the content folder is published at that file's own path there (`content/2026/images/ferry.jpg` ->
 * `2026/images/ferry.jpg`), and a page bundle's own files beside the bundle's page, as Hugo publishes them.
 * One function gives both the path the build copies to and the URL every output links, so they never differ.
 */

/** Links to pages rather than files: another article's source, or a page of the old site. */
const PAGE_EXTENSION = /\.(?:md|markdown|txt|html?|php|aspx?)$/i;

/** The part of an article a linked file's place depends on. */
export interface LinkingArticle {
  sourcePath: string;
  url: string;
}

/**
 * A link's target as a path relative to the linking file, decoded, without its query and fragment; undefined
 * for anything else: a URL with a scheme, a root-relative or fragment link, a link without a file extension
 * (a page), or template syntax left in it.
 */
export function relativeFileOf(ref: string): string | undefined {
  const trimmed = ref.trim();
  if (trimmed === '' || /^[a-z][a-z0-9+.-]*:/i.test(trimmed) || /^[/\\#?]/.test(trimmed)) return undefined;
  return filePathOf(trimmed);
}

/** The path part of a link, decoded, when it names a file (it has an extension, and not a page's); else undefined. */
export function filePathOf(link: string): string | undefined {
  if (/[{}<>"]/.test(link)) return undefined;
  const path = link.replace(/[?#].*$/s, '');
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (!/\.[a-z0-9]+$/i.test(name) || PAGE_EXTENSION.test(name)) return undefined;
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

/** A path relative to the file at `sourcePath` -> its path in the content folder; undefined when it leaves the folder. */
export function contentPathOf(sourcePath: string, relative: string): string | undefined {
  const parts = sourcePath.split('/').slice(0, -1);
  for (const segment of relative.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') parts.push(segment);
    else if (parts.pop() === undefined) return undefined;
  }
  return parts.length === 0 ? undefined : parts.join('/');
}

/**
 * Where a file in the content folder that `article` links to is published, relative to the out folder: a
 * page bundle's own file (`posts/ferry/index.md` linking `posts/ferry/deck.jpg`) beside the article's page,
 * wherever `site.articlePath` puts it; any other file at its path in the content folder.
 */
export function publishedFilePath(siteUrl: string, article: LinkingArticle, contentPath: string): string {
  const bundle = /^(.+\/)index\.(?:md|markdown)$/i.exec(article.sourcePath)?.[1];
  if (bundle !== undefined && contentPath.startsWith(bundle)) {
    const page = pagePathOf(siteUrl, article.url);
    if (page !== undefined) return page.slice(0, page.lastIndexOf('/') + 1) + contentPath.slice(bundle.length);
  }
  return contentPath;
}

/** The URL of a file published at `path` (relative to the out folder, which is served at the site URL). */
export function publishedFileUrl(siteUrl: string, path: string): string {
  return siteUrl + path.split('/').map(encodeURIComponent).join('/');
}

/** The URL a link from `article` to a local file points at (its query and fragment kept), or undefined for any other link. */
export function linkedFileUrl(siteUrl: string, article: LinkingArticle, ref: string): string | undefined {
  const relative = relativeFileOf(ref);
  const path = relative === undefined ? undefined : contentPathOf(article.sourcePath, relative);
  if (path === undefined) return undefined;
  const suffix = /[?#].*$/s.exec(ref.trim())?.[0] ?? '';
  return publishedFileUrl(siteUrl, publishedFilePath(siteUrl, article, path)) + suffix;
}
