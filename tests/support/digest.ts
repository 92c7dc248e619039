import { relative, resolve } from 'node:path';
import type { Article } from '../../src/article/article.js';
import type { ResolvedConfig, SiteConfig } from '../../src/config/resolvedConfig.js';
import type { MjmlRenderer } from '../../src/digest/renderDigest.js';
import { renderDigest } from '../../src/digest/renderDigest.js';
import { loadDigestTemplates } from '../../src/digest/templates.js';
import { templateFolder } from '../../src/templating/templateFolder.js';
import { testSite } from './site.js';
import { readArticles } from './contentFixtures.js';

export const REAL_TEMPLATES = resolve(import.meta.dirname, '../../templates');

export const digestConfig: ResolvedConfig['digest'] = {
  firstIssueSize: 10,
  maxArticles: 20,
  groupByTag: false,
  contactLine: 'The Test Gazette, 1 Quay Street, Port Example',
  topics: [],
  frequencies: { default: '0 8 * * 1' },
  defaultFrequency: 'default',
};

/** The repository's sample articles, rendered, newest first. */
export async function sampleArticles(): Promise<Article[]> {
  const root = resolve(import.meta.dirname, '../..');
  const { articles } = await readArticles({ contentDir: resolve(root, 'content'), site: testSite(), now: new Date('2026-11-23T08:00:00Z'), displayRoot: root });
  return articles;
}

/** Renders a digest of `articles` with the given templates on a fixed date. */
export async function renderTestDigest(articles: Article[], options: { templates?: string; moreCount?: number; renderMjml?: MjmlRenderer; site?: SiteConfig } = {}) {
  const site = options.site ?? testSite();
  const displayPath = (path: string) => relative(resolve(import.meta.dirname, '..'), path);
  const templates = await loadDigestTemplates(templateFolder(options.templates ?? REAL_TEMPLATES, displayPath), site.language);
  return renderDigest({
    content: { groups: [{ tag: undefined, articles }], moreCount: options.moreCount ?? 0 },
    issue: { number: 7, date: new Date('2026-11-23T08:00:00Z'), archiveUrl: 'https://news.example.org/archive/7/' },
    site,
    digest: digestConfig,
    templates,
    feedUrl: 'https://news.example.org/rss.xml',
    displayPath,
    ...(options.renderMjml === undefined ? {} : { renderMjml: options.renderMjml }),
  });
}
