import { describe, expect, it } from 'vitest';
import { linkedFileUrl, publishedFilePath, relativeFileOf } from '../../src/article/linkedFile.js';
import { linkedFilesOf } from '../../src/content/linkedFiles.js';

const SITE = 'https://news.example.org/';

describe('which links name a local file', () => {
  it('takes a relative link with a file extension, decoded, without its query and fragment', () => {
    expect(relativeFileOf('images/ferry%20deck.jpg?v=2#top')).toBe('images/ferry deck.jpg');
    expect(relativeFileOf(' ../docs/timetable.PDF ')).toBe('../docs/timetable.PDF');
  });

  it('leaves pages, other sites, root-relative and fragment links, and template syntax to the page', () => {
    for (const link of ['other-post.md', 'old/page.html', 'timetable/', 'https://elsewhere.example/x.jpg', 'mailto:desk@news.example.org', '/img/x.jpg', '#notes', '{{ site.url }}/x.jpg', 'x.jpg%ZZ']) {
      expect(relativeFileOf(link), link).toBeUndefined();
    }
  });
});

describe('where a linked file is published', () => {
  const article = { sourcePath: '2026/night-trains.md', url: `${SITE}articles/night-trains/` };
  const bundle = { sourcePath: 'posts/ferry/index.md', url: `${SITE}2026/03/ferry/` };

  it('at its path under the content folder, for an article file', () => {
    expect(linkedFileUrl(SITE, article, 'images/sleeper.jpg')).toBe(`${SITE}2026/images/sleeper.jpg`);
    expect(linkedFileUrl(SITE, article, '../docs/fares.pdf#page=2')).toBe(`${SITE}docs/fares.pdf#page=2`);
  });

  it("beside the page, for a page bundle's own file, and at its path for another", () => {
    expect(publishedFilePath(SITE, bundle, 'posts/ferry/deck.jpg')).toBe('2026/03/ferry/deck.jpg');
    expect(publishedFilePath(SITE, bundle, 'posts/shared/map.png')).toBe('posts/shared/map.png');
  });

  it('nowhere for a link that leaves the content folder: it is read against the page', () => {
    expect(linkedFileUrl(SITE, article, '../../rss.xml')).toBeUndefined();
  });
});

describe('the files an article links to, as the index finds them', () => {
  it('in Markdown, reference definitions and raw HTML, each with its first line, and not in code blocks', () => {
    const body = ['![Deck](images/deck.jpg)', '[fares]: docs/fares.pdf', '<img src="images/deck.jpg"> <a href=\'map.png\'>map</a>', '```', '![shown as code](code.png)', '```', '{{< figure src="/img/gauge.jpg" >}}'].join('\n');
    expect(linkedFilesOf('2026/ferry.md', [{ ref: 'cover.jpg', line: 3 }], body, 6)).toEqual([
      { path: '2026/cover.jpg', line: 3 },
      { path: '2026/images/deck.jpg', line: 6 },
      { path: '2026/docs/fares.pdf', line: 7 },
      { path: '2026/map.png', line: 8 },
      { path: 'img/gauge.jpg', line: 12, from: 'host' },
    ]);
  });
});
