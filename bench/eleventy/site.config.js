import { configure } from './eleventy.config.js';

/** The bench's "full site" row: broadsheet's default build, a page per article. */
export default (eleventyConfig) => configure(eleventyConfig, { articlePages: true });
