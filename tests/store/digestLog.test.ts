import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseFile, openDatabase } from '../../src/store/database.js';
import { enqueue, settle } from '../../src/delivery/outbox.js';
import { ArchivePages } from '../../src/store/archivePages.js';
import type { DigestRecord } from '../../src/store/digestLog.js';
import { digestEditions, digestHistory, findDigest, lastRunOf, listSentEditions, markDigestQueued, markDigestSent, nextDigestNumber, partlyQueuedDigests, recordDigest, unfinishedDigests } from '../../src/store/digestLog.js';
import { migrations } from '../../src/store/migrations.js';
import { ReaderHistories } from '../../src/store/readerHistory.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';
import { openTempDatabase, storeUnderTest } from '../support/database.js';

/** A state folder as the version before editions left it: one digest, sent to one reader, another's failed. */
function stateBeforeEditions(): string {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-state-'));
  const db = new Database(databaseFile(dir));
  const before = migrations.findIndex((step) => step.includes('CREATE TABLE digest_editions'));
  for (const step of migrations.slice(0, before)) db.exec(step);
  db.pragma(`user_version = ${before}`);
  db.exec(`INSERT INTO digests (number, created_at, sent_at, subject, html, text) VALUES (1, '2026-11-23T08:00:00.000Z', '2026-11-23T08:05:00.000Z', 'Issue one', '<p>one</p>', 'one');
    INSERT INTO digest_articles (digest_number, article_id, published) VALUES (1, 'a', '2026-11-20T00:00:00.000Z'), (1, 'b', '2026-11-21T00:00:00.000Z');
    INSERT INTO subscribers (id, email, email_key, status, source, created_at, updated_at) VALUES (1, 'ann@example.org', 'ann@example.org', 'confirmed', 'test', 'x', 'x'), (2, 'bob@example.org', 'bob@example.org', 'confirmed', 'test', 'x', 'x');
    INSERT INTO outbox (digest_number, subscriber_id, status, message_id, updated_at) VALUES (1, 1, 'sent', 'm1', 'x'), (1, 2, 'failed', 'm2', 'x');`);
  db.close();
  return dir;
}

// A state folder an older version left: SQLite's own.
describe.runIf(storeUnderTest === 'sqlite')('the digest log, brought up to editions', () => {
  it('keeps each earlier digest as its one edition, and what each reader was sent', () => {
    const db = openDatabase(stateBeforeEditions());
    try {
      expect(digestEditions(db, 1)).toEqual([{ edition: 1, subject: 'Issue one', html: '<p>one</p>', text: 'one' }]);
      expect(findDigest(db, 1)).toMatchObject({ number: 1, subject: 'Issue one', frequency: undefined, html: '<p>one</p>', articleCount: 2 });
      const sent = new ReaderHistories(db).between(1, 2);
      expect([...(sent.get(1)?.keys() ?? [])].sort()).toEqual(['a', 'b']);
      // Bob's row failed: nothing counts as sent to him.
      expect(sent.get(2)).toBeUndefined();
    } finally {
      db.close();
    }
  });
});

const day = (n: number) => new Date(Date.UTC(2026, 10, n, 8));
const article = (id: string, published: number) => ({ id, published: day(published) });

/** Digest `number` of `frequency`, composed on `on`, with `editions` of these articles. */
function digest(number: number, frequency: string, on: number, editions: string[][]): DigestRecord {
  return {
    number,
    createdAt: day(on),
    frequency,
    editions: editions.map((ids, i) => ({ edition: i + 1, subject: `No. ${number}.${i + 1}`, html: `<p>${ids.join(' ')}</p>`, text: ids.join(' '), articles: ids.map((id) => article(id, on - 1)) })),
  };
}

