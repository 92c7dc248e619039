import { createRequire } from 'node:module';
import type slugifyFunction from '@sindresorhus/slugify';

const require = createRequire(import.meta.url);
let slugify: typeof slugifyFunction | undefined;

/**
 * slugify, loaded at first use (Node >= 20.19 requires an ES module synchronously): its transliteration
 * tables take ~40 ms to build at import, which a build whose titles and tags are all plain never needs.
 */
function fullSlugify(text: string): string {
  slugify ??= (require('@sindresorhus/slugify') as { default: typeof slugifyFunction }).default;
  // Words stay whole: `GitHub` is `github` and `40K` is `40k`, not `git-hub` and `40-k` (slugify's default
  // splits at inner capitals), as Jekyll, Hugo and Eleventy make them.
  return slugify(text, { decamelize: false });
}

/**
 * Titles and tags that are plain ASCII words: for these, everything slugify does (transliteration tables, a
 * fresh RegExp per call) comes down to lower-casing and joining the words with hyphens. Left out on purpose:
 * `&` (becomes "and"), apostrophes (contractions), `^` and backtick (dropped as diacritics), backslash.
 */
const PLAIN_WORDS = /^[A-Za-z0-9 \t,.:;!?"()/+=*#%@|~<>{}[\]_-]*$/;

/**
 * Text -> URL slug, exactly as @sindresorhus/slugify makes it. Plain titles take the short way: slugify costs
 * ~30 µs a call, a sixth of indexing a file on a first build. tests/article/slug.test.ts holds both ways equal.
 */
export function slugOf(text: string): string {
  if (!PLAIN_WORDS.test(text)) return fullSlugify(text);
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
