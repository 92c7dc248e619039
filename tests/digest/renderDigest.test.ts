import { resolve } from 'node:path';
import mjml2html from 'mjml';
import { describe, expect, it } from 'vitest';
import type { MjmlRenderer } from '../../src/digest/renderDigest.js';
import { personaliseDigest, PREFERENCES_PLACEHOLDER, UNSUBSCRIBE_PLACEHOLDER } from '../../src/digest/personaliseDigest.js';
import { BroadsheetError } from '../../src/errors.js';
import { makeArticle } from '../support/articles.js';
import { renderTestDigest, sampleArticles } from '../support/digest.js';
import { expectGolden } from '../support/golden.js';

const fixtures = resolve(import.meta.dirname, '../fixtures/digest');

const articles = [
  makeArticle({
    title: 'Night trains return to the coast line',
    url: 'https://news.example.org/articles/night-trains/',
    summary: 'Three overnight routes restart in April, with sleeper cabins & room for <bicycles>.',
    published: new Date('2026-11-20T07:30:00Z'),
    authors: [{ name: 'Ada Okafor' }, { name: 'Bo Lind' }],
    image: { url: 'https://news.example.org/images/sleeper.jpg', alt: 'A sleeper cabin', type: 'image/jpeg' },
  }),
  makeArticle({
    title: 'Library trial: open until 10 pm on weekdays',
    url: 'https://news.example.org/articles/library/',
    summary: 'From Monday the central library stays open until 10 pm on weekdays for a six-month trial, and the council will count visitors each evening.',
    published: new Date('2026-11-18T09:00:00Z'),
    authors: [],
  }),
];

async function templateError(templates: string): Promise<BroadsheetError> {
  try {
    await renderTestDigest(articles, { templates });
  } catch (error) {
    if (error instanceof BroadsheetError) return error;
    throw error;
  }
  throw new Error('expected a template error');
}

