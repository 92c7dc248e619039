import type { Author } from '../article/article.js';

/** What a parser read from one file, before validation and rendering. Bodies stay in their source form. */
export interface RawEntry {
  /** Relative to the content folder, `/`-separated. */
  sourcePath: string;
  /** Path shown in messages (relative to the working directory). */
  file: string;
  title: string;
  published: Date;
  updated?: Date;
  authors: Author[];
  tags: string[];
  summary?: string;
  image?: { url: string; alt?: string };
  draft: boolean;
  slug?: string;
  id?: string;
  body: { format: 'markdown'; markdown: string } | { format: 'plain-text'; blocks: PlainTextBlock[] };
}

export type PlainTextBlock = { kind: 'paragraph' | 'subheading'; text: string };
