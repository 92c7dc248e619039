import { describe, expect, it } from 'vitest';
import { WebSubSubscriptions } from '../../src/store/websubSubscriptions.js';
import { openTempDatabase } from '../support/database.js';

const ATOM = 'https://news.example.org/atom.xml';
const JSON_FEED = 'https://news.example.org/feed.json';
const READER = 'https://reader.example.net/push/1';
const OTHER = 'https://other.example.net/hook';
const MINUTE = 60_000;

/** The built-in hub's state over a clock the test moves. */
function hubState() {
  const clock = { now: new Date('2026-11-02T08:00:00Z') };
  const subscriptions = new WebSubSubscriptions(openTempDatabase(), () => clock.now);
  const later = (ms: number) => (clock.now = new Date(clock.now.getTime() + ms));
  return { subscriptions, later };
}

describe("the built-in WebSub hub's subscriptions", () => {
  it('queue a delivery of a changed topic to each of its live subscribers, with their secret', () => {
    const { subscriptions } = hubState();
    subscriptions.subscribe({ topic: ATOM, callback: READER, secret: 's3cret' }, 3600);
    subscriptions.subscribe({ topic: ATOM, callback: OTHER, secret: undefined }, 3600);
    subscriptions.subscribe({ topic: JSON_FEED, callback: READER, secret: undefined }, 3600);
    subscriptions.queue([ATOM]);
    expect(subscriptions.due()).toEqual([
      { topic: ATOM, callback: OTHER, secret: undefined, attempts: 0 },
      { topic: ATOM, callback: READER, secret: 's3cret', attempts: 0 },
    ]);
    subscriptions.delivered(ATOM, OTHER);
    expect(subscriptions.due().map((d) => d.callback)).toEqual([READER]);
  });

  it('renew a lease with a new subscribe, and drop a subscription, with its delivery, when its lease ends or it leaves', () => {
    const { subscriptions, later } = hubState();
    subscriptions.subscribe({ topic: ATOM, callback: READER, secret: undefined }, 60);
    subscriptions.subscribe({ topic: ATOM, callback: OTHER, secret: undefined }, 60);
    later(30_000);
    subscriptions.subscribe({ topic: ATOM, callback: READER, secret: 'new' }, 3600);
    subscriptions.queue([ATOM]);
    later(40_000);
    expect(subscriptions.due().map((d) => [d.callback, d.secret])).toEqual([[READER, 'new']]);
    expect(subscriptions.expire()).toBe(1);
    subscriptions.unsubscribe(ATOM, READER);
    expect(subscriptions.due()).toEqual([]);
  });

  it('retry a failed delivery after the backoff; a newer change starts it over; after a day it is dropped', () => {
    const { subscriptions, later } = hubState();
    subscriptions.subscribe({ topic: ATOM, callback: READER, secret: undefined }, 10 * 24 * 3600);
    subscriptions.queue([ATOM]);
    subscriptions.failed(ATOM, READER, '503 Service Unavailable');
    expect(subscriptions.due()).toEqual([]);
    later(MINUTE);
    expect(subscriptions.due()).toMatchObject([{ attempts: 1 }]);
    subscriptions.failed(ATOM, READER, '503 Service Unavailable');
    subscriptions.queue([ATOM]);
    expect(subscriptions.due()).toMatchObject([{ attempts: 0 }]);
    later(24 * 60 * MINUTE + 1);
    expect(subscriptions.due()).toEqual([]);
  });
});