describe('renderDigest', async () => {
  const digest = await renderTestDigest(articles, { moreCount: 3 });

  it('matches the golden HTML and text of a digest of the sample content', async () => {
    const sample = await renderTestDigest(await sampleArticles());
    await expectGolden('digest/sample.html', sample.html);
    await expectGolden('digest/sample.txt', sample.text);
  });

  it('fills the subject pattern, counting the articles left for the site', () => {
    expect(digest.subject).toBe('The Test Gazette: 5 new articles');
    expect(digest.articleIds).toEqual(articles.map((a) => a.id));
  });

  it('has a preheader, the site name, a link to each article, the summaries, the image with alt text and a "view in browser" link', () => {
    expect(digest.preheader).toBe('Night trains return to the coast line · Library trial: open until 10 pm on weekdays');
    expect(digest.html).toContain('The Test Gazette');
    for (const article of articles) expect(digest.html).toContain(`href="${article.url}"`);
    expect(digest.html).toContain('sleeper cabins &amp; room for &lt;bicycles&gt;');
    expect(digest.html).toMatch(/<img[^>]+alt="A sleeper cabin"[^>]+src="https:\/\/news\.example\.org\/images\/sleeper\.jpg"/);
    expect(digest.html).toContain('href="https://news.example.org/archive/7/"');
    expect(digest.html).toContain('3 more on The Test Gazette');
  });

  it('has a footer with the unsubscribe link and the contact line', () => {
    expect(digest.html).toContain(`href="${UNSUBSCRIBE_PLACEHOLDER}"`);
    expect(digest.html).toContain('The Test Gazette, 1 Quay Street, Port Example');
    expect(digest.text).toContain(`Unsubscribe: ${UNSUBSCRIBE_PLACEHOLDER}`);
  });

  it('writes a plain-text part for terminal mail clients, wrapped at 72 columns but for long URLs', () => {
    for (const line of digest.text.split('\n')) {
      if (!/https?:\/\//.test(line)) expect(line.length, line).toBeLessThanOrEqual(72);
    }
    expect(digest.text).toContain('Read: https://news.example.org/articles/night-trains/');
    expect(digest.text).toContain('sleeper cabins & room for\n<bicycles>');
  });

  it('declares light and dark colour schemes', () => {
    expect(digest.html).toContain('<meta name="color-scheme" content="light dark"');
    expect(digest.html).toContain('prefers-color-scheme: dark');
  });

  it('stays under the 102 KB Gmail clips at, with the most articles a digest holds', async () => {
    const many = Array.from({ length: 20 }, (_, i) =>
      makeArticle({ title: `A long enough title for article number ${i} of the biggest digest`, slug: `article-${i}`, summary: 'A summary of about two hundred and eighty characters. '.repeat(5), image: { url: `https://news.example.org/i/${i}.jpg`, alt: `Picture ${i}`, type: 'image/jpeg' } }),
    );
    const big = await renderTestDigest(many, { moreCount: 40 });
    expect(Buffer.byteLength(big.html)).toBeLessThan(102 * 1024);
  });
});

describe('personaliseDigest', () => {
  it('fills in each subscriber’s unsubscribe link, escaped, and renders the MJML only once for 1,000 subscribers', async () => {
    let renders = 0;
    const counting: MjmlRenderer = async (mjml, options) => {
      renders += 1;
      return (mjml2html as unknown as MjmlRenderer)(mjml, options);
    };
    const digest = await renderTestDigest(articles, { renderMjml: counting });
    for (let id = 0; id < 1000; id++) {
      const copy = personaliseDigest(digest, { unsubscribeUrl: `https://news.example.org/unsubscribe?token=t${id}&x=1`, preferencesUrl: `https://news.example.org/preferences?token=p${id}`, name: '', firstName: '' });
      expect(copy.html).toContain(`href="https://news.example.org/unsubscribe?token=t${id}&amp;x=1"`);
      expect(copy.html).toContain(`href="https://news.example.org/preferences?token=p${id}"`);
      expect(copy.text).toContain(`Manage your subscription: https://news.example.org/preferences?token=p${id}`);
      expect(copy.html).not.toContain(UNSUBSCRIBE_PLACEHOLDER);
      expect(copy.html + copy.text).not.toContain(PREFERENCES_PLACEHOLDER);
      expect(copy.text).toContain(`Unsubscribe: https://news.example.org/unsubscribe?token=t${id}&x=1`);
    }
    expect(renders).toBe(1);
  });
});

describe('template errors', () => {
  it('names the file and line of a Handlebars syntax error', async () => {
    const error = await templateError(resolve(fixtures, 'syntax-error'));
    expect(error.code).toBe('TEMPLATE_INVALID');
    expect(error.file).toBe('fixtures/digest/syntax-error/partials/article.mjml');
    expect(error.line).toBeGreaterThan(0);
  });

  it('names the partial, line and field of a misspelt field instead of leaving a blank', async () => {
    const error = await templateError(resolve(fixtures, 'unknown-field'));
    expect(error.describe()).toMatch(/^fixtures\/digest\/unknown-field\/partials\/article\.mjml:6: unknown field "titel"/);
  });

  it('names the template that uses a partial neither the site nor broadsheet has', async () => {
    const error = await templateError(resolve(fixtures, 'missing-partial'));
    expect(error.file).toBe('fixtures/digest/missing-partial/digest.mjml');
    expect(error.message).toContain('signoff');
  });

  it('takes the built-in file for every template a site does not have: the footer partial here', async () => {
    const digest = await renderTestDigest(articles, { templates: resolve(fixtures, 'own-header') });
    expect(digest.html).toContain('Our own masthead');
    expect(digest.html).toContain(`href="${UNSUBSCRIBE_PLACEHOLDER}"`);
    expect(digest.text).toContain(`Unsubscribe: ${UNSUBSCRIBE_PLACEHOLDER}`);
  });

  it('names the template and line of a message key no messages file has', async () => {
    const error = await templateError(resolve(fixtures, 'unknown-message'));
    expect(error.describe()).toMatch(/^fixtures\/digest\/unknown-message\/partials\/footer\.mjml:4: unknown message "digest.goodbye"/);
  });

  it('refuses MJML that strict validation rejects instead of sending a broken mail', async () => {
    const error = await templateError(resolve(fixtures, 'invalid-mjml'));
    expect(error.code).toBe('TEMPLATE_INVALID');
    expect(error.describe()).toMatch(/MJML is invalid: .*colour/);
  });
});
