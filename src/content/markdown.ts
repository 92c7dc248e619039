import { createRequire } from 'node:module';
import type MarkdownItConstructor from 'markdown-it';

type MarkdownIt = InstanceType<typeof MarkdownItConstructor>;
/** The plugins' own types describe another copy of markdown-it's types; they are used as markdown-it plugins only. */
type Plugin = (md: MarkdownIt, options?: object) => void;

const require = createRequire(import.meta.url);
let instance: MarkdownIt | undefined;

/** A heading's id as GitHub, Hugo and kramdown make it: lower-case words joined by hyphens, punctuation dropped. */
function headingId(text: string): string {
  return text.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s+/g, '-');
}

/**
 * The one Markdown dialect of broadsheet: CommonMark plus raw HTML (sanitised afterwards), bare links, and
 * what the site generators' Markdown has that archives use: footnotes, definition lists, and an id on every
 * heading (so a table of contents' `#section` links work). Loaded at first use, synchronously, from the
 * packages' CommonJS builds (one bundled file each; the ES build of markdown-it loads its dependencies module
 * by module, in twice the time): indexing a file with a `title:` never needs it.
 */
export function markdown(): MarkdownIt {
  if (instance === undefined) {
    const anchor = require('markdown-it-anchor') as { default: Plugin };
    instance = new (require('markdown-it') as typeof MarkdownItConstructor)({ html: true, linkify: true })
      .use(require('markdown-it-footnote') as Plugin)
      .use(require('markdown-it-deflist') as Plugin)
      .use(anchor.default, { slugify: headingId, tabIndex: false });
  }
  return instance;
}
