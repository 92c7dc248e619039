import { resolve } from 'node:path';
import { loadContent } from '../../src/content/loadContent.js';
import { testSite } from './site.js';

export const CONTENT_FIXTURES = resolve(import.meta.dirname, '../fixtures/content');

/** A fixture folder read as content on 2026-11-25; messages name files as `<scenario>/<file>`. */
export async function loadContentFixture(scenario: string) {
  return loadContent({ contentDir: resolve(CONTENT_FIXTURES, scenario), site: testSite(), now: new Date('2026-11-25T00:00:00Z'), displayRoot: CONTENT_FIXTURES });
}
