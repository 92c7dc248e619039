import { enqueue } from '../../src/delivery/outbox.js';
import { InboundReports } from '../../src/inbound/inboundReports.js';
import { silentLogger } from '../../src/log/logger.js';
import { openTempDatabase } from './database.js';
import { recordDigest } from '../../src/store/digestLog.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';
import { testVerp } from './reportMails.js';

/**
 * A state database where digest 1 went to `people` (all confirmed), and the inbound handling over it,
 * with a clock the test moves.
 */
export function reportedDigest(people: readonly string[], email = { softBounceLimit: 3, softBounceWindow: 15 * 24 * 3600 }) {
  const clock = { now: new Date('2026-11-25T08:00:00Z') };
  const now = () => clock.now;
  const db = openTempDatabase();
  const store = new SubscriberStore(db, now);
  const rows = people.map((email) => {
    const { subscriber } = store.upsert(parseEmailAddress(email), 'confirmed', 'test');
    return { digestNumber: 1, subscriberId: subscriber.id, recipient: subscriber.email };
  });
  recordDigest(db, { number: 1, createdAt: clock.now, frequency: 'default', editions: [{ edition: 1, subject: 'The Test Gazette: 3 new articles', html: '<p>x</p>', text: 'x', articles: [] }] });
  enqueue(db, 1, rows.map((r) => ({ subscriberId: r.subscriberId, messageId: `<digest-1.subscriber-${r.subscriberId}@news.example.org>`, edition: 1 })), clock.now);
  const inbound = new InboundReports({ db, email, now }, testVerp(), silentLogger);
  const statusOf = (email: string) => store.find(parseEmailAddress(email))?.status;
  return { db, store, rows, inbound, clock, statusOf, row: (email: string) => rows.find((r) => r.recipient === email) as (typeof rows)[number] };
}
