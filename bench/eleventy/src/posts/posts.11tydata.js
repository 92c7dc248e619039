/** The articles (the bench writes them in beside this file): a page each at articles/<name>/ when article pages are on, none otherwise. */
export default {
  layout: 'article.11ty.js',
  permalink: (data) => (data.articlePages ? `/articles/${data.page.fileSlug}/` : false),
};
