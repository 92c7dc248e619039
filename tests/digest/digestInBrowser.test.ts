import { describe, expect, it } from 'vitest';
import { makeArticle } from '../support/articles.js';
import { browserForTests, contrastFailures } from '../support/browser.js';
import { renderTestDigest, sampleArticles } from '../support/digest.js';

describe('the digest in a real browser', () => {
  const browser = browserForTests();

  const awkward = [
    makeArticle({ title: 'A headline long enough to wrap on a phone screen without pushing anything sideways', image: { url: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=', alt: 'A wide picture', type: 'image/gif' } }),
    makeArticle({ summary: 'https://news.example.org/a/very/long/url/without/any/space/that/could/push/the/layout/wider/than/the/phone' }),
  ];

  it.each([
    ['the sample content', 375],
    ['the sample content', 800],
    ['awkward articles', 375],
    ['awkward articles', 800],
  ] as const)('shows a digest of %s without sideways scrolling at %i px', async (what, width) => {
    const digest = await renderTestDigest(what === 'awkward articles' ? awkward : await sampleArticles());
    const page = await browser().newPage({ viewport: { width, height: 900 } });
    await page.setContent(digest.html, { waitUntil: 'load' });
    const scrollWidth = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(scrollWidth).toBeLessThanOrEqual(width);
    const images = await page.evaluate<{ alt: string; width: number }[]>("[...document.images].map((img) => ({ alt: img.alt, width: img.getBoundingClientRect().width }))");
    for (const image of images) {
      expect(image.alt).not.toBe('');
      expect(image.width).toBeLessThanOrEqual(width);
    }
    await page.close();
  });

  it.each(['light', 'dark'] as const)('keeps every text readable against its background in a %s mail client', async (colorScheme) => {
    const digest = await renderTestDigest(await sampleArticles());
    const page = await browser().newPage({ viewport: { width: 800, height: 900 } });
    await page.emulateMedia({ colorScheme });
    await page.setContent(digest.html, { waitUntil: 'load' });
    expect(await contrastFailures(page)).toEqual([]);
    await page.close();
  });
});
