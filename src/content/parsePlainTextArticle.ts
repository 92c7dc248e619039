import { BroadsheetError } from '../errors.js';
import { parseHumanDate } from './parseDate.js';
import type { SourceText } from './parseMarkdownArticle.js';
import type { PlainTextBlock, RawEntry } from './rawEntry.js';

/**
 * Furniture scraped along with news articles: teasers for other articles, paywall notices, podcast plugs.
 * Matched at the start of a paragraph, case-insensitively; such paragraphs never reach a reader. One pattern
 * for all of them, as every line of every plain-text file is tested against it.
 */
const CRUFT = new RegExp(
  [
    String.raw`article reserved for (our )?subscribers`,
    String.raw`read also\b`,
    String.raw`also read\b`,
    String.raw`read (the|our) (op-ed|editorial|column|interview|analysis|story|investigation)\b`,
    String.raw`also listen\b`,
    String.raw`listen also\b`,
    String.raw`also watch\b`,
    String.raw`subscribe\b`,
    String.raw`sign up (for|to)\b`,
    // The same furniture on French news sites.
    String.raw`article réservé à nos abonnés`,
    String.raw`lire aussi\b`,
    String.raw`lire (l'|l’|le |la |les |notre |nos )(entretien|éditorial|editorial|tribune|analyse|chronique|enquête|portrait|récit|décryptage|reportage)`,
    String.raw`(é|e)cout(er|ez) aussi\b`,
    String.raw`voir aussi\b`,
    String.raw`abonnez-vous\b`,
  ]
    .map((start) => `^${start}`)
    .join('|'),
  'i',
);

/** Prose ends in punctuation; a heading or a byline does not. Closing quotes count as punctuation. */
const FINAL_PUNCTUATION = /[.!?:;,…"'”’»)\]]$/;
const MAX_SUBHEADING_LENGTH = 90;
const MAX_BYLINE_WORDS = 8;

/**
 * A byline names a person or a news agency, so prose that happens to be short ("He left with nothing",
 * "Talks continued with Moscow") is not one. Case matters: names are capitalised, agencies are known names
 * or acronyms. Accepted: "By Jane Doe", "The World with AFP", "Le Monde with AP and Reuters",
 * "The Harbour Gazette with agencies", and an agency alone ("Reuters").
 */
const NAME = String.raw`\p{Lu}[\p{L}'’.-]*(?:\s+(?:(?:and|&|de|del|der|van|von|da|di|du|la|le|of|the|y)\s+)*\p{Lu}[\p{L}'’.-]*)*`;
const AGENCY = String.raw`(?:Reuters|Associated Press|Agence France-Presse|Bloomberg|Kyodo|Xinhua|agencies|agences|\p{Lu}{2,6})`;
const AGENCIES = String.raw`${AGENCY}(?:(?:\s*,\s*|\s+(?:and|et)\s+|\s*&\s*)${AGENCY})*`;
// French bylines too: "Par Jeanne Dupont", "Le Monde avec AFP".
const BYLINE = new RegExp(String.raw`^(?:(?:B[yY]|P[aA][rR])\s+${NAME}|${NAME}\s+(?:with|avec)\s+${AGENCIES}|${AGENCIES})$`, 'u');

export interface PlainTextArticle {
  blocks: PlainTextBlock[];
  byline?: string;
}

/**
 * A plain-text news article: a date line, a title line, then paragraphs separated by blank lines. Short
 * unpunctuated paragraphs between others are subheadings; a last line like "The World with AFP" is the
 * byline; scraped cruft is dropped.
 */
export function parsePlainTextArticle(source: SourceText, timeZone: string): RawEntry {
  const { file } = source;
  const paragraphs = splitParagraphs(source.text);
  const dateParagraph = paragraphs.shift();
  const published = dateParagraph === undefined ? undefined : parseHumanDate(dateParagraph.text, timeZone);
  if (dateParagraph === undefined || published === undefined) {
    throw new BroadsheetError('CONTENT_INVALID', `the first line must be the date, found "${truncate(dateParagraph?.text ?? '')}".`, {
      file,
      line: dateParagraph?.line ?? 1,
      field: 'date',
      hint: 'Start the file with a line such as "July 25, 2021", "25 July 2021", "25 juillet 2021" or "2021-07-25".',
    });
  }
  const titleParagraph = paragraphs.shift();
  if (titleParagraph === undefined) {
    throw new BroadsheetError('CONTENT_INVALID', 'has a date but no title.', {
      file,
      line: dateParagraph.line + 1,
      field: 'title',
      hint: 'Put the title on the line after the date, separated by a blank line.',
    });
  }
  const { blocks, byline } = classifyParagraphs(paragraphs.map((p) => p.text));
  return {
    sourcePath: source.sourcePath,
    file,
    title: titleParagraph.text,
    published,
    timeZone,
    authors: byline === undefined ? [] : [{ name: byline.replace(/^(?:by|par)\s+/i, '') }],
    tags: [],
    draft: false,
    warnings: [],
    body: { format: 'plain-text', blocks },
  };
}

/** Paragraphs with the line each starts on; lines of one paragraph are joined with a space. */
function splitParagraphs(text: string): { text: string; line: number }[] {
  const paragraphs: { text: string; line: number }[] = [];
  let current: { text: string; line: number } | undefined;
  text.split('\n').forEach((raw, index) => {
    const trimmed = raw.trim();
    const line = /\s\s|[^\S ]/.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
    if (line === '') {
      current = undefined;
    } else if (current === undefined || startsCruft(line)) {
      current = { text: line, line: index + 1 };
      paragraphs.push(current);
    } else {
      current.text += ` ${line}`;
    }
  });
  return paragraphs;
}

export function classifyParagraphs(paragraphs: readonly string[]): PlainTextArticle {
  const kept = paragraphs.filter((text) => !CRUFT.test(text));
  const last = kept.at(-1);
  const byline = last !== undefined && kept.length > 1 && isByline(last) ? last : undefined;
  const body = byline === undefined ? kept : kept.slice(0, -1);
  const blocks = body.map((text, index): PlainTextBlock => {
    const between = index > 0 && index < body.length - 1;
    const heading = between && text.length <= MAX_SUBHEADING_LENGTH && !FINAL_PUNCTUATION.test(text);
    return { kind: heading ? 'subheading' : 'paragraph', text };
  });
  return byline === undefined ? { blocks } : { blocks, byline };
}

function isByline(text: string): boolean {
  return text.split(' ').length <= MAX_BYLINE_WORDS && !FINAL_PUNCTUATION.test(text) && BYLINE.test(text);
}

/**
 * Scraped furniture is sometimes glued to the paragraph above it; a capitalised cruft line starts its own
 * paragraph so that it is dropped. Lower-case ones are left alone: "…readers who\nsubscribe to…" is prose.
 */
function startsCruft(line: string): boolean {
  return /^\p{Lu}/u.test(line) && CRUFT.test(line);
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
