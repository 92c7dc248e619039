import { describe, expect, it } from 'vitest';
import { ConfirmationQueue } from '../../src/delivery/confirmationQueue.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';
import { openTempDatabase } from '../support/database.js';

const HOUR = 3600 * 1000;

/** A queue with at most 2 mails an address a day, over a clock the test moves, and one pending reader. */
function confirmations() {
  const clock = { now: new Date('2026-11-25T08:00:00Z') };
  const db = openTempDatabase();
  const reader = new SubscriberStore(db, () => clock.now).upsert(parseEmailAddress('new@example.org'), 'pending', 'web').subscriber;
  let woken = 0;
  const queue = new ConfirmationQueue(db, () => clock.now, 2, () => woken++);
  const mail = () => ({ to: reader.email, subject: 'Confirm', text: 'Confirm: https://x', html: '<a href="https://x">Confirm</a>', expiresAt: new Date(clock.now.getTime() + 7 * 24 * HOUR) });
  return { db, clock, reader, queue, mail, woken: () => woken };
}

describe('the confirmation queue', () => {
  it('queues at most subscribe.perAddressPerDay mails for one address in any 24 hours, and wakes the sender for each', () => {
    const { clock, reader, queue, mail, woken } = confirmations();
    const first = queue.queue(reader.id, mail());
    expect(first).toBeTypeOf('number');
    expect(queue.queue(reader.id, mail())).toBeTypeOf('number');
    expect(queue.queue(reader.id, mail())).toBeUndefined();
    expect(woken()).toBe(2);
    clock.now = new Date(clock.now.getTime() + 24 * HOUR + 1);
    expect(queue.queue(reader.id, mail())).toBeTypeOf('number');
    expect(queue.queued().map((m) => m.id)[0]).toBe(first);
  });

  it('gives each queued mail to one sender: a claimed one is not queued for another until its claim runs out', () => {
    const { clock, reader, queue, mail } = confirmations();
    const id = queue.queue(reader.id, mail()) as number;
    expect(queue.queued(id)).toMatchObject([{ id, subscriberId: reader.id, to: 'new@example.org', subject: 'Confirm', html: '<a href="https://x">Confirm</a>' }]);
    expect(queue.claim(id)).toBe(true);
    expect(queue.claim(id)).toBe(false);
    expect(queue.queued()).toEqual([]);
    clock.now = new Date(clock.now.getTime() + HOUR);
    expect(queue.queued().map((m) => m.id)).toEqual([id]);
    expect(queue.claim(id)).toBe(true);
  });

  it('keeps a mail whose try failed for now, and forgets one sent or given up', () => {
    const { reader, queue, mail } = confirmations();
    const [sent, failed, later] = [queue.queue(reader.id, mail()), queue.queue(reader.id, mail())] as number[];
    queue.claim(sent as number);
    queue.settle(sent as number, 'sent', '250 OK');
    queue.claim(failed as number);
    queue.release(failed as number, '451 try later', true);
    expect(later).toBeUndefined();
    expect(queue.queued().map((m) => m.id)).toEqual([failed]);
    queue.settle(failed as number, 'failed', '550 no such user');
    expect(queue.queued()).toEqual([]);
    expect(queue.claim(failed as number)).toBe(false);
  });
});
