import { createRequire } from 'node:module';
import sanitizeHtml from 'sanitize-html';
import type * as HtmlToText from 'html-to-text';
import { escapeHtml } from '../article/html.js';
import { markdown } from './markdown.js';
import type { RawEntry } from './rawEntry.js';

const ALLOWED_TAGS = [
  ...sanitizeHtml.defaults.allowedTags.filter((tag) => tag !== 'style'),
  'img', 'h1', 'h2', 'figure', 'figcaption', 'picture', 'del', 'ins', 'sup', 'sub',
];

/**
 * Allow-list sanitising: no script, style, iframe or form, no event-handler attributes, and only http(s)
 * and mailto URLs (so no `javascript:` or `data:`). Relative URLs become absolute against the article's
 * URL, because a feed reader has no base to resolve them against.
 */
function sanitise(html: string, baseUrl: string): string {
  const absolute = (attribute: string) => (tagName: string, attributes: sanitizeHtml.Attributes) => {
    const value = attributes[attribute];
    if (value !== undefined) attributes[attribute] = resolveUrl(value, baseUrl);
    return { tagName, attribs: attributes };
  };
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ['href', 'title', 'name'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      code: ['class'],
      td: ['colspan', 'rowspan', 'align'],
      th: ['colspan', 'rowspan', 'align', 'scope'],
      ol: ['start'],
    },
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

/** The article body as sanitised HTML with absolute URLs. */
export function renderBodyHtml(body: RawEntry['body'], articleUrl: string): string {
  if (body.format === 'markdown') return sanitise(markdown().render(body.markdown), articleUrl);
  return body.blocks
    .map((block) => (block.kind === 'subheading' ? `<h2>${escapeHtml(block.text)}</h2>` : `<p>${escapeHtml(block.text)}</p>`))
    .join('\n');
}

/**
 * html-to-text's CommonJS build: sanitize-html has loaded the CommonJS htmlparser2 and DOM modules it needs
 * already, where its ES build would load the ES builds of the same versions again (~35 ms of every build that
 * renders a body).
 */
const { compile } = createRequire(import.meta.url)('html-to-text') as typeof HtmlToText;

/** Compiled once: `convert()` would compile these options again for every article. */
const toPlainText = compile({
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
  ],
});

/** Plain text of a body, for mail text parts and `content_text`; links keep their URL in brackets. */
export function htmlToPlainText(html: string): string {
  return toPlainText(html).trim();
}

/** The first paragraph's text, cut at a word boundary, for when the file gives no summary. */
export function summaryFromText(text: string, maxLength = 280): string {
  const first = text.split(/\n\s*\n/).find((paragraph) => paragraph.trim() !== '')?.replace(/\s+/g, ' ').trim() ?? '';
  if (first.length <= maxLength) return first;
  const cut = first.slice(0, maxLength - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxLength / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}
