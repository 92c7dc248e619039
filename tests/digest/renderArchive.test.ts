import { describe, expect, it } from 'vitest';
import { UNSUBSCRIBE_PLACEHOLDER } from '../../src/digest/personaliseDigest.js';
import { renderArchiveIssues } from '../../src/digest/renderArchive.js';
import { renderArchiveIndex } from '../../src/pages/archiveIndexPage.js';
import { testSite } from '../support/site.js';
import { sitePagesFor } from '../support/templates.js';

describe('the web archive', async () => {
  const digests = [1, 2, 3].map((number) => ({
    number,
    edition: 1,
    page: `${number}/`,
    subject: `Issue <${number}> & more`,
    sentAt: new Date(Date.UTC(2026, 10, number * 7)),
    html: `<html><body>Digest ${number} <a href="${UNSUBSCRIBE_PLACEHOLDER}">Unsubscribe</a></body></html>`,
  }));
  const files = renderArchiveIssues(digests, testSite());
  const index = renderArchiveIndex(await sitePagesFor(testSite()), digests, []);

  it('writes one page per issue, without anybody’s unsubscribe link', () => {
    expect([...files.keys()]).toEqual(['archive/3/index.html', 'archive/2/index.html', 'archive/1/index.html']);
    expect(files.get('archive/2/index.html')).toBe('<html><body>Digest 2 <a href="https://news.example.org/unsubscribe">Unsubscribe</a></body></html>');
  });

  it('gives each edition of a run its own page, the first at the run\'s number', () => {
    const run = [1, 2].map((edition) => ({ number: 4, edition, subject: `Edition ${edition}`, sentAt: new Date(Date.UTC(2026, 10, 28)), html: `<p>Edition ${edition}</p>` }));
    const pages = renderArchiveIssues(run, testSite());
    expect([...pages.keys()]).toEqual(['archive/4/index.html', 'archive/4/2/index.html']);
    expect(pages.get('archive/4/2/index.html')).toBe('<p>Edition 2</p>');
  });

  it('lists past issues newest first, with escaped subjects', () => {
    expect(index.indexOf('href="/archive/3/"')).toBeLessThan(index.indexOf('href="/archive/1/"'));
    expect(index).toContain('Issue 3: Issue &lt;3&gt; &amp; more');
    expect(index).toContain('<html lang="en">');
  });
});
