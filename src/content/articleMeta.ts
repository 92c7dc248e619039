import type { ArticleImage, ArticleMeta, IndexEntry } from '../article/article.js';
import { articleUrl } from '../article/url.js';
import type { SiteConfig } from '../config/resolvedConfig.js';
import { oneLine } from './indexEntry.js';

const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif', svg: 'image/svg+xml',
};

/** An index entry with its final slug -> what later stages sort, select and link by, before any rendering. */
export function toArticleMeta(entry: IndexEntry, slug: string, site: SiteConfig): ArticleMeta {
  const url = articleUrl(site.url, site.articlePath, slug);
  const { image, ...fields } = entry;
  const meta: ArticleMeta = { ...fields, slug, url };
  if (image !== undefined) meta.image = toImage(image, url, entry.title);
  return meta;
}

function toImage(image: { url: string; alt?: string }, base: string, title: string): ArticleImage {
  // A URL without a host (`mailto:`) keeps `<` and `"` as written; encoded, no attribute can break on them.
  const url = new URL(image.url.trim(), base).href.replace(/[<>"]/g, (c) => encodeURIComponent(c));
  const extension = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(new URL(url).pathname)?.[1]?.toLowerCase() ?? '';
  return { url, alt: oneLine(image.alt ?? title), type: IMAGE_TYPES[extension] ?? 'image/jpeg' };
}
