import { describe, expect, it } from 'vitest';
import { openTempDatabase } from '../support/database.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';

describe('SubscriberStore.upsert', () => {
  it('never lets a publisher confirm someone who left or bounced; a new subscription of theirs starts pending', () => {
    const store = new SubscriberStore(openTempDatabase(), () => new Date('2026-11-25T00:00:00Z'));
    const address = parseEmailAddress('left@example.org');
    const { subscriber } = store.upsert(address, 'confirmed', 'import');
    store.setStatus(subscriber.id, 'unsubscribed');
    expect(store.upsert(address, 'confirmed', 'import')).toMatchObject({ changed: false, subscriber: { status: 'unsubscribed' } });
    expect(store.upsert(address, 'pending', 'web')).toMatchObject({ changed: true, subscriber: { status: 'pending' } });
    expect(store.upsert(address, 'confirmed', 'cli')).toMatchObject({ changed: true, subscriber: { status: 'confirmed' } });
  });
});

describe('bounces', () => {
  it('marks an address bounced after `bounceAfter` failures in a row; a delivered message starts the count again', () => {
    const store = new SubscriberStore(openTempDatabase(), () => new Date('2026-11-25T00:00:00Z'));
    const { subscriber } = store.upsert(parseEmailAddress('full@example.org'), 'confirmed', 'test');
    store.recordBounce(subscriber.id, 2);
    store.clearBounces(subscriber.id);
    store.recordBounce(subscriber.id, 2);
    expect(store.get(subscriber.id)).toMatchObject({ status: 'confirmed', bounceCount: 1 });
    store.recordBounce(subscriber.id, 2);
    expect(store.get(subscriber.id)).toMatchObject({ status: 'bounced', bounceCount: 2 });
  });
});
