import { describe, expect, it } from 'vitest';
import { loadContentFixture as load } from '../support/contentFixtures.js';

describe('a folder of good and bad files', async () => {
  const { articles, rejected, skipped } = await load('mixed');
  const byFile = new Map(rejected.map((error) => [error.file, error]));

  it('publishes every good article, newest first', () => {
    expect(articles.map((a) => a.sourcePath)).toEqual([
      'unsafe-html.md',
      'same-title-newer.md',
      'same-title-older.md',
      'control-chars.md',
      'crlf.txt',
      'bom-crlf.md',
    ]);
  });

  it('rejects each bad file once, with the file, the line where known, and what to do', () => {
    expect([...byFile.keys()].sort()).toEqual([
      'mixed/bad-date-line.txt',
      'mixed/bad-date.md',
      'mixed/broken-yaml.md',
      'mixed/empty.md',
      'mixed/latin1.md',
      'mixed/no-title.md',
    ]);
    for (const error of rejected) expect(error.hint, error.describe()).toBeTruthy();
  });

  it('reports broken YAML at the line where the parser stopped', () => {
    const error = byFile.get('mixed/broken-yaml.md');
    expect(error?.code).toBe('CONTENT_FRONT_MATTER');
    // The list opened on line 4 is found unclosed on line 5; the hint points at both.
    expect(error?.describe()).toMatch(/^mixed\/broken-yaml\.md:5: front matter is not valid YAML: .+ the line before/);
  });

  it('refuses bytes that are not UTF-8, naming the line', () => {
    const error = byFile.get('mixed/latin1.md');
    expect(error?.code).toBe('CONTENT_ENCODING');
    expect(error?.line).toBe(2);
    expect(error?.describe()).toContain('Save the file as UTF-8');
  });

  it('names the field and line of a bad front-matter value', () => {
    const error = byFile.get('mixed/bad-date.md');
    expect(error?.field).toBe('date');
    expect(error?.line).toBe(4);
    expect(error?.describe()).toMatch(/^mixed\/bad-date\.md:4: date: "next tuesday" is not a date/);
  });

  it('rejects empty files, and files without a title', () => {
    expect(byFile.get('mixed/empty.md')?.code).toBe('CONTENT_EMPTY');
    expect(byFile.get('mixed/no-title.md')?.field).toBe('title');
    expect(byFile.get('mixed/bad-date-line.txt')?.line).toBe(1);
  });

  it('skips drafts, articles dated in the future, and pages with no date anywhere (an about page), not rejecting them', () => {
    expect(skipped).toEqual([
      { file: 'mixed/no-date.md', reason: 'undated' },
      { file: 'mixed/draft.md', reason: 'draft' },
      { file: 'mixed/future.md', reason: 'future' },
    ]);
  });

  it('ignores dotfiles and files that are not articles', () => {
    expect(articles.some((a) => a.sourcePath.startsWith('.') || a.sourcePath.endsWith('.csv'))).toBe(false);
  });

  it('reads UTF-8 with a BOM and CRLF line endings', () => {
    const article = articles.find((a) => a.sourcePath === 'bom-crlf.md');
    expect(article?.title).toBe('Saved with a BOM and CRLF');
    expect(article?.html).not.toContain('\r');
    expect(articles.find((a) => a.sourcePath === 'crlf.txt')?.html).toBe('<p>First paragraph.</p>\n<p>Second paragraph.</p>');
  });

  it('removes characters XML forbids from every field', () => {
    const article = articles.find((a) => a.sourcePath === 'control-chars.md');
    expect(article?.title).toBe('Bell and escape in the title');
    // eslint-disable-next-line no-control-regex
    const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
    for (const value of [article?.title, article?.html, article?.summary]) expect(value).not.toMatch(forbidden);
  });

  it('gives two articles with one title distinct slugs and ids; the older keeps the plain slug', () => {
    const older = articles.find((a) => a.sourcePath === 'same-title-older.md');
    const newer = articles.find((a) => a.sourcePath === 'same-title-newer.md');
    expect(older?.slug).toBe('same-title');
    expect(newer?.slug).toBe('same-title-2');
    expect(older?.id).not.toBe(newer?.id);
    expect(newer?.url).toBe('https://news.example.org/articles/same-title-2/');
  });

  it('sanitises HTML: no script, iframe, event handlers or javascript: URLs', () => {
    const html = articles.find((a) => a.sourcePath === 'unsafe-html.md')?.html ?? '';
    expect(html).not.toMatch(/<script|<iframe|onclick|onerror|javascript:/i);
    expect(html).toContain('<img src="https://news.example.org/articles/unsafe-html-is-sanitised/x.png" alt="pic" />');
    expect(html).toContain('href="https://example.org/?a=1&amp;b=2"');
    expect(html).toContain('href="mailto:desk@example.org"');
  });
});

