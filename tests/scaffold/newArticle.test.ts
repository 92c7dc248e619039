import { describe, expect, it } from 'vitest';
import { calendarDay } from '../../src/article/timeZone.js';
import { BroadsheetError } from '../../src/errors.js';
import { newArticleFile } from '../../src/scaffold/newArticle.js';

const day = { year: 2026, month: 3, day: 7 };

describe('newArticleFile', () => {
  it('names a Markdown article by date and slug and quotes any title and tags safely in its front matter', () => {
    const file = newArticleFile({ title: ' Night trains: "back" # at last? ', tags: ['transport', 'a, b: c'], format: 'markdown', day });
    expect(file.name).toBe('2026-03-07-night-trains-back-at-last.md');
    expect(file.text).toContain('title: "Night trains: \\"back\\" # at last?"\n');
    expect(file.text).toContain('date: 2026-03-07\n');
    expect(file.text).toContain('draft: false\n');
  });

  it('writes the plain-text format: date line, title line, text', () => {
    const file = newArticleFile({ title: 'School meals for all', tags: [], format: 'plain-text', day });
    expect(file.name).toBe('2026-03-07-school-meals-for-all.txt');
    expect(file.text.split('\n').slice(0, 3)).toEqual(['7 March 2026', '', 'School meals for all']);
  });

  it.each([
    ['a title of two lines', { title: 'One\nTwo' }, /one line/],
    ['a title with nothing to slug', { title: '!!!' }, /no letters or digits/],
    ['tags in the plain-text format', { title: 'Plain', tags: ['x'], format: 'plain-text' as const }, /no front matter to hold tags/],
  ])('refuses %s with a usage error', (_name, request, message) => {
    const run = () => newArticleFile({ tags: [], format: 'markdown', day, ...request });
    expect(run).toThrow(BroadsheetError);
    expect(run).toThrow(message);
  });
});

describe('calendarDay', () => {
  it('is the day of the zone, not of the machine', () => {
    const instant = new Date('2026-03-07T13:00:00Z');
    expect(calendarDay(instant, 'UTC')).toEqual({ year: 2026, month: 3, day: 7 });
    expect(calendarDay(instant, 'Pacific/Auckland')).toEqual({ year: 2026, month: 3, day: 8 });
    expect(calendarDay(new Date('2026-03-07T02:00:00Z'), 'America/Los_Angeles')).toEqual({ year: 2026, month: 3, day: 6 });
  });
});
