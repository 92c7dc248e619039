import type { ArticleMeta } from '../article/article.js';
import { slugOf } from '../article/slug.js';

/** A link in the header: a tag's page. */
export interface Section {
  name: string;
  url: string;
  current: boolean;
}

/** The header's sections when site.sections does not list them: this many of the most used tags. */
const DEFAULT_SECTIONS = 5;

/** The path of a tag's page, beside its feeds: `/tags/<tag-slug>/`. */
export function tagPath(home: string, tag: string): string {
  return `${home}tags/${slugOf(tag)}/`;
}

/**
 * site.sections in its order, or the most used tags (most articles first, then by name). `current` marks the
 * tag whose page this is.
 */
export function sectionsOf(configured: readonly string[] | undefined, articles: readonly ArticleMeta[], home: string): (current?: string) => Section[] {
  const names = configured ?? mostUsedTags(articles, DEFAULT_SECTIONS);
  return (current) => names.map((name) => ({ name, url: tagPath(home, name), current: current !== undefined && slugOf(current) === slugOf(name) }));
}

function mostUsedTags(articles: readonly ArticleMeta[], count: number): string[] {
  const uses = new Map<string, number>();
  for (const article of articles) for (const tag of article.tags) uses.set(tag, (uses.get(tag) ?? 0) + 1);
  return [...uses].sort(([a, m], [b, n]) => n - m || a.localeCompare(b)).slice(0, count).map(([tag]) => tag);
}
