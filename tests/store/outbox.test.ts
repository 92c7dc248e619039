import { describe, expect, it } from 'vitest';
import type { QueuedMessage } from '../../src/delivery/outbox.js';
import { enqueue, giveUpDeferred, outboxCounts, QUEUE_PAGE_SIZE, queuedCount, queuedRows, recordDeferral, settle, waitingRows } from '../../src/delivery/outbox.js';
import { recordDigest } from '../../src/store/digestLog.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';
import type { Db } from '../../src/store/database.js';
import { openTempDatabase } from '../support/database.js';

const now = new Date('2026-11-25T08:00:00Z');
const DAY = 24 * 3600;

/** Digest 1 queued for `count` confirmed readers, reader0@ to reader{count-1}@, in id order. */
function queuedDigest(count: number) {
  const db = openTempDatabase();
  const store = new SubscriberStore(db, () => now);
  const ids = Array.from({ length: count }, (_, i) => store.upsert(parseEmailAddress(`reader${i}@example.org`), 'confirmed', 'test').subscriber.id);
  recordDigest(db, { number: 1, createdAt: now, frequency: 'weekly', editions: [{ edition: 1, subject: 'One', html: '<p>1</p>', text: '1', articles: [] }] });
  enqueue(db, 1, ids.map((subscriberId) => ({ subscriberId, messageId: `<m${subscriberId}@example.org>`, edition: 1 })), now);
  return { db, store, ids };
}

/** Digest `number`'s queued rows as one sending pass takes them, `each` told of every row as it is taken. */
function queuedMessages(db: Db, number: number, each: (message: QueuedMessage) => void = () => undefined): QueuedMessage[] {
  const source = queuedRows(db, number);
  const taken: QueuedMessage[] = [];
  for (let message = source.next(); message !== undefined; message = source.next()) {
    taken.push(message);
    each(message);
  }
  source.close();
  return taken;
}

describe('the outbox', () => {
  it('holds one row per digest and subscriber: queueing the same reader again adds nothing', () => {
    const { db, ids } = queuedDigest(3);
    enqueue(db, 1, [{ subscriberId: ids[0] as number, messageId: '<again@example.org>', edition: 1 }], now);
    expect(outboxCounts(db, 1)).toEqual({ queued: 3, sent: 0, failed: 0, skipped: 0 });
    expect(queuedMessages(db, 1).map((m) => m.messageId)).toEqual(ids.map((id) => `<m${id}@example.org>`));
  });

  it('reads the queued rows page by page in subscriber order, each with its reader’s status now, and skips rows settled meanwhile', () => {
    const { db, store, ids } = queuedDigest(QUEUE_PAGE_SIZE + 5);
    store.setStatus(ids[1] as number, 'unsubscribed');
    const seen = queuedMessages(db, 1, (message) => {
      if (message.subscriberId === ids[0]) settle(db, 1, ids[QUEUE_PAGE_SIZE + 2] as number, 'sent', '250 OK', 1, now);
    }).map((message) => message.subscriberId);
    expect(seen).toEqual(ids.filter((id) => id !== ids[QUEUE_PAGE_SIZE + 2]));
    expect(queuedMessages(db, 1).find((m) => m.subscriberId === ids[1])).toMatchObject({ email: 'reader1@example.org', subscriberStatus: 'unsubscribed', edition: 1 });
  });

  it('moves a row forward once: a sent row stays sent', () => {
    const { db, ids } = queuedDigest(2);
    const ann = ids[0] as number;
    settle(db, 1, ann, 'sent', '250 OK', 1, now);
    settle(db, 1, ann, 'failed', '550 unknown', 1, now);
    settle(db, 1, ids[1] as number, 'skipped', 'unsubscribed', 0, now);
    expect(outboxCounts(db, 1)).toEqual({ queued: 0, sent: 1, failed: 0, skipped: 1 });
    expect(queuedCount(db, 1)).toBe(0);
  });

  it('keeps a deferred row queued from its first temporary failure, and fails it once email.retryFor has passed since then', () => {
    const { db, ids } = queuedDigest(2);
    const [ann, bob] = ids as [number, number];
    recordDeferral(db, 1, ann, 2, '451 try later', new Date(now.getTime() - 3 * DAY * 1000));
    recordDeferral(db, 1, ann, 1, '421 busy', new Date(now.getTime() - DAY * 1000));
    recordDeferral(db, 1, bob, 1, '451 greylisted', now);
    expect(waitingRows(db, now, 5 * DAY)).toEqual({ count: 2, retryUntil: new Date(now.getTime() + 5 * DAY * 1000), reasons: ['421 busy', '451 greylisted'] });

    expect(giveUpDeferred(db, now, 2 * DAY)).toEqual([{ digestNumber: 1, subscriberId: ann, reason: 'gave up after 3 tries over 3 days' }]);
    expect(outboxCounts(db, 1)).toMatchObject({ queued: 1, failed: 1 });
    expect(giveUpDeferred(db, now, 2 * DAY)).toEqual([]);
  });

  it('has nothing waiting once every row is settled', () => {
    const { db, ids } = queuedDigest(1);
    settle(db, 1, ids[0] as number, 'sent', '250 OK', 1, now);
    expect(waitingRows(db, now, DAY)).toBeUndefined();
  });
});
