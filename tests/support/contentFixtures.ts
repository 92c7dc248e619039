import { resolve } from 'node:path';
import type { LoadContentOptions } from '../../src/content/loadContent.js';
import { indexContent } from '../../src/content/loadContent.js';
import { renderArticles } from '../../src/content/renderArticles.js';
import { testSite } from './site.js';

export const CONTENT_FIXTURES = resolve(import.meta.dirname, '../fixtures/content');

/** Every article of a folder with its body rendered, read as a build reads it: the index, then the bodies. */
export async function readArticles(options: LoadContentOptions) {
  const index = await indexContent(options);
  const rendered = await renderArticles(index.entries, options, undefined, { parsed: index.parsed });
  return { articles: rendered.articles, rejected: [...index.rejected, ...rendered.rejected], skipped: index.skipped, warnings: index.warnings };
}

/** A fixture folder read as content on 2026-11-25; messages name files as `<scenario>/<file>`. */
export async function loadContentFixture(scenario: string) {
  return readArticles({ contentDir: resolve(CONTENT_FIXTURES, scenario), site: testSite(), now: new Date('2026-11-25T00:00:00Z'), displayRoot: CONTENT_FIXTURES });
}
