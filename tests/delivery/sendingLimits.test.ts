import { afterEach, describe, expect, it } from 'vitest';
import { ConfirmationQueue } from '../../src/delivery/confirmationQueue.js';
import { sendConfirmations } from '../../src/delivery/confirmationSender.js';
import { sendAllowance } from '../../src/delivery/sendAllowance.js';
import type { Mailer } from '../../src/delivery/smtpMailer.js';
import { createSmtpMailer } from '../../src/delivery/smtpMailer.js';
import { sendDigest } from '../../src/pipeline/sendDigest.js';
import { openStateDatabase } from '../../src/app/stateDatabase.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';
import { makeProject } from '../support/project.js';
import { startSmtpSink } from '../support/smtpSink.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('email.hourlyLimit and email.dailyLimit', () => {
  it('send a digest larger than the allowance as the rolling windows allow, exactly once each, confirmations included', async () => {
    const sink = await startSmtpSink();
    const project = await makeProject({ smtpUrl: sink.url, email: { hourlyLimit: 2, dailyLimit: 5, maxConnections: 1 } });
    const db = openStateDatabase(project.config);
    cleanups.push(() => db.close(), () => sink.close());
    // A clock that the waits move (several workers wait side by side): a sleep of an hour, without the hour.
    let clock = Date.parse('2026-11-25T08:00:00Z');
    const now = () => new Date(clock);
    const store = new SubscriberStore(db, now);
    for (const name of ['ann', 'bob', 'cy', 'dee', 'eve', 'fay']) store.upsert(parseEmailAddress(`${name}@example.org`), 'confirmed', 'test');
    const mailer = await createSmtpMailer(project.config.email);
    cleanups.unshift(() => mailer.close());
    const queue = new ConfirmationQueue(db, now, 3);
    queue.queue(store.upsert(parseEmailAddress('new@example.org'), 'pending', 'web').subscriber.id, { to: 'new@example.org', subject: 'Confirm', text: 'x', html: '<p>x</p>', expiresAt: new Date('2026-12-01T00:00:00Z') });
    expect(await sendConfirmations(queue, mailer, project.config.email, { now, allowance: sendAllowance(db, project.config.email) })).toMatchObject({ sent: 1 });
    const sentAt: number[] = [];
    const report = await sendDigest(
      project.config,
      {
        db,
        createMailer: () => createSmtpMailer(project.config.email),
        now,
        sleep: async (ms) => {
          const until = clock + ms;
          await Promise.resolve();
          clock = Math.max(clock, until);
        },
        displayRoot: project.dir,
        onProgress: (p) => void (p.outcome === 'sent' && sentAt.push(clock)),
      },
      { dryRun: false },
    );
    expect(report).toMatchObject({ kind: 'sent', passes: [{ complete: true, summary: { sent: 6 } }] });
    expect(sink.recipients()).toEqual(['ann@example.org', 'bob@example.org', 'cy@example.org', 'dee@example.org', 'eve@example.org', 'fay@example.org', 'new@example.org']);
    // The confirmation took one of the first hour's two; the sixth digest waited for the first day to pass.
    const hours = sentAt.map((t) => (t - Date.parse('2026-11-25T08:00:00Z')) / 3_600_000);
    expect(hours.map(Math.floor)).toEqual([0, 1, 1, 2, 24, 24]);
    const times = [Date.parse('2026-11-25T08:00:00Z'), ...sentAt];
    for (const t of times) expect(times.filter((u) => u > t - 3_600_000 && u <= t).length).toBeLessThanOrEqual(2);
    for (const t of times) expect(times.filter((u) => u > t - 86_400_000 && u <= t).length).toBeLessThanOrEqual(5);
  });

  it('keep a confirmation mail queued while the allowance is spent, saying until when', async () => {
    const project = await makeProject({ email: { hourlyLimit: 1 } });
    const db = openStateDatabase(project.config);
    cleanups.push(() => db.close());
    const sent: string[] = [];
    const mailer: Mailer = {
      send: async (m) => {
        sent.push(String(m.to));
        return { response: '250 OK' };
      },
      close: () => {},
    };
    let clock = new Date('2026-11-25T08:00:00Z');
    const now = () => clock;
    const store = new SubscriberStore(db, now);
    const queue = new ConfirmationQueue(db, now, 3);
    for (const to of ['a@example.org', 'b@example.org']) queue.queue(store.upsert(parseEmailAddress(to), 'pending', 'web').subscriber.id, { to, subject: 's', text: 't', html: 'h', expiresAt: new Date('2026-12-01T00:00:00Z') });
    const send = () => sendConfirmations(queue, mailer, project.config.email, { now, allowance: sendAllowance(db, project.config.email) });
    expect(await send()).toEqual({ sent: 1, failed: [], waiting: { reason: 'the sending limit (email.hourlyLimit / email.dailyLimit) is reached until 2026-11-25T09:00:00.000Z', until: new Date('2026-11-25T09:00:00.000Z') } });
    expect(sent).toEqual(['a@example.org']);
    clock = new Date('2026-11-25T09:00:01Z');
    expect(await send()).toMatchObject({ sent: 1, waiting: undefined });
    expect(sent).toEqual(['a@example.org', 'b@example.org']);
  });
});
