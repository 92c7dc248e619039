import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../../src/store/database.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';

describe('SubscriberStore.upsert', () => {
  it('never lets a publisher confirm someone who left or bounced; a new subscription of theirs starts pending', () => {
    const store = new SubscriberStore(openMemoryDatabase(), () => new Date('2026-11-25T00:00:00Z'));
    const address = parseEmailAddress('left@example.org');
    const { subscriber } = store.upsert(address, 'confirmed', 'import');
    store.setStatus(subscriber.id, 'unsubscribed');
    expect(store.upsert(address, 'confirmed', 'import')).toMatchObject({ changed: false, subscriber: { status: 'unsubscribed' } });
    expect(store.upsert(address, 'pending', 'web')).toMatchObject({ changed: true, subscriber: { status: 'pending' } });
    expect(store.upsert(address, 'confirmed', 'cli')).toMatchObject({ changed: true, subscriber: { status: 'confirmed' } });
  });
});
