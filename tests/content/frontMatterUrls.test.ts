import { describe, expect, it } from 'vitest';
import { loadContentFixture } from '../support/contentFixtures.js';

describe('URLs from front matter', async () => {
  const { articles, rejected, warnings } = await loadContentFixture('unsafe-front-matter');
  const bySource = new Map(articles.map((article) => [article.sourcePath, article]));

  it('publishes every article, without the URLs whose scheme the body would not allow either', () => {
    expect(rejected).toEqual([]);
    const script = bySource.get('script-urls.md');
    expect(script?.image).toBeUndefined();
    expect(script?.authors).toEqual([{ name: 'Ada Reporter' }]);
    const data = bySource.get('data-urls.md');
    expect(data?.image).toBeUndefined();
    expect(data?.authors).toEqual([{ name: 'Bo Lind', url: 'https://bo.example.org/' }, { name: 'Cy Moe' }]);
  });

  it('keeps http, https and mailto URLs, relative ones resolved against the article', () => {
    const allowed = bySource.get('allowed-urls.md');
    expect(allowed?.image?.url).toBe('https://news.example.org/articles/allowed-urls/images/%3Cquay%3E.jpg?size=%3Cbig%3E&crop=%221%22');
    expect(allowed?.authors).toEqual([{ name: 'Di Pao', url: 'mailto:di@example.org?subject=<hi>&body="x"' }]);
  });

  it('warns naming the file, the field as written and its line', () => {
    const lines = warnings.map((w) => `${w.file}:${w.line}: ${w.message}`).sort();
    expect(lines).toEqual([
      expect.stringMatching(/^unsafe-front-matter\/data-urls\.md:6: authors\.1\.url: "vbscript:msgbox\(1\)" has the scheme "vbscript:"; only http, https and mailto URLs are published/),
      expect.stringMatching(/^unsafe-front-matter\/data-urls\.md:7: image: "data:image\/png;base64,iVBORw0KGgo=" has the scheme "data:"/),
      expect.stringMatching(/^unsafe-front-matter\/script-urls\.md:4: author\.url: "java\\tscript:alert\(1\)" has the scheme "javascript:"/),
      expect.stringMatching(/^unsafe-front-matter\/script-urls\.md:7: image: "javascript:alert\(document\.cookie\)" has the scheme "javascript:"/),
    ]);
  });
});
