import sanitizeHtml from 'sanitize-html';
import { escapeHtml } from '../article/html.js';
import type { LinkingArticle } from '../article/linkedFile.js';
import { linkedFileUrl } from '../article/linkedFile.js';
import { markdown } from './markdown.js';
import type { RawEntry } from './rawEntry.js';
import { resolvePlaceholders } from './templateSyntax.js';

const ALLOWED_TAGS = [
  ...sanitizeHtml.defaults.allowedTags.filter((tag) => tag !== 'style'),
  'img', 'h1', 'h2', 'figure', 'figcaption', 'picture', 'del', 'ins', 'sup', 'sub', 'details', 'summary', 'section',
];

/** Table cells keep their alignment (markdown-it writes it as a style); no other style survives. */
const ALIGNMENT = { 'text-align': [/^(?:left|right|center)$/] };

/**
 * Allow-list sanitising: no script, style, iframe or form, no event-handler attributes, and only http(s)
 * and mailto URLs (so no `javascript:` or `data:`). Relative URLs become absolute, because a feed reader has
 * no base to resolve them against: a link to a local file points where that file is published (see
 * linkedFile.ts), any other against the article's URL.
 */
function sanitise(html: string, article: LinkingArticle, siteUrl: string | undefined): string {
  const absolute = (attribute: string) => (tagName: string, attributes: sanitizeHtml.Attributes) => {
    const value = attributes[attribute];
    if (value !== undefined) attributes[attribute] = (siteUrl === undefined ? undefined : linkedFileUrl(siteUrl, article, value)) ?? resolveUrl(value, article.url);
    return { tagName, attribs: attributes };
  };
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    // Ids let in-page links work (headings, footnotes and their back-references).
    allowedAttributes: {
      a: ['href', 'title', 'name', 'id'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      code: ['class'],
      td: ['colspan', 'rowspan', 'align', 'style'],
      th: ['colspan', 'rowspan', 'align', 'scope', 'style'],
      ol: ['start'],
      li: ['id'],
      details: ['open'],
      ...Object.fromEntries(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'dt', 'sup'].map((tag) => [tag, ['id']])),
    },
    allowedStyles: { td: ALIGNMENT, th: ALIGNMENT },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    transformTags: { a: absolute('href'), img: absolute('src') },
  }).trim();
}

function resolveUrl(value: string, baseUrl: string): string {
  try {
    return new URL(value.trim(), baseUrl).href;
  } catch {
    return value;
  }
}

/** Where the placeholders of template syntax (links to the site and to other articles) point. */
export interface LinkTargets {
  siteUrl: string;
  /** The URL of the article a `{% post_url %}`, `{% link %}` or `ref` names, if there is one. */
  refUrl?: (ref: string) => string | undefined;
}

/** Markdown -> sanitised HTML with absolute URLs. */
export function renderMarkdown(source: string, article: LinkingArticle, links?: LinkTargets): string {
  return sanitise(resolvePlaceholders(markdown().render(source), links?.siteUrl, links?.refUrl), article, links?.siteUrl);
}

/** The article body as sanitised HTML with absolute URLs. */
export function renderBodyHtml(body: RawEntry['body'], article: LinkingArticle, links?: LinkTargets): string {
  if (body.format === 'markdown') return renderMarkdown(body.markdown, article, links);
  return body.blocks
    .map((block) => (block.kind === 'subheading' ? `<h2>${escapeHtml(block.text)}</h2>` : `<p>${escapeHtml(block.text)}</p>`))
    .join('\n');
}

/**
 * A summary from a body's plain text: its first paragraph (not the title again, when the body opens with it as
 * a heading), without the `[url]` html-to-text writes after a link, footnote references or any template syntax left as written,
 * cut at a word boundary.
 */
export function summaryFromText(text: string, title = '', { maxLength = 280, whole = false }: { maxLength?: number; whole?: boolean } = {}): string {
  const first = whole ? cleanParagraphs(text, title).join(' ') : (cleanParagraphs(text, title, 1)[0] ?? '');
  if (first.length <= maxLength) return first;
  const cut = first.slice(0, maxLength - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxLength / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/**
 * The body's non-empty paragraphs, cleaned, without a first one that repeats the title; only the first `wanted`
 * are cleaned, since the rest of a long body would be cleaned for nothing.
 */
function cleanParagraphs(text: string, title: string, wanted = Infinity): string[] {
  const cleaned: string[] = [];
  const repeatedTitle = title.trim().toLowerCase();
  let first = true;
  for (const paragraph of text.split(/\n\s*\n/)) {
    const clean = cleanSummary(paragraph);
    if (clean === '') continue;
    if (first && clean.toLowerCase() === repeatedTitle) {
      first = false;
      continue;
    }
    first = false;
    cleaned.push(clean);
    if (cleaned.length >= wanted) break;
  }
  return cleaned;
}

function cleanSummary(paragraph: string): string {
  return paragraph
    .replace(/ ?\[(?:https?:|mailto:|#)[^\]\s]*\]|\[\^[^\]\s]+\]/g, '')
    .replace(/\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\}|\{#[\s\S]*?#\}/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
