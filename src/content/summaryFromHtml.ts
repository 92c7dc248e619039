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
  for (let count = 2; ; count *= 2) {
    const known = ends(count + 1);
    // Only while the body has more top-level nodes than the prefix takes.
    if (known.length <= count) break;
    const text = htmlToPlainText(html.slice(0, known[count - 1]));
    if (takenParagraphIsClosed(text, title)) return summaryFromText(text, title);
  }
  return summaryFromText(htmlToPlainText(html), title);
}

/**
 * The offsets just after each top-level element or text of the HTML, at least `atLeast` of them when it has
 * as many: the parser pauses once it found that many, since a summary mostly needs the first few (parsing
 * every body to its end was a full parse of each, beside sanitize-html's).
 */
function topLevelEnds(html: string): (atLeast: number) => readonly number[] {
  const ends: number[] = [];
  let depth = 0;
  let wanted = 0;
  let ending = false;
  const found = (end: number) => {
    ends.push(end);
    if (!ending && ends.length >= wanted) parser.pause();
  };
  const parser = new Parser({
    onopentag: () => void depth++,
    onclosetag: () => {
      depth--;
      if (depth === 0) found(parser.endIndex + 1);
    },
    ontext: () => {
      if (depth === 0) found(parser.endIndex + 1);
    },
  });
  let written = false;
  return (atLeast) => {
    if (ends.length >= atLeast || ending) return ends;
    wanted = atLeast;
    if (written) parser.resume();
    else {
      written = true;
      parser.write(html);
    }
    // Not paused: the whole HTML was read; what is still open closes at its end.
    if (ends.length < atLeast) {
      ending = true;
      parser.end();
    }
    return ends;
  };
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
