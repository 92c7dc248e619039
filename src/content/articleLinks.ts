import type { ArticleMeta } from '../article/article.js';
import type { LinkTargets } from './renderBody.js';

/**
 * Where `{% post_url 2010-07-21-name %}`, `{% link _posts/2010-07-21-name.md %}` and Hugo's
 * `ref "posts/name.md"` point: the published article from the file that path names. A reference is matched by
 * its path without extension and leading `/`, as a tail of an article's source path (the content folder may
 * be the old site's `_posts` or `content`), so `posts/name`, `name.md` and `/posts/name/` all find
 * `posts/name.md`; a `#fragment` is kept. Made at the first reference, as few bodies hold any.
 */
export function articleLinks(siteUrl: string, articles: readonly ArticleMeta[]): LinkTargets {
  let byTail: Map<string, string> | undefined;
  const refUrl = (ref: string): string | undefined => {
    byTail ??= tails(articles);
    const [path = '', fragment] = ref.split('#', 2);
    const key = withoutExtension(path.replace(/^\/+|\/+$/g, ''));
    const url = byTail.get(key.toLowerCase());
    return url === undefined ? undefined : fragment === undefined ? url : `${url}#${fragment}`;
  };
  return { siteUrl, refUrl };
}

function tails(articles: readonly ArticleMeta[]): Map<string, string> {
  const byTail = new Map<string, string>();
  for (const article of articles) {
    const parts = withoutExtension(article.sourcePath).toLowerCase().split('/');
    // The longest tails first, so that a shorter one shared by two files names the first found, never replaces it.
    for (let i = 0; i < parts.length; i++) {
      const tail = parts.slice(i).join('/');
      if (!byTail.has(tail)) byTail.set(tail, article.url);
    }
    // Hugo's page bundles: `posts/name/index.md` is the page `posts/name`.
    if (parts.at(-1) === 'index' && parts.length > 1) for (let i = 0; i < parts.length - 1; i++) byTail.set(parts.slice(i, -1).join('/'), article.url);
  }
  return byTail;
}

function withoutExtension(path: string): string {
  return path.replace(/\.(md|markdown|txt)$/i, '');
}
