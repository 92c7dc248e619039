import { createRequire } from 'node:module';
import type * as HtmlToText from 'html-to-text';

type Converter = ReturnType<typeof HtmlToText.compile>;

let converter: Converter | undefined;

/**
 * html-to-text's CommonJS build: sanitize-html has loaded the CommonJS htmlparser2 and DOM modules it needs
 * already, where its ES build would load the ES builds of the same versions again (~35 ms of every build that
 * renders a body). Loaded and compiled on first use (`convert()` would compile the options for every body):
 * a build whose feeds and bodies are cached converts nothing.
 */
function toPlainText(): Converter {
  if (converter !== undefined) return converter;
  const { compile } = createRequire(import.meta.url)('html-to-text') as typeof HtmlToText;
  converter = compile({
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
    ],
  });
  return converter;
}

/** Plain text of a body, for mail text parts and `content_text`; links keep their URL in brackets. */
export function htmlToPlainText(html: string): string {
  return toPlainText()(html).trim();
}
