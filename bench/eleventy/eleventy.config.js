import pluginRss from '@11ty/eleventy-plugin-rss';
import { newestFirst, pagesOf } from './lists.js';

/**
 * The bench's Eleventy project, asked for what a broadsheet build writes: the site's and each tag's RSS, Atom
 * and JSON Feed of the newest `feedLimit` with full content, the index and each tag's list 20 a page, the past
 * issues page, the static files, and with `articlePages` a page per article. feeds.config.js and
 * site.config.js choose the two rows of the bench's table.
 */
export function configure(eleventyConfig, { articlePages }) {
  const feedLimit = 50;
  const pageSize = 20;
  eleventyConfig.addPlugin(pluginRss);
  eleventyConfig.addGlobalData('site', { title: 'bench', url: 'https://bench.example.org/' });
  eleventyConfig.addGlobalData('articlePages', articlePages);
  eleventyConfig.addPassthroughCopy({ 'src/static': '/' });
  eleventyConfig.setQuietMode(true);
  const posts = (api) => newestFirst(api.getFilteredByGlob('src/posts/**/*.md'));
  const tagsOf = (items) => [...new Set(items.flatMap((item) => item.data.tags ?? []))].sort();
  eleventyConfig.addCollection('newest', posts);
  eleventyConfig.addCollection('tagPages', (api) => {
    const items = posts(api);
    return tagsOf(items).flatMap((tag) => pagesOf(items.filter((item) => item.data.tags?.includes(tag)), pageSize).map((page) => ({ ...page, tag, base: `/tags/${tag}/` })));
  });
  eleventyConfig.addCollection('feeds', (api) => {
    const items = posts(api);
    const site = { base: '/', title: 'bench', items: items.slice(0, feedLimit) };
    return [site, ...tagsOf(items).map((tag) => ({ base: `/tags/${tag}/`, title: `bench: ${tag}`, items: items.filter((item) => item.data.tags?.includes(tag)).slice(0, feedLimit) }))];
  });
  return {
    dir: { input: 'src', includes: '_includes' },
    // Article bodies are Markdown only, as broadsheet and Hugo read them: no template language over them.
    markdownTemplateEngine: false,
  };
}
