import { describe, expect, it } from 'vitest';
import { complainedSince, countDeliveryEvents, deliveryEventsOf, hasOutboxRow, insertDeliveryEvent } from '../../src/store/deliveryEvents.js';
import { digestStats } from '../../src/store/digestStats.js';
import { subscriberHistory } from '../../src/store/subscriberHistory.js';
import { reportedDigest } from '../support/reportedDigest.js';

const at = (day: number) => new Date(Date.UTC(2026, 10, day, 8));

describe('delivery events (bounces, complaints, unsubscribes that came back)', () => {
  it('are stored once each: the same report again adds nothing', () => {
    const { db, row } = reportedDigest(['ann@example.org']);
    const event = { subscriberId: row('ann@example.org').subscriberId, digestNumber: 1, kind: 'soft-bounce' as const, source: 'dsn', receivedAt: at(26), diagnostic: '452 mailbox full' };
    expect(insertDeliveryEvent(db, 'report-1', event)).toBe(true);
    expect(insertDeliveryEvent(db, 'report-1', event)).toBe(false);
    expect(insertDeliveryEvent(db, 'report-2', { ...event, receivedAt: at(27), digestNumber: undefined })).toBe(true);
    expect(deliveryEventsOf(db, event.subscriberId)).toEqual([event, { ...event, receivedAt: at(27), digestNumber: undefined }]);
    expect(countDeliveryEvents(db, event.subscriberId, 'soft-bounce', at(27))).toBe(1);
  });

  it('hold a complaint against an address until it confirms again', () => {
    const { db, row } = reportedDigest(['ann@example.org']);
    const ann = row('ann@example.org').subscriberId;
    insertDeliveryEvent(db, 'arf-1', { subscriberId: ann, digestNumber: 1, kind: 'complaint', source: 'arf', receivedAt: at(26), diagnostic: 'abuse' });
    expect(complainedSince(db, ann, undefined)).toBe(true);
    expect(complainedSince(db, ann, at(25))).toBe(true);
    expect(complainedSince(db, ann, at(27))).toBe(false);
  });

  it("belong to a digest's outbox row, and count in its figures and the reader's history", () => {
    const { db, row } = reportedDigest(['ann@example.org', 'bob@example.org']);
    const ann = row('ann@example.org').subscriberId;
    expect(hasOutboxRow(db, 1, ann)).toBe(true);
    expect(hasOutboxRow(db, 2, ann)).toBe(false);
    insertDeliveryEvent(db, 'dsn-1', { subscriberId: ann, digestNumber: 1, kind: 'hard-bounce', source: 'dsn', receivedAt: at(26), diagnostic: '550 no such user' });
    expect(digestStats(db, 10)).toMatchObject([{ number: 1, subject: 'The Test Gazette: 3 new articles', queued: 2, sent: 0, hardBounces: 1, softBounces: 0, complaints: 0, unsubscribed: 0 }]);
    expect(subscriberHistory(db, ann).map((entry) => entry.what)).toEqual(['subscribed (test)', 'confirmed (latest)', 'digest 1: queued', 'hard-bounce by dsn, digest 1: 550 no such user']);
  });
});
