import { createRequire } from 'node:module';
import type * as Htmlparser2 from 'htmlparser2';
import { htmlToPlainText } from './plainText.js';
import { summaryFromText } from './renderBody.js';

/** The CommonJS build: sanitize-html and html-to-text have loaded it already, its ES build would be loaded again. */
const { Parser } = createRequire(import.meta.url)('htmlparser2') as typeof Htmlparser2;

/**
 * What `summaryFromText(htmlToPlainText(html), title)` gives, converting only as many of the body's top-level
 * nodes as the first paragraph needs: turning a whole long body into text was ~15% of a full build, for a
 * summary that reads its first paragraph. The prefix is long enough once a paragraph break follows the
 * paragraph the rule takes (a later node can no longer add to it); failing that, the prefix doubles.
 */
export function summaryFromHtml(html: string, title = ''): string {
  const ends = topLevelEnds(html);
  for (let count = 2; count < ends.length; count *= 2) {
    const text = htmlToPlainText(html.slice(0, ends[count - 1]));
    if (takenParagraphIsClosed(text, title)) return summaryFromText(text, title);
  }
  return summaryFromText(htmlToPlainText(html), title);
}

/** The offsets just after each top-level element or text of the HTML. */
function topLevelEnds(html: string): number[] {
  const ends: number[] = [];
  let depth = 0;
  const parser = new Parser({
    onopentag: () => void depth++,
    onclosetag: () => {
      depth--;
      if (depth === 0) ends.push(parser.endIndex + 1);
    },
    ontext: () => {
      if (depth === 0) ends.push(parser.endIndex + 1);
    },
  });
  parser.end(html);
  return ends;
}

/** Whether the paragraph summaryFromText would take from this text has a paragraph break after it. */
function takenParagraphIsClosed(text: string, title: string): boolean {
  const paragraphs = text.split(/\n\s*\n/);
  const last = paragraphs.length - 1;
  for (let i = 0; i < last; i++) {
    const summary = summaryFromText(paragraphs.slice(0, i + 1).join('\n\n'), title);
    if (summary !== '') return true;
  }
  return false;
}
