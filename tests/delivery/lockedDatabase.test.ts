import { afterEach, describe, expect, it } from 'vitest';
import { createSmtpMailer } from '../../src/delivery/smtpMailer.js';
import { sleep } from '../../src/io/sleep.js';
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

describe('a state database locked by another process mid-send', () => {
  it('holds the send until the last result is recorded, however long it takes, and mails nobody twice', async () => {
    const sink = await startSmtpSink();
    const project = await makeProject({ smtpUrl: sink.url, email: { maxConnections: 1 } });
    const db = openDatabase(project.config.paths.stateDir);
    // SQLite's own wait (busy_timeout, seconds in production) made short, so the lock outlasts it at once.
    db.pragma('busy_timeout = 20');
    const other = openDatabase(project.config.paths.stateDir);
    cleanups.push(() => db.close(), () => other.close(), () => sink.close());
    const readers = ['ann@example.org', 'bob@example.org', 'cy@example.org', 'dee@example.org'];
    const store = new SubscriberStore(db, () => new Date());
    for (const email of readers) store.upsert(parseEmailAddress(email), 'confirmed', 'test');

    // The other process takes the write lock just as the server accepts the second message, and keeps it a while.
    let acceptedWhileLocked: number | undefined;
    sink.behaviour.onAccepted = () => {
      if (sink.received.length !== 2) return;
      other.exec('BEGIN IMMEDIATE');
      setTimeout(() => {
        acceptedWhileLocked = sink.received.length - 2;
        other.exec('COMMIT');
      }, 1500);
    };
    const waits: number[] = [];
    const send = () =>
      sendDigest(project.config, { db, createMailer: () => createSmtpMailer(project.config.email), now: () => new Date(), sleep, displayRoot: project.dir, onProgress: () => {}, onDatabaseLocked: (ms) => waits.push(ms) }, { dryRun: false });
    expect(await send()).toMatchObject({ kind: 'sent', passes: [{ complete: true, summary: { sent: 4, deferred: 0 } }] });
    expect(waits.length).toBeGreaterThan(0);
    expect(acceptedWhileLocked).toBe(0);
    expect(sink.recipients()).toEqual(readers);
    expect(await send()).toEqual({ kind: 'nothing-new' });
    expect(sink.received).toHaveLength(4);
  });
});
