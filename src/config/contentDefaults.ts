// Plain values, apart from resolvedConfig.ts: the schema takes them as defaults, and resolvedConfig.ts
// imports the schema's types, so keeping them there made the two files import each other.

/** Front-matter keys whose terms become tags, when the config does not say: Jekyll's, Hugo's and Eleventy's. */
export const DEFAULT_TAXONOMIES: readonly string[] = ['tags', 'categories', 'category'];

/** Hugo's and many Jekyll sites' marker: the text before it is the summary. */
export const DEFAULT_EXCERPT_SEPARATOR = '<!--more-->';
