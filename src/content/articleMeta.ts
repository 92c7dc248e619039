import type { ArticleImage, ArticleMeta, IndexEntry } from '../article/article.js';
import type { ArticlePlace } from '../article/url.js';
import { linkedFileUrl } from '../article/linkedFile.js';
import { articleUrl, fileNameOf } from '../article/url.js';
import type { SiteConfig } from '../config/resolvedConfig.js';
import { oneLine } from './indexEntry.js';

const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif', svg: 'image/svg+xml',
};

/**
 * Where an entry goes on the site, with `suffix` on its name when an older article has its URL: the slug
 * when the path (its permalink, else `site.articlePath`) holds `{slug}`, else the file name.
 */
export function placeEntry(entry: IndexEntry, suffix: string, site: SiteConfig): ArticlePlace {
  const path = entry.permalink ?? site.articlePath;
  const bySlug = path.includes('{slug}');
  const slug = bySlug ? entry.slug + suffix : entry.slug;
  const filename = path.includes('{filename}') ? fileNameOf(entry.sourcePath) + (bySlug ? '' : suffix) : '';
  return { slug, url: articleUrl(site.url, path, { slug, filename, published: entry.published, timeZone: entry.timeZone }) };
}

/**
 * An index entry with its final place on the site at `siteUrl` -> what later stages sort, select and link
 * by, before any rendering. An image in the content folder is linked where it is published (linkedFile.ts).
 */
export function toArticleMeta(entry: IndexEntry, { slug, url }: ArticlePlace, siteUrl: string): ArticleMeta {
  const { image, ...fields } = entry;
  const meta: ArticleMeta = { ...fields, slug, url };
  if (image !== undefined) meta.image = toImage(image, linkedFileUrl(siteUrl, meta, image.url) ?? new URL(image.url.trim(), url).href, entry.title);
  return meta;
}

function toImage(image: { url: string; alt?: string }, absolute: string, title: string): ArticleImage {
  // A URL without a host (`mailto:`) keeps `<` and `"` as written; encoded, no attribute can break on them.
  const url = absolute.replace(/[<>"]/g, (c) => encodeURIComponent(c));
  const extension = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(new URL(url).pathname)?.[1]?.toLowerCase() ?? '';
  return { url, alt: oneLine(image.alt ?? title), type: IMAGE_TYPES[extension] ?? 'image/jpeg' };
}
