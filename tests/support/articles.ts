import type { Article } from '../../src/article/article.js';

let sequence = 0;

/** A valid Article with every field set; override what a test is about. */
export function makeArticle(overrides: Partial<Article> = {}): Article {
  sequence += 1;
  const slug = overrides.slug ?? `article-${sequence}`;
  const published = overrides.published ?? new Date(Date.UTC(2026, 0, sequence % 28 || 1, 9));
  return {
    id: `urn:uuid:00000000-0000-5000-8000-${String(sequence).padStart(12, '0')}`,
    slug,
    url: `https://news.example.org/articles/${slug}/`,
    title: `Article ${sequence}`,
    published,
    timeZone: 'UTC',
    updated: published,
    authors: [{ name: 'Ada Okafor' }],
    summary: `Summary of article ${sequence}.`,
    html: `<p>Body of article ${sequence}.</p>`,
    text: `Body of article ${sequence}.`,
    tags: [],
    draft: false,
    sourcePath: `${slug}.md`,
    sourceHash: `hash-of-${slug}`,
    ...overrides,
  };
}
