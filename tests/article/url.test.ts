import { describe, expect, it } from 'vitest';
import { articleUrl, fileNameOf, pagePathOf } from '../../src/article/url.js';

const values = (slug: string) => ({ slug, filename: 'Night Ferry', published: new Date('2013-05-06T00:12:52Z'), timeZone: 'UTC' });

describe('articleUrl', () => {
  it('gives what resolving the whole article path against the site URL gives, for every site, path and slug shape', () => {
    const sites = ['https://news.example.org/', 'https://example.org/news/', 'http://127.0.0.1:8080/', 'https://example.org/a%20b/'];
    const paths = ['articles/{slug}/', '{slug}.html', '/{slug}/', 'y/{slug}/{slug}.html', '../{slug}/', 'articles/{slug}/?from=feed', '{year}/{month}/{day}/{filename}.html', '{year}/{slug}-{filename}/'];
    const slugs = ['night-trains', 'a', '2026', 'article-2', 'x-'];
    for (const site of sites) {
      for (const path of paths) {
        for (const slug of slugs) {
          const whole = path.replaceAll('{slug}', slug).replaceAll('{filename}', 'Night%20Ferry').replaceAll('{year}', '2013').replaceAll('{month}', '05').replaceAll('{day}', '06');
          expect(articleUrl(site, path, values(slug)), `${site} ${path} ${slug}`).toBe(new URL(whole, site).href);
        }
      }
    }
  });

  it('fills the day in the zone the date was written in, as the article page shows it', () => {
    const late = { slug: 'x', filename: 'x', published: new Date('2013-05-05T22:30:00Z') };
    expect(articleUrl('https://a.example/', '{year}/{month}/{day}/', { ...late, timeZone: 'UTC' })).toBe('https://a.example/2013/05/05/');
    expect(articleUrl('https://a.example/', '{year}/{month}/{day}/', { ...late, timeZone: '+02:00' })).toBe('https://a.example/2013/05/06/');
    expect(articleUrl('https://a.example/', '{year}/{month}/{day}/', { ...late, timeZone: 'Europe/Paris' })).toBe('https://a.example/2013/05/06/');
  });
});

describe('fileNameOf', () => {
  it("is the file's name without a date prefix and extension, or a page bundle's folder", () => {
    expect(fileNameOf('_posts/2013-05-06-night-ferry.markdown')).toBe('night-ferry');
    expect(fileNameOf('posts/2024-05-01-harbour-walk/index.md')).toBe('harbour-walk');
    expect(fileNameOf('Tide Tables.md')).toBe('Tide-Tables');
    expect(fileNameOf('2026-03-14-.md')).toBe('article');
  });
});

describe('pagePathOf', () => {
  it('is the decoded path under the site URL, index.html for a folder, nothing outside the site', () => {
    expect(pagePathOf('https://a.example/news/', 'https://a.example/news/2013/05/06/Caf%C3%A9.html')).toBe('2013/05/06/Café.html');
    expect(pagePathOf('https://a.example/news/', 'https://a.example/news/articles/x/?from=feed')).toBe('articles/x/index.html');
    expect(pagePathOf('https://a.example/news/', 'https://a.example/x/')).toBeUndefined();
    expect(pagePathOf('https://a.example/news/', 'https://a.example/news/a%2Fb/')).toBeUndefined();
  });
});
