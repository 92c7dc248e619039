import { describe, expect, it } from 'vitest';
import { selectArticles } from '../../src/digest/selectArticles.js';
import { makeArticle } from '../support/articles.js';

const day = (n: number) => new Date(Date.UTC(2026, 0, n));
const articles = [1, 2, 3, 4, 5, 6].map((n) => makeArticle({ title: `Day ${n}`, published: day(n), updated: day(n), tags: n % 2 === 0 ? ['even'] : [] }));
const options = { firstIssueSize: 3, maxArticles: 10, groupByTag: false };
const none = { sentArticleIds: new Set<string>(), oldestSentPublished: undefined };

const titles = (selection: ReturnType<typeof selectArticles>) => (selection.kind === 'digest' ? selection.articles.map((a) => a.title) : []);

describe('selectArticles', () => {
  it('takes the newest `firstIssueSize` articles for the first digest, newest first', () => {
    expect(titles(selectArticles(articles, none, options))).toEqual(['Day 6', 'Day 5', 'Day 4']);
  });

  it('takes every article no digest has sent, and nothing older than what was sent', () => {
    const history = { sentArticleIds: new Set(articles.slice(3, 5).map((a) => a.id)), oldestSentPublished: day(4) };
    expect(titles(selectArticles(articles, history, options))).toEqual(['Day 6']);
  });

  it('does not send an article again after it was edited (same id, new date)', () => {
    const edited = articles.map((a) => (a.title === 'Day 6' ? { ...a, updated: day(20) } : a));
    const history = { sentArticleIds: new Set(articles.slice(3).map((a) => a.id)), oldestSentPublished: day(4) };
    expect(selectArticles(edited, history, options)).toEqual({ kind: 'nothing-new' });
  });

  it('caps the digest and counts the rest for a "more on the site" link', () => {
    const selection = selectArticles(articles, none, { ...options, firstIssueSize: 6, maxArticles: 4 });
    expect(selection.kind === 'digest' && selection.moreCount).toBe(2);
    expect(titles(selection)).toHaveLength(4);
  });

  it('groups by first tag when asked, untagged last', () => {
    const selection = selectArticles(articles, none, { ...options, firstIssueSize: 4, groupByTag: true });
    expect(selection.kind === 'digest' && selection.groups.map((g) => [g.tag, g.articles.map((a) => a.title)])).toEqual([
      ['even', ['Day 6', 'Day 4']],
      [undefined, ['Day 5', 'Day 3']],
    ]);
  });

  it('says so when there is nothing to send', () => {
    expect(selectArticles([], none, options)).toEqual({ kind: 'nothing-new' });
  });
});
