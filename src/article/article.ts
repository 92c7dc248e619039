/** The one model every stage after `content/` works on. Built only by `src/content`; trusted everywhere else. */
export interface Author {
  name: string;
  email?: string;
  url?: string;
}

export interface ArticleImage {
  /** Absolute URL: http, https or mailto, with `<`, `>` and `"` percent-encoded. */
  url: string;
  alt: string;
  /** MIME type guessed from the extension, e.g. `image/jpeg`; a published local file's own type in feeds. */
  type: string;
  /** In feeds, the byte length of a published local file (an enclosure's length); unknown for another site's image. */
  length?: number;
}

export interface Article extends ArticleMeta {
  /** Plain text, no markup. */
  summary: string;
  /** Sanitised HTML; links and images absolute. */
  html: string;
}

/** An article in a list (the index, a tag page): what a list shows needs no rendered body but its summary. */
export type Teaser = ArticleMeta & Pick<Article, 'summary'>;

/** A local file an article links to, and the line first linking it. */
export interface LinkedFile {
  /**
   * `/`-separated, decoded: for a relative link, the file's path in the content folder; for a link from the
   * site's root (`{{ site.baseurl }}/...`, `from: 'site'`) or the host's (`/img/...`, `from: 'host'`), the
   * path from there, which is the file's path in the content folder or the static folder.
   */
  path: string;
  line: number;
  from?: 'site' | 'host';
}

/** Something in a file that could not be carried over, with the 1-based line it is on. */
export interface ContentWarning {
  line: number;
  message: string;
}

/**
 * What one file version contributes to the index: everything sorting, slugging and selecting need, cleaned,
 * without the body and without anything that depends on other files (the final slug) or on the site (URLs).
 * It is a function of the file's path and bytes alone, so the content cache can keep it by content hash.
 * Made by src/content (toIndexEntry); stored by src/cache (storedEntry.ts), field by field.
 */
export interface IndexEntry {
  /** Where the article came from, relative to the content folder, with `/` separators. */
  sourcePath: string;
  /** Hash of the source file's bytes: the version of the file this was read from. */
  sourceHash: string;
  /** Stable id (a URN or the front matter's `id`); never changes when the article is edited. */
  id: string;
  title: string;
  published: Date;
  /** The zone its days are shown in: the offset its date was written with, or `site.timezone`. */
  timeZone: string;
  /** Held back until then (Hugo's `publishDate`), and unpublished from `expires` on (`expiryDate`). */
  availableFrom?: Date;
  expires?: Date;
  /** Template syntax that could not be carried over, reported at every build. */
  warnings?: ContentWarning[];
  /** Equal to `published` unless the file gives a later date. */
  updated: Date;
  authors: Author[];
  /** Lower-case, unique, in the order given. */
  tags: string[];
  /** As the file gives it; the meta's is absolute. */
  image?: { url: string; alt?: string };
  draft: boolean;
  /** The slug the file asks for (its `slug:` or its title's); the meta's is unique among the articles. */
  slug: string;
  /** The front matter's `url` or `permalink`: the article's path under the site URL, instead of `site.articlePath`. */
  permalink?: string;
  /** Old paths under the site URL (`aliases`, `redirect_from`), each written as a page that redirects to the article. */
  aliases?: string[];
  /** Local files the article links to (its image, its body's links), published with it (src/article/linkedFile.ts). */
  files?: LinkedFile[];
}

/**
 * What is known of an article before its body is rendered: its index entry, placed on the site (a slug
 * unique among the published articles, its URL, its image's absolute URL). Enough to sort, select and link it.
 */
export interface ArticleMeta extends IndexEntry {
  /** Unique among the published articles when the article path holds `{slug}`. */
  slug: string;
  /** Absolute URL of the article on the site, unique among the published articles. */
  url: string;
  image?: ArticleImage;
}
