import { afterEach, describe, expect, it } from 'vitest';
import { createSmtpMailer } from '../../src/delivery/smtpMailer.js';
import { sendDigest } from '../../src/pipeline/sendDigest.js';
import { openDatabase } from '../../src/store/database.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';
import { makeProject } from '../support/project.js';
import { startSmtpSink } from '../support/smtpSink.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function project(smtpUrl: string, email: Record<string, unknown> = {}) {
  const made = await makeProject({ smtpUrl, email });
  const db = openDatabase(made.config.paths.stateDir);
  cleanups.push(() => db.close());
  const store = new SubscriberStore(db, () => new Date());
  for (const address of ['ann@example.org', 'bob@example.org']) store.upsert(parseEmailAddress(address), 'confirmed', 'test');
  const send = () => sendDigest(made.config, { db, createMailer: () => createSmtpMailer(made.config.email), now: () => new Date(), sleep: async () => {}, displayRoot: made.dir, onProgress: () => {} }, { dryRun: false });
  return { ...made, db, send };
}

describe('an SMTP server that stalls', () => {
  it('defers the messages after email.timeout instead of hanging, and the next run delivers them', async () => {
    const sink = await startSmtpSink({ stallGreeting: true });
    cleanups.push(() => sink.close());
    const { send } = await project(sink.url, { timeout: 1 });
    // nodemailer's own timeouts (minutes) would outlast the test's.
    const stalled = await send();
    expect(stalled).toMatchObject({ kind: 'sent', passes: [{ complete: false, summary: { sent: 0, deferred: 2 } }], waiting: { count: 2 } });
    expect(stalled.kind === 'sent' ? stalled.waiting?.reasons : undefined).toEqual([expect.stringMatching(/^no answer from 127\.0\.0\.1:\d+ within 1 s \(email\.timeout\)/)]);
    sink.behaviour.stallGreeting = false;
    expect(await send()).toMatchObject({ passes: [{ resumed: true, complete: true, summary: { sent: 2 } }] });
    expect(sink.recipients()).toEqual(['ann@example.org', 'bob@example.org']);
  });
});
