import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/article/article.js';
import { loadContentFixture as load } from '../support/contentFixtures.js';

// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Every string anywhere in an article, with where it is. */
function strings(value: unknown, path = 'article'): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, index) => strings(item, `${path}[${index}]`));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.entries(value).flatMap(([key, item]) => strings(item, `${path}.${key}`));
  }
  return [];
}

describe('front-matter values with YAML escapes for characters XML forbids', async () => {
  const { articles, rejected } = await load('front-matter-escapes');
  const article = articles[0] as Article;

  it('publishes the article with those characters stripped from every text field', () => {
    expect(rejected).toEqual([]);
    for (const [path, value] of strings(article)) expect(value, path).not.toMatch(XML_FORBIDDEN);
  });

  it('keeps the rest of each value', () => {
    expect(article.title).toBe('Bell, non-character and lone surrogate in the title');
    expect(article.summary).toBe('Escape in the summary');
    expect(article.authors).toEqual([{ name: 'Null Byte', url: 'https://example.org/people' }]);
    expect(article.tags).toEqual(['tag', 'other']);
    expect(article.image?.alt).toBe('Alt text');
  });
});

describe('a title taken from a level-1 heading that opens the body', async () => {
  const { articles, rejected } = await load('heading-title');
  const byPath = new Map(articles.map((a) => [a.sourcePath, a]));

  it('is never a "# comment" inside a code block', () => {
    expect(rejected.map((error) => error.describe())).toEqual([
      'heading-title/heading-further-down.md: title: has no title. Add `title: ...` to the front matter or start the text with a "# Title" line.',
    ]);
    const article = byPath.get('code-before-heading.md');
    expect(article?.title).toBe('The real title');
    expect(article?.html).toContain('# not the title: a shell comment');
    expect(article?.html).not.toMatch(/<h1>|The real title/);
  });

  it('is never a heading further down the body: that is a section of an article with no title', () => {
    expect(byPath.has('heading-further-down.md')).toBe(false);
    expect(rejected.map((error) => error.file)).toEqual(['heading-title/heading-further-down.md']);
  });

  it('may be a setext heading, underlined with "="', () => {
    const article = byPath.get('2026-04-03-setext.md');
    expect(article?.title).toBe('Setext title');
    expect(article?.html).toBe('<p>A heading underlined with equals signs.</p>');
  });
});

describe('authors', async () => {
  const { articles, rejected } = await load('author-forms');

  it('may be a list under `author` as well as under `authors`, of names and { name, email, url }', () => {
    expect(articles.find((a) => a.sourcePath === 'author-list.md')?.authors).toEqual([
      { name: 'Ann Berg' },
      { name: 'Bo Lind', email: 'bo@example.org' },
    ]);
  });

  it('with a malformed address is rejected, naming the one value to fix', () => {
    expect(rejected.map((error) => error.describe())).toEqual([
      'author-forms/bad-email.md:4: authors.1.email: must be an e-mail address such as ann@example.org. Fix this front-matter field (see "Article files" in README.md).',
    ]);
  });
});

describe('a front-matter date that is not a day in the calendar', async () => {
  const { articles, rejected } = await load('impossible-date');

  it('is rejected at its line instead of rolling over to the next month', () => {
    expect(rejected.map((error) => error.describe())).toEqual([
      'impossible-date/february-30.md:3: date: "2021-02-30" is not a day in the calendar. Write it as YYYY-MM-DD with a month from 01 to 12 and a day that month has.',
    ]);
  });

  it('leaves real days, and date-times with a zone, as they were', () => {
    expect(articles.map((a) => [a.published.toISOString(), a.updated.toISOString()])).toEqual([['2021-02-28T09:00:00.000Z', '2021-03-01T00:00:00.000Z']]);
  });
});

describe('front matter in another language than YAML', async () => {
  const { articles, rejected } = await load('front-matter-languages');

  it('is refused at line 1 and never evaluated', () => {
    expect(rejected.map((error) => error.describe())).toEqual([
      'front-matter-languages/javascript.md:1: front matter in "js" is not supported. Write the front matter in YAML between two --- lines, or in TOML between two +++ lines.',
    ]);
    expect((globalThis as { frontMatterRan?: string }).frontMatterRan).toBeUndefined();
  });

  it('may be named `---yaml`', () => {
    expect(articles.map((a) => a.title)).toEqual(['YAML may say so']);
  });
});