describe('Markdown files', async () => {
  const { articles, rejected } = await load('markdown');

  it('reads every front-matter field', () => {
    expect(rejected).toEqual([]);
    const article = articles.find((a) => a.slug === 'everything');
    expect(article).toMatchObject({
      id: 'tag:news.example.org,2026:everything',
      url: 'https://news.example.org/articles/everything/',
      title: 'Every front-matter field',
      published: new Date('2026-02-10T07:15:00Z'),
      updated: new Date('2026-02-11T00:00:00Z'),
      authors: [{ name: 'Ada Okafor' }, { name: 'Bo Lind', email: 'bo@example.org', url: 'https://bo.example.org/' }],
      summary: 'A summary written by hand.',
      tags: ['transport', 'coast'],
      image: { url: 'https://news.example.org/pictures/quay.png', alt: 'The quay at noon', type: 'image/png' },
      sourcePath: '2026-02-10-front-matter-everything.md',
    });
  });

  it('makes relative links and images absolute against the article URL', () => {
    const html = articles.find((a) => a.slug === 'everything')?.html;
    expect(html).toContain('<a href="https://news.example.org/articles/other/">relative link</a>');
    expect(html).toContain('<img src="https://news.example.org/articles/everything/img/a.jpg" alt="inline image" title="A" />');
  });

  it('takes the title from the first heading and the date from a YYYY-MM-DD- file name', () => {
    const article = articles.find((a) => a.sourcePath === '2026-03-01-jekyll-style.md');
    expect(article?.title).toBe('A title from the first heading');
    expect(article?.published).toEqual(new Date('2026-03-01T00:00:00Z'));
    expect(article?.html).not.toContain('<h1>');
    expect(article?.html).toContain('<em>emphasis</em>');
    expect(article?.summary).toBe('Intro line after the heading is kept.');
    expect(article?.authors).toEqual([]);
  });

  it('gives a stable URN id from the source path when the file names none', () => {
    const article = articles.find((a) => a.sourcePath === '2026-03-01-jekyll-style.md');
    expect(article?.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('walking the content folder', async () => {
  const { articles, rejected, skipped } = await load('walk');

  it('reads .md, .markdown and .txt files in every subfolder, and nothing else', () => {
    expect(rejected).toEqual([]);
    expect(skipped).toEqual([]);
    expect(articles.map((a) => a.sourcePath)).toEqual(['2026/in-folder.txt', '2026/desk/nested.markdown']);
  });

  it('leaves out dotfiles, dot folders, the README.md at the root, images and other files', () => {
    const read = articles.map((a) => a.sourcePath).join(' ');
    expect(read).not.toMatch(/hidden|README|photo|data/);
  });
});

describe('two files with one front-matter id', async () => {
  const { articles, rejected } = await load('duplicate-id');

  it('publishes the first and rejects the later one, naming the file that holds the id', () => {
    expect(articles.map((a) => a.sourcePath)).toEqual(['first.md']);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.code).toBe('CONTENT_DUPLICATE');
    expect(rejected[0]?.describe()).toMatch(/^duplicate-id\/second\.md: id: has the id "urn:example:shared", which duplicate-id\/first\.md already uses\. /);
  });
});
