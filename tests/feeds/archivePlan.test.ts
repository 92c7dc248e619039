import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ArchivePage } from '../../src/feeds/archivePlan.js';
import { planArchive } from '../../src/feeds/archivePlan.js';

/** One change to a channel's articles between two builds. */
type Step = { kind: 'add'; date: number } | { kind: 'remove'; pick: number } | { kind: 'restore'; pick: number } | { kind: 'redate'; pick: number; date: number };

const aStep: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('add' as const), date: fc.integer({ min: 0, max: 50 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restore' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('redate' as const), pick: fc.nat(), date: fc.integer({ min: 0, max: 50 }) }) },
);

interface Item {
  id: string;
  date: number;
}

/** Oldest first, as a build hands a channel's articles to planArchive; ties by id, as by source path. */
const oldestFirst = (items: Iterable<Item>) => [...items].sort((a, b) => a.date - b.date || (a.id < b.id ? -1 : 1));
const idsOf = (pages: ArchivePage<Item>[]) => pages.flatMap((page) => page.items.map((item) => item.id));

describe('the archive pages of a channel, through any run of additions, removals, returns and edits', () => {
  it('hold every article exactly once, each on the page it was first put on, no page over the page size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(aStep, { maxLength: 60 }), (pageSize, steps) => {
        const present = new Map<string, Item>();
        const removed = new Map<string, Item>();
        const assigned = new Map<string, number>();
        let next = 0;
        let before = new Map<number, Item[]>();
        for (const step of steps) {
          const pick = (from: Map<string, Item>, n: number) => [...from.values()][n % from.size] as Item;
          let added: string | undefined;
          /** The article this step added, removed, brought back or edited. */
          let touched: string | undefined;
          if (step.kind === 'add') {
            touched = added = `a${next++}`;
            present.set(added, { id: added, date: step.date });
          } else if (step.kind === 'remove' && present.size > 0) {
            const item = pick(present, step.pick);
            present.delete((touched = item.id));
            removed.set(item.id, item);
          } else if (step.kind === 'restore' && removed.size > 0) {
            const item = pick(removed, step.pick);
            removed.delete((touched = item.id));
            present.set(item.id, item);
          } else if (step.kind === 'redate' && present.size > 0) {
            const item = pick(present, step.pick);
            present.set((touched = item.id), { ...item, date: step.date });
          }
          const newestBefore = Math.max(0, ...assigned.values());
          const { pages, added: placed } = planArchive(oldestFirst(present.values()), assigned, pageSize);

          // Every article once, and nothing else.
          expect(idsOf(pages).sort()).toEqual([...present.keys()].sort());
          // Only a new article gets a page, and it keeps it, also across a removal and a return.
          expect([...placed.keys()]).toEqual(added === undefined || assigned.has(added) ? [] : [added]);
          for (const page of pages) for (const item of page.items) expect(assigned.get(item.id) ?? placed.get(item.id)).toBe(page.number);
          // The new article goes on the newest page, or opens the next one when that one is full.
          for (const page of placed.values()) {
            const onNewest = [...assigned.values()].filter((p) => p === newestBefore).length;
            expect(page).toBe(newestBefore === 0 || onNewest >= pageSize ? newestBefore + 1 : newestBefore);
          }
          for (const [id, page] of placed) assigned.set(id, page);
          // Never more on a page than the page size, counting articles since removed.
          for (const page of new Set(assigned.values())) expect([...assigned.values()].filter((p) => p === page).length).toBeLessThanOrEqual(pageSize);
          // Pages in order, none empty; within a page, the order given.
          expect(pages.map((page) => page.number)).toEqual([...pages.map((page) => page.number)].sort((a, b) => a - b));
          for (const page of pages) {
            expect(page.items.length).toBeGreaterThan(0);
            expect(page.items).toEqual(oldestFirst(page.items));
          }
          // A page changes only when one of its own articles came, went or was edited.
          const now = new Map(pages.map((page) => [page.number, page.items]));
          for (const number of new Set([...before.keys(), ...now.keys()])) {
            const [was = [], is = []] = [before.get(number), now.get(number)];
            if (![...was, ...is].some((item) => item.id === touched)) expect(is).toEqual(was);
          }
          before = now;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('fills page after page, oldest first, at the first build', () => {
    const items = oldestFirst(Array.from({ length: 7 }, (_, i) => ({ id: `a${i}`, date: i })));
    const { pages, added } = planArchive(items, new Map(), 3);
    expect(pages.map((page) => page.items.map((item) => item.id))).toEqual([['a0', 'a1', 'a2'], ['a3', 'a4', 'a5'], ['a6']]);
    expect(added.size).toBe(7);
  });

  it('puts an article backdated before the whole archive on the newest page, not on the first', () => {
    const items = [{ id: 'old', date: 0 }, { id: 'a', date: 1 }, { id: 'b', date: 2 }, { id: 'c', date: 3 }];
    const { pages } = planArchive(items, new Map([['a', 1], ['b', 1], ['c', 2]]), 2);
    expect(pages.map((page) => page.items.map((item) => item.id))).toEqual([['a', 'b'], ['old', 'c']]);
  });

  it('leaves a page one short after a removal, and does not put the next article there', () => {
    const { pages, added } = planArchive([{ id: 'a', date: 1 }, { id: 'c', date: 3 }, { id: 'd', date: 4 }], new Map([['a', 1], ['b', 1], ['c', 2]]), 2);
    expect(pages.map((page) => [page.number, page.items.map((item) => item.id)])).toEqual([[1, ['a']], [2, ['c', 'd']]]);
    expect([...added]).toEqual([['d', 2]]);
  });

  it('leaves out of the chain a page whose articles are all gone', () => {
    const { pages } = planArchive([{ id: 'a', date: 1 }, { id: 'e', date: 5 }], new Map([['a', 1], ['b', 2], ['c', 2], ['e', 3]]), 2);
    expect(pages.map((page) => page.number)).toEqual([1, 3]);
  });
});
