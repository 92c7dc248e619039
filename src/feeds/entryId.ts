import type { Article } from '../article/article.js';
import type { ResolvedConfig } from '../config/resolvedConfig.js';

export type IdFrom = ResolvedConfig['feeds']['idFrom'];

/**
 * An entry's id in every feed (`feeds.idFrom`): the article's stable id; its URL, as Hugo's RSS and
 * Eleventy's feed plugin write it; or jekyll-feed's, `post.id | absolute_url`, which is Jekyll's
 * `File.join(File.dirname(url), slug)`: the URL without its `.html` or its final `/` (for every permalink
 * that ends in the post's `:title`, as all of Jekyll's built-in styles do). A reader knows an entry by its id,
 * so an archive moved from those tools keeps its ids, until a URL changes.
 */
export function entryId(article: Pick<Article, 'id' | 'url'>, idFrom: IdFrom): string {
  if (idFrom === 'id') return article.id;
  if (idFrom === 'url') return article.url;
  const url = new URL(article.url);
  url.pathname = url.pathname.replace(/\/$|\.html?$/, '');
  return url.href;
}
