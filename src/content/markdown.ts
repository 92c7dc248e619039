import { createRequire } from 'node:module';
import type MarkdownItConstructor from 'markdown-it';

type MarkdownIt = InstanceType<typeof MarkdownItConstructor>;

const require = createRequire(import.meta.url);
let instance: MarkdownIt | undefined;

/**
 * The one Markdown dialect of broadsheet: CommonMark plus raw HTML (sanitised afterwards) and bare links.
 * Loaded at first use, synchronously, from the package's CommonJS build (one bundled file; the ES build
 * loads its dependencies module by module, in twice the time): indexing a file with a `title:` never needs it.
 */
export function markdown(): MarkdownIt {
  instance ??= new (require('markdown-it') as typeof MarkdownItConstructor)({ html: true, linkify: true });
  return instance;
}
