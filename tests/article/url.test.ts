import { describe, expect, it } from 'vitest';
import { articleUrl } from '../../src/article/url.js';

describe('articleUrl', () => {
  it('gives what resolving the whole article path against the site URL gives, for every site, path and slug shape', () => {
    const sites = ['https://news.example.org/', 'https://example.org/news/', 'http://127.0.0.1:8080/', 'https://example.org/a%20b/'];
    const paths = ['articles/{slug}/', '{slug}.html', '/{slug}/', 'y/{slug}/{slug}.html', '../{slug}/', 'articles/{slug}/?from=feed'];
    const slugs = ['night-trains', 'a', '2026', 'article-2', 'x-'];
    for (const site of sites) {
      for (const path of paths) {
        for (const slug of slugs) {
          expect(articleUrl(site, path, slug), `${site} ${path} ${slug}`).toBe(new URL(path.replaceAll('{slug}', slug), site).href);
        }
      }
    }
  });
});
