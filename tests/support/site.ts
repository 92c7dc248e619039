import type { SiteConfig } from '../../src/config/resolvedConfig.js';

/** A site config for tests; override what a test is about. */
export function testSite(overrides: Partial<SiteConfig> = {}): SiteConfig {
  return {
    title: 'The Test Gazette',
    url: 'https://news.example.org/',
    description: 'News for tests.',
    language: 'en',
    author: { name: 'Test Desk', email: 'desk@news.example.org' },
    articlePath: 'articles/{slug}/',
    articlePages: true,
    timezone: 'UTC',
    pageSize: 20,
    ...overrides,
  };
}
