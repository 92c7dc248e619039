import type { Article, ArticleMeta } from '../article/article.js';
import { stripXmlForbidden } from '../article/xmlText.js';
import { oneLine } from './indexEntry.js';
import type { RawEntry } from './rawEntry.js';
import { htmlToPlainText, renderBodyHtml, summaryFromText } from './renderBody.js';

/** What rendering adds to an article's meta; the content cache keeps it per file version and URL. */
export type RenderedBody = Pick<Article, 'summary' | 'html' | 'text'>;

/** The body rendered: sanitised HTML with absolute URLs, its plain text, and the summary. */
export function renderArticleBody(meta: ArticleMeta, entry: RawEntry): RenderedBody {
  const html = stripXmlForbidden(renderBodyHtml(entry.body, meta.url));
  const text = stripXmlForbidden(htmlToPlainText(html));
  return { summary: oneLine(entry.summary ?? summaryFromText(text)), html, text };
}
