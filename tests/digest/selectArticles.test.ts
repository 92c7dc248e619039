import { describe, expect, it } from 'vitest';
import type { ReaderHistory } from '../../src/digest/selectArticles.js';
import { catalogueOf, selectArticles, selectionKey } from '../../src/digest/selectArticles.js';
import { makeArticle } from '../support/articles.js';

const day = (n: number) => new Date(Date.UTC(2026, 0, n));
const articles = [1, 2, 3, 4, 5, 6].map((n) => makeArticle({ title: `Day ${n}`, published: day(n), updated: day(n), tags: n % 2 === 0 ? ['even'] : [] }));
const catalogue = catalogueOf(articles);
const options = { firstIssueSize: 3, maxArticles: 10, groupByTag: false };
const none: ReaderHistory = new Map();
/** The articles titled, as sent by a digest on `at`. */
const sentOn = (at: Date, ...titles: string[]): [string, Date][] => titles.map((title) => [articles.find((a) => a.title === title)?.id ?? title, at]);

const titles = (selection: ReturnType<typeof selectArticles>) => (selection.kind === 'digest' ? selection.articles.map((a) => a.title) : []);

describe('selectArticles, for a reader of every article', () => {
  it('takes the newest `firstIssueSize` articles for their first digest, newest first', () => {
    expect(titles(selectArticles(catalogue, [], none, options))).toEqual(['Day 6', 'Day 5', 'Day 4']);
  });

  it('takes every article no digest has sent them, and nothing older than what they were sent', () => {
    const history = new Map(sentOn(day(5), 'Day 4', 'Day 5'));
    expect(titles(selectArticles(catalogue, [], history, options))).toEqual(['Day 6']);
  });

  it('does not send an article again after it was edited (same id, new date)', () => {
    const edited = catalogueOf(articles.map((a) => (a.title === 'Day 6' ? { ...a, updated: day(20) } : a)));
    const history = new Map(sentOn(day(6), 'Day 4', 'Day 5', 'Day 6'));
    expect(selectArticles(edited, [], history, options)).toEqual({ kind: 'nothing-new' });
  });

  it('caps the digest and counts the rest for a "more on the site" link; the rest stay unsent, for the next one', () => {
    const selection = selectArticles(catalogue, [], none, { ...options, firstIssueSize: 6, maxArticles: 4 });
    expect(selection.kind === 'digest' && selection.moreCount).toBe(2);
    expect(titles(selection)).toEqual(['Day 6', 'Day 5', 'Day 4', 'Day 3']);
    const next = selectArticles(catalogue, [], new Map(sentOn(day(6), 'Day 6', 'Day 5', 'Day 4', 'Day 3')), { ...options, maxArticles: 4 });
    expect(titles(next)).toEqual([]);
  });

  it('groups by first tag when asked, untagged last', () => {
    const selection = selectArticles(catalogue, [], none, { ...options, firstIssueSize: 4, groupByTag: true });
    expect(selection.kind === 'digest' && selection.groups.map((g) => [g.tag, g.articles.map((a) => a.title)])).toEqual([
      ['even', ['Day 6', 'Day 4']],
      [undefined, ['Day 5', 'Day 3']],
    ]);
  });

  it('says so when there is nothing to send', () => {
    expect(selectArticles(catalogueOf([]), [], none, options)).toEqual({ kind: 'nothing-new' });
  });
});

describe('selectArticles, for a reader of some topics', () => {
  const tagged = (n: number, tags: string[]) => makeArticle({ title: `News ${n}`, published: day(n), updated: day(n), tags });
  // Culture on odd days, transport on even ones; day 12 is both.
  const news = Array.from({ length: 12 }, (_, i) => tagged(i + 1, i + 1 === 12 ? ['culture', 'transport'] : (i + 1) % 2 === 1 ? ['culture'] : ['transport']));
  const shelf = catalogueOf(news);
  const sent = (at: Date, ...days: number[]): [string, Date][] => days.map((n) => [news[n - 1]?.id as string, at]);
  const culture = { tag: 'culture', addedAt: day(1) };
  const transport = { tag: 'transport', addedAt: day(1) };

  it('takes only their topics, and for the first digest the newest `firstIssueSize` of them all together', () => {
    expect(titles(selectArticles(shelf, [culture], none, options))).toEqual(['News 12', 'News 11', 'News 9']);
    expect(titles(selectArticles(shelf, [culture, transport], none, options))).toEqual(['News 12', 'News 11', 'News 10']);
  });

  it('sends an article of two of their topics once', () => {
    const selection = selectArticles(shelf, [culture, transport], none, { ...options, firstIssueSize: 12, maxArticles: 20 });
    expect(titles(selection).filter((title) => title === 'News 12')).toHaveLength(1);
    expect(titles(selection)).toHaveLength(12);
  });

  it('starts a topic added later from its own newest `firstIssueSize`, and the others go on as before', () => {
    const history = new Map(sent(day(9), 9, 7, 5));
    const later = { tag: 'transport', addedAt: day(10) };
    expect(titles(selectArticles(shelf, [culture, later], history, options))).toEqual(['News 12', 'News 11', 'News 10', 'News 8']);
  });

  it('counts a topic as started only by what they got of it since choosing it', () => {
    // News 12 went to them for culture before they chose transport: transport still starts with its newest three.
    const history = new Map([...sent(day(12), 12, 11, 9)]);
    const later = { tag: 'transport', addedAt: day(13) };
    expect(titles(selectArticles(shelf, [culture, later], history, options))).toEqual(['News 10', 'News 8', 'News 6']);
  });

  it('gives readers with the same articles and the same "more" count the same key, and others another', () => {
    const a = selectArticles(shelf, [culture], none, options);
    const b = selectArticles(shelf, [{ tag: 'culture', addedAt: day(5) }], none, options);
    const c = selectArticles(shelf, [transport], none, options);
    if (a.kind !== 'digest' || b.kind !== 'digest' || c.kind !== 'digest') throw new Error('expected digests');
    expect(selectionKey(a)).toBe(selectionKey(b));
    expect(selectionKey(a)).not.toBe(selectionKey(c));
  });
});
