import type { Author, ContentWarning, LinkedFile } from '../article/article.js';

/** What a parser read from one file, before validation and rendering. Bodies stay in their source form. */
export interface RawEntry {
  /** Relative to the content folder, `/`-separated. */
  sourcePath: string;
  /** Path shown in messages (relative to the working directory). */
  file: string;
  title: string;
  published: Date;
  /** The zone the date was written in (an offset such as `-07:00`) or read in (`site.timezone`): the day shown. */
  timeZone: string;
  updated?: Date;
  /** Hugo's `publishDate` when later than the date: held back until then. */
  availableFrom?: Date;
  /** Hugo's `expiryDate`: unpublished from then on. */
  expires?: Date;
  authors: Author[];
  tags: string[];
  summary?: string;
  /** The Markdown before the excerpt separator (`content.excerptSeparator`), when the body has one. */
  excerpt?: string;
  image?: { url: string; alt?: string };
  draft: boolean;
  slug?: string;
  id?: string;
  /** The front matter's `url` / `permalink`, relative to the site URL, placeholders allowed (sitePathOf). */
  permalink?: string;
  /** Old paths of the article, relative to the site URL: each gets a page that redirects to it. */
  aliases?: string[];
  /** Local files the article links to (relative links to files in the content folder). */
  files?: LinkedFile[];
  /** Constructs that could not be carried over (template syntax), with their lines. */
  warnings: ContentWarning[];
  body: { format: 'markdown'; markdown: string } | { format: 'plain-text'; blocks: PlainTextBlock[] };
}

export type PlainTextBlock = { kind: 'paragraph' | 'subheading'; text: string };

/** A file that is a page of the site rather than an article: skipped with a note, not rejected. */
export interface PageSkip {
  sourcePath: string;
  skip: 'listing' | 'undated';
}
