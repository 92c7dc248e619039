import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/article/article.js';
import { NO_LINKS } from '../../src/feeds/feedLinks.js';
import { renderFeedSet } from '../../src/feeds/renderFeeds.js';
import { makeArticle } from '../support/articles.js';
import { testSite } from '../support/site.js';
import type { XmlElement } from '../support/xmlTree.js';
import { child, elementsNamed, parseXml } from '../support/xmlTree.js';

/** What may go wrong in XML, then any code point of any plane, then any UTF-16 unit (lone surrogates). */
const tricky = fc.constantFrom('<', '>', '&', '"', "'", ']]>', ']]', '&amp;', '&lt;', '<![CDATA[', '-->', '\r', '\n', '\r\n', '\t', '\u0000', '\u0001', '\u001B[31m', '\u001F', '\u007F', '\u0085', '\u2028', '\uFFFE', '\uFFFF', '\uD800', '\uDFFF', '\uD83D\uDE00');
const anyText = fc
  .array(fc.oneof(tricky, fc.string({ unit: 'binary', maxLength: 4 }), fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit))), { maxLength: 10 })
  .map((pieces) => pieces.join(''));

// The documented text: characters XML forbids removed, line ends as LF in CDATA (a parser reads CR as LF there).
// eslint-disable-next-line no-control-regex
const clean = (text: string) => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
const lf = (text: string) => text.replace(/\r\n?/g, '\n');
const unescapeHtml = (html: string) => html.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name] as string);
const textOf = (element: XmlElement, name: string) => element.children.find((c) => c.name === name)?.text ?? '';

const anArticle = fc.record({
  title: anyText,
  summary: anyText,
  html: anyText,
  tags: fc.array(anyText, { maxLength: 4 }),
  authors: fc.array(fc.record({ name: anyText, email: anyText }), { maxLength: 2 }),
  imagePath: fc.option(anyText),
});

const aSite = fc.record({ title: anyText, description: anyText, copyright: anyText, authorName: anyText });

describe('the feeds, with any text in any field', () => {
  it('are well-formed XML that reads back as the documented text', () => {
    fc.assert(
      fc.property(aSite, fc.array(anArticle, { minLength: 1, maxLength: 3 }), (siteText, drafts) => {
        const site = testSite({ copyright: siteText.copyright, author: { name: siteText.authorName } });
        const channel = { title: siteText.title, description: siteText.description, dir: '' };
        // Distinct dates: the feeds hold their items newest first, in the order of `articles` here.
        const articles: Article[] = drafts.map((draft, i) => {
          const image = draft.imagePath === null ? undefined : URL.parse(draft.imagePath, 'https://news.example.org/i/');
          return makeArticle({
            title: draft.title,
            summary: draft.summary,
            html: draft.html,
            tags: draft.tags,
            authors: draft.authors,
            published: new Date(Date.UTC(2026, 0, 20 - i)),
            ...(image ? { image: { url: image.href, alt: 'x', type: 'image/jpeg' } } : {}),
          });
        });
        articles.forEach((article) => (article.updated = article.published));
        const files = renderFeedSet(articles, site, channel, { limit: 50, now: new Date('2026-02-01T00:00:00Z'), idFrom: 'id', links: NO_LINKS, enclosures: new Map() });

        const rss = child(parseXml(files.get('rss.xml') as string), 'channel');
        expect(textOf(rss, 'title')).toBe(clean(channel.title));
        expect(textOf(rss, 'description')).toBe(clean(channel.description));
        expect(textOf(rss, 'copyright')).toBe(clean(siteText.copyright));
        elementsNamed(rss, 'item').forEach((item, i) => {
          const article = articles[i] as Article;
          expect(textOf(item, 'title')).toBe(lf(clean(article.title)).replaceAll('<', '\uFF1C').replaceAll('>', '\uFF1E'));
          expect(unescapeHtml(textOf(item, 'description'))).toBe(lf(clean(article.summary)));
          expect(textOf(item, 'content:encoded')).toBe(lf(clean(article.html)).replaceAll(']]>', ']]&gt;'));
          expect(elementsNamed(item, 'category').map((c) => c.text)).toEqual(article.tags.map(clean));
          expect(textOf(item, 'dc:creator')).toBe(clean((article.authors.length > 0 ? article.authors : [site.author]).map((a) => a.name).join(', ')));
          expect(textOf(item, 'guid')).toBe(article.id);
          expect(elementsNamed(item, 'enclosure').map((e) => e.attributes.url)).toEqual(article.image ? [article.image.url] : []);
        });

        const atom = parseXml(files.get('atom.xml') as string);
        expect(textOf(atom, 'title')).toBe(clean(channel.title));
        expect(textOf(atom, 'subtitle')).toBe(clean(channel.description));
        expect(textOf(atom, 'rights')).toBe(clean(siteText.copyright));
        expect(textOf(child(atom, 'author'), 'name')).toBe(clean(siteText.authorName));
        elementsNamed(atom, 'entry').forEach((entry, i) => {
          const article = articles[i] as Article;
          expect(textOf(entry, 'title')).toBe(clean(article.title));
          expect(unescapeHtml(textOf(entry, 'summary'))).toBe(lf(clean(article.summary)));
          expect(textOf(entry, 'content')).toBe(lf(clean(article.html)).replaceAll(']]>', ']]&gt;'));
          expect(elementsNamed(entry, 'category').map((c) => c.attributes.term)).toEqual(article.tags.map(clean));
          expect(elementsNamed(entry, 'author').map((a) => [textOf(a, 'name'), textOf(a, 'email')])).toEqual(article.authors.map((a) => [clean(a.name), a.email ? clean(a.email) : '']));
          const enclosures = elementsNamed(entry, 'link').filter((link) => link.attributes.rel === 'enclosure');
          expect(enclosures.map((link) => link.attributes.href)).toEqual(article.image ? [article.image.url] : []);
        });

        const json = JSON.parse(files.get('feed.json') as string) as { title: string; items: { title: string; tags?: string[] }[] };
        expect(json.title).toBe(channel.title);
        expect(json.items.map((item) => [item.title, item.tags ?? []])).toEqual(articles.map((a) => [a.title, a.tags]));
      }),
      { numRuns: 200 },
    );
  });
});
