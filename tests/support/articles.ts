import type { Article } from '../../src/article/article.js';
import { slugOf } from '../../src/article/slug.js';

/**
 * A valid Article with every field set; override what a test is about. Every value comes from the
 * arguments (the slug and id from the title, unless given), so two calls with the same arguments make the
 * same article, whatever ran before.
 */
export function makeArticle(overrides: Partial<Article> = {}): Article {
  const title = overrides.title ?? 'An article';
  const slug = overrides.slug ?? slugOf(title);
  const published = overrides.published ?? new Date(Date.UTC(2026, 0, 1, 9));
  return {
    id: `tag:news.example.org,2026:${slug}`,
    slug,
    url: `https://news.example.org/articles/${slug}/`,
    title,
    published,
    timeZone: 'UTC',
    updated: published,
    authors: [{ name: 'Ada Okafor' }],
    summary: `Summary of ${title}.`,
    html: `<p>Body of ${title}.</p>`,
    tags: [],
    draft: false,
    sourcePath: `${slug}.md`,
    sourceHash: `hash-of-${slug}`,
    ...overrides,
  };
}