describe('the digest log', () => {
  it('numbers the digests across frequencies, and knows when each frequency last ran', () => {
    const db = openTempDatabase();
    expect(nextDigestNumber(db)).toBe(1);
    expect(lastRunOf(db, 'weekly')).toBeUndefined();
    recordDigest(db, digest(1, 'weekly', 20, [['a', 'b']]));
    recordDigest(db, digest(2, 'daily', 21, [['b'], ['c']]));
    recordDigest(db, digest(3, 'daily', 22, [['d']]));
    expect(nextDigestNumber(db)).toBe(4);
    expect(lastRunOf(db, 'weekly')).toEqual(day(20));
    expect(lastRunOf(db, 'daily')).toEqual(day(22));
    expect(digestHistory(db)).toEqual(new Map([['a', day(20)], ['b', day(21)], ['c', day(21)], ['d', day(22)]]));
  });

  it('keeps a digest partly queued until all its rows are, then unfinished until it is marked sent, and puts only sent ones in the archive, newest first', () => {
    const db = openTempDatabase();
    recordDigest(db, digest(1, 'weekly', 20, [['a', 'b']]));
    recordDigest(db, digest(2, 'weekly', 27, [['c'], ['d']]));
    expect(partlyQueuedDigests(db).map((d) => d.number)).toEqual([1, 2]);
    expect(unfinishedDigests(db)).toEqual([]);
    markDigestQueued(db, 1, day(20));
    markDigestQueued(db, 2, day(27));
    expect(partlyQueuedDigests(db)).toEqual([]);
    expect(unfinishedDigests(db).map((d) => d.number)).toEqual([1, 2]);
    markDigestSent(db, 2, day(27));
    markDigestSent(db, 2, day(28));
    expect(unfinishedDigests(db)).toEqual([{ number: 1, createdAt: day(20), sentAt: undefined, subject: 'No. 1.1', frequency: 'weekly' }]);
    expect(listSentEditions(db).map((e) => [e.number, e.edition, e.subject, e.sentAt])).toEqual([
      [2, 1, 'No. 2.1', day(27)],
      [2, 2, 'No. 2.2', day(27)],
    ]);
    expect(findDigest(db, 2)).toMatchObject({ number: 2, subject: 'No. 2.1', html: '<p>c</p>', articleCount: 2, sentAt: day(27) });
    expect(digestEditions(db, 2).map((e) => e.text)).toEqual(['c', 'd']);
    expect(findDigest(db, 3)).toBeUndefined();
  });

  it("reads what each reader was sent from their queued and sent rows, not their failed ones", () => {
    const db = openTempDatabase();
    const store = new SubscriberStore(db, () => day(20));
    const [ann, bob] = ['ann', 'bob'].map((name) => store.upsert(parseEmailAddress(`${name}@example.org`), 'confirmed', 'test').subscriber.id) as [number, number];
    recordDigest(db, digest(1, 'weekly', 20, [['a', 'b'], ['c']]));
    enqueue(db, 1, [{ subscriberId: ann, messageId: '<1a@x>', edition: 1 }, { subscriberId: bob, messageId: '<1b@x>', edition: 2 }], day(20));
    settle(db, 1, bob, 'failed', '550 no such user', 1, day(20));
    const sent = new ReaderHistories(db).between(ann, bob);
    expect(sent.get(ann)).toEqual(new Map([['a', day(20)], ['b', day(20)]]));
    expect(sent.get(bob)).toBeUndefined();
  });
});

describe('the archive pages', () => {
  it('keep the page each article was first put on, across processes', () => {
    const db = openTempDatabase();
    const pages = new ArchivePages(db);
    pages.add(new Map([['', new Map([['a', 1], ['b', 1]])], ['tags/local/', new Map([['a', 1]])]]));
    pages.add(new Map([['', new Map([['a', 2], ['c', 2]])]]));
    expect(new ArchivePages(db).current()).toEqual(new Map([['', new Map([['a', 1], ['b', 1], ['c', 2]])], ['tags/local/', new Map([['a', 1]])]]));
  });
});
