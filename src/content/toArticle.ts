import type { Article, ArticleMeta } from '../article/article.js';
import { stripXmlForbidden } from '../article/xmlText.js';
import { oneLine } from './indexEntry.js';
import type { RawEntry } from './rawEntry.js';
import type { LinkTargets } from './renderBody.js';
import { htmlToPlainText } from './plainText.js';
import { renderBodyHtml, renderMarkdown, summaryFromText } from './renderBody.js';
import { summaryFromHtml } from './summaryFromHtml.js';

/** What rendering adds to an article's meta; the content cache keeps it per file version and URL. */
export type RenderedBody = Pick<Article, 'summary' | 'html'>;

/**
 * The body rendered: sanitised HTML with absolute URLs, and the summary: the file's, else the text before the
 * excerpt separator, else the first paragraph.
 */
export function renderArticleBody(meta: ArticleMeta, entry: RawEntry, links?: LinkTargets): RenderedBody {
  const html = stripXmlForbidden(renderBodyHtml(entry.body, meta, links));
  const excerpt = entry.excerpt === undefined ? undefined : summaryFromText(htmlToPlainText(renderMarkdown(entry.excerpt, meta, links)), entry.title, { whole: true, maxLength: 1000 });
  return { summary: oneLine(entry.summary ?? (excerpt || summaryFromHtml(html, entry.title))), html };
}
