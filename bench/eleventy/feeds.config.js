import { configure } from './eleventy.config.js';

/** The bench's "feeds only" row: broadsheet with article pages off. */
export default (eleventyConfig) => configure(eleventyConfig, { articlePages: false });
