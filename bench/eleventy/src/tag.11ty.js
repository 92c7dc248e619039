import { escape, listPage, layout } from '../html.js';
import { pagePath } from '../lists.js';

/** Each tag's list, 20 a page (the pages are cut in eleventy.config.js: Eleventy paginates one list per template). */
export default class {
  data() {
    return { pagination: { data: 'collections.tagPages', size: 1, alias: 'tagPage' }, eleventyExcludeFromCollections: true, permalink: (data) => pagePath(data.tagPage.base, data.tagPage.number) };
  }

  render(data) {
    return layout(data, data.tagPage.tag, `<h1>${escape(data.tagPage.tag)}</h1>${listPage(data, data.tagPage.base, data.tagPage)}`);
  }
}
