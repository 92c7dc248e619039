import { listPage, layout } from '../html.js';
import { pagePath } from '../lists.js';

/** The index: every article, newest first, 20 a page. */
export default class {
  data() {
    return { pagination: { data: 'collections.newest', size: 20 }, eleventyExcludeFromCollections: true, permalink: (data) => pagePath('/', data.pagination.pageNumber + 1) };
  }

  render(data) {
    const page = { number: data.pagination.pageNumber + 1, count: data.pagination.pages.length, items: data.pagination.items };
    return layout(data, data.site.title, listPage(data, '/', page));
  }
}
