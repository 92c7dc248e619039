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
  /** MIME type guessed from the extension, e.g. `image/jpeg`. */
  type: string;
}

export interface Article extends ArticleMeta {
  /** Plain text, no markup. */
  summary: string;
  /** Sanitised HTML; links and images absolute. */
  html: string;
  /** The body as plain text, for the text part of mails and `content_text`. */
  text: string;
}

/** What is known of an article before its body is rendered: enough to sort, select and link it. */
export interface ArticleMeta {
  /** Stable id (a URN or the front matter's `id`); never changes when the article is edited. */
  id: string;
  /** Unique among the published articles; used in the article's URL. */
  slug: string;
  /** Absolute URL of the article on the site. */
  url: string;
  title: string;
  published: Date;
  /** The zone its days are shown in: the offset its date was written with, or `site.timezone`. */
  timeZone: string;
  /** Equal to `published` unless the file says otherwise. */
  updated: Date;
  authors: Author[];
  /** Lower-case, unique, in the order given. */
  tags: string[];
  image?: ArticleImage;
  /** Where the article came from, relative to the content folder, with `/` separators. */
  sourcePath: string;
  /** Hash of the source file's bytes: the version of the file this article was built from. */
  sourceHash: string;
}
