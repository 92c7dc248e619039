/** Newest first, as broadsheet orders its feeds and lists. */
export function newestFirst(items) {
  return [...items].sort((a, b) => b.date - a.date);
}

/** A list cut into pages of `size`: the first at the list's own path, the next at page/2/, and so on. */
export function pagesOf(items, size) {
  const count = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: count }, (_, index) => ({ number: index + 1, count, items: items.slice(index * size, (index + 1) * size) }));
}

export const pagePath = (base, number) => (number === 1 ? base : `${base}page/${number}/`);

/** A feed template's data: one feed (the site's, then each tag's: the `feeds` collection) a page, written as `file`. */
export const eachFeed = (file) => ({ pagination: { data: 'collections.feeds', size: 1, alias: 'feed' }, eleventyExcludeFromCollections: true, permalink: (data) => `${data.feed.base}${file}` });
