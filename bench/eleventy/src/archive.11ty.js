import { layout } from '../html.js';

/** broadsheet's archive/index.html: the past digests, none in the bench. */
export default class {
  data() {
    return { eleventyExcludeFromCollections: true, permalink: '/archive/' };
  }

  render(data) {
    return layout(data, 'Past issues', '<h1>Past issues</h1><p>No issues yet.</p>');
  }
}
