import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStateDatabase } from '../../src/app/stateDatabase.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import { openTempDatabase } from '../support/database.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';
import { dropWithdrawnChoices } from '../../src/subscribers/subscriberTopics.js';

function storeAt(clock: { now: Date }) {
  const db = openTempDatabase();
  return { db, store: new SubscriberStore(db, () => clock.now) };
}

describe("a subscriber's choices", () => {
  it('start as every article, the default frequency and no pause', () => {
    const { store } = storeAt({ now: new Date('2026-12-01T00:00:00Z') });
    const { subscriber } = store.upsert(parseEmailAddress('ann@example.org'), 'confirmed', 'test');
    expect(subscriber).toMatchObject({ topics: [], frequency: undefined, pausedUntil: undefined });
  });

  it('keep the time each topic was chosen, so that a topic added later is known as later', () => {
    const clock = { now: new Date('2026-12-01T00:00:00Z') };
    const { store } = storeAt(clock);
    const { subscriber } = store.upsert(parseEmailAddress('ann@example.org'), 'confirmed', 'test');
    store.setTopics(subscriber.id, ['culture', 'transport']);
    clock.now = new Date('2026-12-08T00:00:00Z');
    store.setTopics(subscriber.id, ['transport', 'local', 'local']);
    expect(store.get(subscriber.id)?.topics).toEqual([
      { tag: 'local', addedAt: new Date('2026-12-08T00:00:00Z') },
      { tag: 'transport', addedAt: new Date('2026-12-01T00:00:00Z') },
    ]);
    store.setTopics(subscriber.id, []);
    expect(store.get(subscriber.id)?.topics).toEqual([]);
  });

  it('hold a frequency and a pause until they are cleared', () => {
    const { store } = storeAt({ now: new Date('2026-12-01T00:00:00Z') });
    const { subscriber } = store.upsert(parseEmailAddress('ann@example.org'), 'confirmed', 'test');
    store.setFrequency(subscriber.id, 'daily');
    store.setPause(subscriber.id, new Date('2026-12-24T00:00:00Z'));
    expect(store.find(parseEmailAddress('ANN@example.org'))).toMatchObject({ frequency: 'daily', pausedUntil: new Date('2026-12-24T00:00:00Z') });
    store.setFrequency(subscriber.id, undefined);
    store.setPause(subscriber.id, undefined);
    expect(store.get(subscriber.id)).toMatchObject({ frequency: undefined, pausedUntil: undefined });
  });
});

describe('the confirmed subscribers of one frequency', () => {
  it('come in batches in id order, those who chose none with the default frequency, paused ones included', () => {
    const { store } = storeAt({ now: new Date('2026-12-01T00:00:00Z') });
    const add = (email: string, frequency: string | undefined, status: 'pending' | 'confirmed' = 'confirmed') => {
      const { subscriber } = store.upsert(parseEmailAddress(email), status, 'test');
      store.setFrequency(subscriber.id, frequency);
      store.setTopics(subscriber.id, [email.slice(0, 1)]);
      return subscriber.id;
    };
    const weekly = [add('a@example.org', undefined), add('b@example.org', 'weekly'), add('c@example.org', undefined)];
    add('d@example.org', 'daily');
    add('e@example.org', 'weekly', 'pending');
    const paused = add('f@example.org', 'weekly');
    store.setPause(paused, new Date('2027-01-01T00:00:00Z'));
    const batches = [...store.confirmedBatches('weekly', 'weekly', 2)];
    expect(batches.map((batch) => batch.map((s) => s.id))).toEqual([weekly.slice(0, 2), [weekly[2], paused]]);
    expect(batches[1]?.[1]).toMatchObject({ email: 'f@example.org', topics: [{ tag: 'f' }], pausedUntil: new Date('2027-01-01T00:00:00Z') });
    // With another default, only those who chose weekly are weekly's.
    expect([...store.confirmedBatches('weekly', 'daily')].flat().map((s) => s.email)).toEqual(['b@example.org', 'f@example.org']);
    expect([...store.confirmedBatches('daily', 'daily')].flat().map((s) => s.email)).toEqual(['a@example.org', 'c@example.org', 'd@example.org']);
  });
});

describe('withdrawn choices', () => {
  it('drop a topic the publisher no longer offers from everyone (one left with none gets every article) and reset a withdrawn frequency to the default', () => {
    const { db, store } = storeAt({ now: new Date('2026-12-01T00:00:00Z') });
    const ann = store.upsert(parseEmailAddress('ann@example.org'), 'confirmed', 'test').subscriber.id;
    const bob = store.upsert(parseEmailAddress('bob@example.org'), 'confirmed', 'test').subscriber.id;
    store.setTopics(ann, ['culture', 'transport']);
    store.setTopics(bob, ['culture']);
    store.setFrequency(ann, 'daily');
    store.setFrequency(bob, 'weekly');
    expect(dropWithdrawnChoices(db, { topics: [{ tag: 'transport' }], frequencies: { weekly: '0 8 * * 1' } })).toEqual({ topics: 2, frequencies: 1 });
    expect(store.get(ann)).toMatchObject({ topics: [{ tag: 'transport' }], frequency: undefined });
    expect(store.get(bob)).toMatchObject({ topics: [], frequency: 'weekly' });
    // No topics offered at all: every subscriber gets every article.
    dropWithdrawnChoices(db, { topics: [], frequencies: { weekly: '0 8 * * 1' } });
    expect(store.get(ann)?.topics).toEqual([]);
  });

  it('are dropped whenever a command opens the state to write, under the config it was started with', () => {
    const dir = mkdtempSync(join(tmpdir(), 'broadsheet-choices-'));
    const configFor = (digest: object) => {
      writeFileSync(join(dir, 'broadsheet.config.json'), JSON.stringify({ digest }));
      return loadConfig({ cwd: dir, env: {} });
    };
    const offered = { topics: [{ tag: 'culture', label: 'Culture' }, { tag: 'transport', label: 'Transport' }], frequencies: { daily: '0 7 * * *', weekly: '0 8 * * 1' } };
    const before = openStateDatabase(configFor(offered));
    const store = new SubscriberStore(before, () => new Date('2026-12-01T00:00:00Z'));
    const id = store.upsert(parseEmailAddress('ann@example.org'), 'confirmed', 'test').subscriber.id;
    store.setTopics(id, ['culture', 'transport']);
    store.setFrequency(id, 'daily');
    before.close();
    const after = openStateDatabase(configFor({ ...offered, topics: offered.topics.slice(1), frequencies: { weekly: '0 8 * * 1' } }));
    expect(new SubscriberStore(after, () => new Date()).get(id)).toMatchObject({ topics: [{ tag: 'transport' }], frequency: undefined });
    after.close();
  });
});
