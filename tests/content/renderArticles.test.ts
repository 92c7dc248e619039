import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexContent } from '../../src/content/loadContent.js';
import { renderArticles } from '../../src/content/renderArticles.js';
import { testSite } from '../support/site.js';

describe('rendering the bodies of an index', () => {
  it('renders a file the index parsed from what it parsed, without reading it again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-render-'));
    await writeFile(join(dir, 'once.md'), '---\ntitle: Read once\ndate: 2026-11-01\n---\nThe body, parsed for the index.\n');
    const options = { contentDir: dir, site: testSite(), now: new Date('2026-11-25T00:00:00Z'), displayRoot: dir };
    const index = await indexContent(options);
    await rm(join(dir, 'once.md'));
    const { articles, rejected } = await renderArticles(index.entries, options, undefined, { parsed: index.parsed });
    expect(rejected).toEqual([]);
    expect(articles[0]?.html).toContain('The body, parsed for the index.');
    // Without what the index parsed, the body is read from the file, which is gone.
    expect((await renderArticles(index.entries, options)).rejected).toHaveLength(1);
    // What it parsed is let go once rendered, so that a build does not hold a whole archive's sources to its end.
    expect(index.parsed.size).toBe(0);
  });
});
