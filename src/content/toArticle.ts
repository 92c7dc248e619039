import type { Article, ArticleImage, ArticleMeta, Author } from '../article/article.js';
import { articleUrl } from '../article/url.js';
import { stripXmlForbidden } from '../article/xmlText.js';
import type { SiteConfig } from '../config/resolvedConfig.js';
import type { RawEntry } from './rawEntry.js';
import { htmlToPlainText, renderBodyHtml, summaryFromText } from './renderBody.js';
import { stableArticleId, uuidV5 } from './stableId.js';

const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif', svg: 'image/svg+xml',
};

/** A validated entry with its final slug -> what later stages sort and select by, before any rendering. */
export function toArticleMeta(entry: RawEntry, slug: string, site: SiteConfig): ArticleMeta {
  const url = articleUrl(site.url, site.articlePath, slug);
  const title = oneLine(entry.title);
  const meta: ArticleMeta = {
    id: articleId(entry),
    slug,
    url,
    title,
    published: entry.published,
    updated: entry.updated !== undefined && entry.updated > entry.published ? entry.updated : entry.published,
    authors: entry.authors.map(cleanAuthor),
    tags: uniqueTags(entry.tags),
    sourcePath: entry.sourcePath,
  };
  if (entry.image !== undefined) meta.image = toImage(entry.image, url, title);
  return meta;
}

/** The body rendered: sanitised HTML with absolute URLs, its plain text, and the summary. */
export function renderArticle(meta: ArticleMeta, entry: RawEntry): Article {
  const html = stripXmlForbidden(renderBodyHtml(entry.body, meta.url));
  const text = stripXmlForbidden(htmlToPlainText(html));
  return { ...meta, summary: oneLine(entry.summary ?? summaryFromText(text)), html, text };
}

/** Feed ids must be URIs (Atom requires it): a front-matter id that is not one is hashed into a UUID URN. */
function articleId(entry: RawEntry): string {
  if (entry.id === undefined) return stableArticleId(entry.sourcePath);
  return /^[a-z][a-z0-9+.-]*:\S+$/i.test(entry.id) ? entry.id : uuidV5(`id:${entry.id}`);
}

/**
 * decodeText already stripped what XML forbids from the file, but YAML escapes ("\x07", "\uFFFE", "\uD800")
 * produce such characters after decoding, so every front-matter string is cleaned again here.
 */
function oneLine(text: string): string {
  return stripXmlForbidden(text).replace(/\s+/g, ' ').trim();
}

function cleanAuthor(author: Author): Author {
  const cleaned: Author = { name: oneLine(author.name) };
  if (author.email !== undefined) cleaned.email = oneLine(author.email);
  if (author.url !== undefined) cleaned.url = oneLine(author.url);
  return cleaned;
}

function uniqueTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => oneLine(tag).toLowerCase()).filter((tag) => tag !== ''))];
}

function toImage(image: { url: string; alt?: string }, base: string, title: string): ArticleImage {
  const url = new URL(image.url.trim(), base).href;
  const extension = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(new URL(url).pathname)?.[1]?.toLowerCase() ?? '';
  return { url, alt: oneLine(image.alt ?? title), type: IMAGE_TYPES[extension] ?? 'image/jpeg' };
}
