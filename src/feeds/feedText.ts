import { escapeHtml } from '../article/html.js';
import { stripXmlForbidden } from '../article/xmlText.js';

/**
 * `feed` puts titles, summaries and content in CDATA sections. A CDATA section ends at the first `]]>`,
 * so that sequence is written as `]]&gt;`, which means the same in HTML. Characters XML forbids are removed
 * here too, whatever the content stage already did: one would make the whole feed unreadable. A parser
 * reads a CR as LF even in CDATA, so line ends are written as LF.
 */
export function cdataSafe(html: string): string {
  const clean = stripXmlForbidden(html);
  return (clean.includes('\r') ? clean.replace(/\r\n?/g, '\n') : clean).replaceAll(']]>', ']]&gt;');
}

/**
 * Plain text (titles, summaries) as HTML. Feed readers treat RSS titles as HTML and Atom's are declared
 * `type="html"` by `feed`, so "AT&T <b>" written raw would be read as markup by some and as text by others;
 * escaped, every reader shows the same characters.
 */
export function textAsHtml(text: string): string {
  return cdataSafe(escapeHtml(text));
}

/**
 * An RSS title as text no reader can take for markup. RSS never said whether a title is text or HTML, so
 * readers differ on "<b>" in one (and the W3C validator warns); the full-width signs look the same and
 * mean nothing to an HTML parser. `&` stays as it is: no reader reads "AT&T" as anything else.
 */
export function rssTitle(text: string): string {
  return cdataSafe(text.replaceAll('<', '\uFF1C').replaceAll('>', '\uFF1E'));
}
