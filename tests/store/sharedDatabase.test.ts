import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfirmationQueue } from '../../src/delivery/confirmationQueue.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';
import { sharedTempDatabase } from '../support/database.js';
import { runWithDatabase, startTogether } from '../support/databaseProcess.js';

const now = () => new Date('2026-11-25T08:00:00Z');

/** `body` in `count` processes at once on the database at `address`: what each printed, parsed as JSON. */
async function inProcesses<T>(address: string, count: number, body: string): Promise<T[]> {
  const together = startTogether(mkdtempSync(join(tmpdir(), 'broadsheet-together-')), count);
  const outputs = await Promise.all(Array.from({ length: count }, () => runWithDatabase(address, `${together}\n${body}`)));
  return outputs.map((output) => JSON.parse(output) as T);
}

describe('one state database shared by several processes', () => {
  it("sees another connection's writes once committed, and none of a transaction still open", () => {
    const shared = sharedTempDatabase();
    const [one, other] = [shared.connect(), shared.connect()];
    const [writer, reader] = [new SubscriberStore(one, now), new SubscriberStore(other, now)];
    const address = parseEmailAddress('ann@example.org');
    one.transaction(() => {
      writer.upsert(address, 'pending', 'web');
      expect(reader.find(address)).toBeUndefined();
    })();
    expect(reader.find(address)).toMatchObject({ email: 'ann@example.org', status: 'pending' });
    reader.setStatus((reader.find(address) as { id: number }).id, 'confirmed');
    expect(writer.find(address)?.status).toBe('confirmed');
    one.close();
    other.close();
  });

  it('gives each confirmation mail to exactly one of two processes claiming them at once', async () => {
    const shared = sharedTempDatabase();
    const db = shared.connect();
    const reader = new SubscriberStore(db, now).upsert(parseEmailAddress('new@example.org'), 'pending', 'web').subscriber;
    const queue = new ConfirmationQueue(db, now, 1000);
    const mail = { to: reader.email, subject: 'Confirm', text: 'x', html: 'x', expiresAt: new Date('2026-12-01T00:00:00Z') };
    const ids = Array.from({ length: 200 }, () => queue.queue(reader.id, mail) as number);
    db.close();
    const claimed = await inProcesses<number[]>(
      shared.address,
      2,
      `const { ConfirmationQueue } = await import(dist + '/delivery/confirmationQueue.js');
       const queue = new ConfirmationQueue(db, () => new Date('2026-11-25T08:00:00Z'), 1000);
       console.log(JSON.stringify(queue.queued().filter((mail) => queue.claim(mail.id)).map((mail) => mail.id)));`,
    );
    expect(claimed.flat().sort((a, b) => a - b)).toEqual(ids);
  });

  it('adds an address once when two processes subscribe it at once (two `serve`s behind a load balancer), and neither fails', async () => {
    const shared = sharedTempDatabase();
    const ids = await inProcesses<number[]>(
      shared.address,
      2,
      `const { SubscriberStore } = await import(dist + '/subscribers/subscriberStore.js');
       const { parseEmailAddress } = await import(dist + '/subscribers/address.js');
       const store = new SubscriberStore(db, () => new Date('2026-11-25T08:00:00Z'));
       const ids = [];
       for (let i = 0; i < 40; i++) ids.push(store.upsert(parseEmailAddress('reader' + i + '@example.org'), 'pending', 'web').subscriber.id);
       console.log(JSON.stringify(ids));`,
    );
    expect(ids[0]).toEqual(ids[1]);
    expect(new SubscriberStore(shared.connect(), now).list()).toHaveLength(40);
  });

  it('runs one transaction at a time: two processes taking from one sending allowance never exceed it', async () => {
    const shared = sharedTempDatabase();
    const taken = await inProcesses<number>(
      shared.address,
      2,
      `const { sendAllowance } = await import(dist + '/delivery/sendAllowance.js');
       const allowance = sendAllowance(db, { hourlyLimit: 100, dailyLimit: 0 });
       let taken = 0;
       for (let i = 0; i < 80; i++) if (allowance.take(new Date('2026-11-25T08:00:00Z'), 'digest') === undefined) taken++;
       console.log(taken);`,
    );
    expect(taken.reduce((sum, n) => sum + n, 0)).toBe(100);
  });
});
