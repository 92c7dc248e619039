import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { makeArticle } from '../support/articles.js';
import { launchChromium } from '../support/browser.js';
import { renderTestDigest } from '../support/digest.js';

describe('the digest in a real browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const articles = [
    makeArticle({ title: 'A headline long enough to wrap on a phone screen without pushing anything sideways', image: { url: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=', alt: 'A wide picture', type: 'image/gif' } }),
    makeArticle({ summary: 'https://news.example.org/a/very/long/url/without/any/space/that/could/push/the/layout/wider/than/the/phone' }),
  ];

  it.each([375, 800])('does not scroll sideways at %i px', async (width) => {
    const digest = await renderTestDigest(articles);
    const page = await browser.newPage({ viewport: { width, height: 900 } });
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
});
