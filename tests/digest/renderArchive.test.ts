import { describe, expect, it } from 'vitest';
import { UNSUBSCRIBE_PLACEHOLDER } from '../../src/digest/personaliseDigest.js';
import { renderArchive } from '../../src/digest/renderArchive.js';
import { testSite } from '../support/site.js';

describe('renderArchive', () => {
  const digests = [1, 2, 3].map((number) => ({
    number,
    subject: `Issue <${number}> & more`,
    sentAt: new Date(Date.UTC(2026, 10, number * 7)),
    html: `<html><body>Digest ${number} <a href="${UNSUBSCRIBE_PLACEHOLDER}">Unsubscribe</a></body></html>`,
  }));
  const files = renderArchive(digests, testSite());

  it('writes one page per issue, without anybody’s unsubscribe link', () => {
    expect([...files.keys()]).toEqual(['archive/3/index.html', 'archive/2/index.html', 'archive/1/index.html', 'archive/index.html']);
    expect(files.get('archive/2/index.html')).toBe('<html><body>Digest 2 <a href="https://news.example.org/unsubscribe">Unsubscribe</a></body></html>');
  });

  it('lists past issues newest first, with escaped subjects', () => {
    const index = files.get('archive/index.html') as string;
    expect(index.indexOf('href="3/"')).toBeLessThan(index.indexOf('href="1/"'));
    expect(index).toContain('Issue 3: Issue &lt;3&gt; &amp; more');
    expect(index).toContain('<html lang="en">');
  });
});
