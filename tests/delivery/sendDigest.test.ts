import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createSmtpMailer } from '../../src/delivery/smtpMailer.js';
import { outboxCounts } from '../../src/delivery/outbox.js';
import type { SendDigestDependencies, SendReport } from '../../src/pipeline/sendDigest.js';
import { sendDigest } from '../../src/pipeline/sendDigest.js';
import type { Db } from '../../src/store/database.js';
import { openStateDatabase } from '../../src/app/stateDatabase.js';
import { acquireLease } from '../../src/store/lease.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import type { SubscriberStatus } from '../../src/subscribers/subscriberStore.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';
import { Subscriptions } from '../../src/subscribers/subscriptions.js';
import { makeProject, TEST_SECRET } from '../support/project.js';
import type { SinkBehaviour } from '../support/smtpSink.js';
import { startSmtpSink } from '../support/smtpSink.js';
import { confirmationMailFor } from '../support/templates.js';
import { verifyToken } from '../../src/subscribers/tokens.js';
import { simpleParser } from 'mailparser';

const now = () => new Date('2026-11-25T08:00:00Z');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup(behaviour: SinkBehaviour = {}, people: Record<string, SubscriberStatus> = {}) {
  const sink = await startSmtpSink(behaviour);
  const project = await makeProject({ smtpUrl: sink.url });
  const db: Db = openStateDatabase(project.config);
  cleanups.push(() => void db.close(), () => sink.close());
  const store = new SubscriberStore(db, now);
  for (const [email, status] of Object.entries(people)) {
    const { subscriber } = store.upsert(parseEmailAddress(email), 'confirmed', 'test');
    if (status !== 'confirmed') store.setStatus(subscriber.id, status);
  }
  const slept: number[] = [];
  const send = (dryRun = false, more: Pick<SendDigestDependencies, 'stop' | 'onProgress'> = { onProgress: () => {} }): Promise<SendReport> =>
    sendDigest(project.config, { db, createMailer: () => createSmtpMailer(project.config.email), now, sleep: async (ms) => void slept.push(ms), displayRoot: project.dir, ...more }, { dryRun });
  return { sink, project, db, store, send, slept };
}

const people = { 'ann@example.org': 'confirmed', 'bob@example.org': 'confirmed', 'cy@example.org': 'confirmed', 'pending@example.org': 'pending', 'left@example.org': 'unsubscribed', 'gone@example.org': 'bounced' } as const;

describe('sendDigest over SMTP', () => {
  it('sends each confirmed subscriber exactly one message, and nobody else any', async () => {
    const { sink, send } = await setup({}, people);
    const report = await send();
    expect(report).toMatchObject({ kind: 'sent', passes: [{ number: 1, complete: true, summary: { sent: 3, failed: 0, skipped: 0, deferred: 0 } }], waiting: undefined });
    expect(sink.recipients()).toEqual(['ann@example.org', 'bob@example.org', 'cy@example.org']);
    expect(await send()).toEqual({ kind: 'nothing-new' });
    expect(sink.received).toHaveLength(3);
  });

  it('carries both List-Unsubscribe headers, a unique Message-ID and a working one-click token', async () => {
    const { sink, send, store, project } = await setup({}, people);
    await send();
    const ids = new Set<string>();
    for (const mail of sink.received) {
      expect(mail.raw).toMatch(/^List-Unsubscribe:\s+<https:\/\/news\.example\.org\/unsubscribe\?token=[\w.-]+>,\s+<mailto:digest@news\.example\.org\?subject=unsubscribe>/m);
      expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
      expect(mail.raw).toMatch(/^Content-Type: multipart\/alternative/m);
      ids.add(/^Message-ID: (.+)\r$/m.exec(mail.raw)?.[1] ?? '');
    }
    expect(ids.size).toBe(3);
    const ann = sink.received.find((m) => m.to.includes('ann@example.org'))?.raw ?? '';
    const token = /unsubscribe\?token=([\w.-]+)>/.exec(ann)?.[1] as string;
    new Subscriptions({ store, outbox: { queue: () => undefined }, confirmationMail: await confirmationMailFor(project.config.site), site: project.config.site, offered: project.config.digest, secret: TEST_SECRET, now }).unsubscribe(token);
    expect(store.find(parseEmailAddress('ann@example.org'))?.status).toBe('unsubscribed');
    // "Manage your subscription" opens ann's own preferences page, in both parts of the mail.
    const parsed = await simpleParser(ann);
    const preferences = [...`${parsed.html || ''} ${parsed.text ?? ''}`.matchAll(/preferences\?token=([\w.-]+)/g)].map((m) => m[1] as string);
    expect(preferences.length).toBeGreaterThanOrEqual(2);
    for (const given of preferences) expect(verifyToken(given, 'preferences', TEST_SECRET, now()).subscriberId).toBe(store.find(parseEmailAddress('ann@example.org'))?.id);
  });

  it('loses no message when the server answers 421 and 451 for a while, then recovers', async () => {
    const { sink, send, slept } = await setup({ failNext: { count: 4, code: 421 } }, { 'ann@example.org': 'confirmed', 'bob@example.org': 'confirmed' });
    const report = await send();
    expect(report).toMatchObject({ passes: [{ complete: true, summary: { sent: 2, deferred: 0 } }] });
    expect(sink.recipients()).toEqual(['ann@example.org', 'bob@example.org']);
    expect(slept.length).toBeGreaterThan(0);
    const again = await setup({ failNext: { count: 2, code: 451 } }, { 'dee@example.org': 'confirmed' });
    expect(await again.send()).toMatchObject({ passes: [{ summary: { sent: 1 } }] });
    expect(again.sink.recipients()).toEqual(['dee@example.org']);
  });

  it('keeps a message queued while the server stays down, and the next run delivers it', async () => {
    const { sink, send, db } = await setup({ failNext: { count: 5, code: 451 } }, { 'ann@example.org': 'confirmed' });
    expect(await send()).toMatchObject({ kind: 'sent', passes: [{ complete: false, summary: { deferred: 1 } }], waiting: { count: 1 } });
    expect(outboxCounts(db, 1)).toMatchObject({ queued: 1 });
    expect(await send()).toMatchObject({ kind: 'sent', passes: [{ number: 1, resumed: true, complete: true, summary: { sent: 1 } }], newDigest: 'nothing-new' });
    expect(sink.recipients()).toEqual(['ann@example.org']);
  });

  it('stops between messages when asked (a service shutting down), and the next run sends only the rest', async () => {
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`reader${i}@example.org`, 'confirmed' as const]));
    const { sink, send, db } = await setup({}, many);
    const stop = new AbortController();
    const stopped = await send(false, { stop: stop.signal, onProgress: () => stop.abort() });
    expect(stopped).toMatchObject({ kind: 'sent', passes: [{ complete: false, summary: { failed: 0, deferred: 0 } }] });
    const delivered = sink.received.length;
    expect(delivered).toBeLessThan(12);
    expect(outboxCounts(db, 1)).toMatchObject({ sent: delivered, queued: 12 - delivered });

    expect(await send()).toMatchObject({ passes: [{ resumed: true, complete: true, summary: { sent: 12 - delivered } }] });
    expect(sink.recipients()).toEqual(Object.keys(many).sort());
  });

  it('ends a retry wait at once when told to stop, leaving the message queued for the next run', async () => {
    const { sink, project, db } = await setup({ failNext: { count: 100, code: 421 } }, { 'ann@example.org': 'confirmed' });
    const stop = new AbortController();
    // The stop arrives during the wait; a wait that ignored the signal would never end.
    const sleep = (_ms: number, signal?: AbortSignal) =>
      new Promise<void>((resolve) => {
        signal?.addEventListener('abort', () => resolve());
        stop.abort();
      });
    const report = await sendDigest(project.config, { db, createMailer: () => createSmtpMailer(project.config.email), now, sleep, displayRoot: project.dir, stop: stop.signal, onProgress: () => {} }, { dryRun: false });
    expect(report).toMatchObject({ kind: 'sent', passes: [{ complete: false, summary: { sent: 0, failed: 0, deferred: 1 } }] });
    expect(outboxCounts(db, 1)).toMatchObject({ queued: 1 });
    expect(sink.received).toHaveLength(0);
  });

  it('refuses to send while another process is sending from the same state folder, and sends nothing', async () => {
    const { sink, send, project } = await setup({}, people);
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    cleanups.push(() => void other.kill());
    const second = openStateDatabase(project.config);
    cleanups.push(() => void second.close());
    acquireLease(second, 'digest-send', now(), other.pid as number);
    await expect(send()).rejects.toThrow(/another broadsheet process \(pid \d+\) is sending a digest/);
    expect(sink.received).toHaveLength(0);
  });

  it('marks a 550 as failed and the address as bounced, and still delivers the rest', async () => {
    const { sink, send, store } = await setup({ reject: ['bob@example.org'] }, people);
    const report = await send();
    expect(report).toMatchObject({ passes: [{ complete: true, summary: { sent: 2, failed: 1 } }] });
    expect(sink.recipients()).toEqual(['ann@example.org', 'cy@example.org']);
    expect(store.find(parseEmailAddress('bob@example.org'))).toMatchObject({ status: 'bounced', bounceCount: 1 });
  });

  it('stops without marking anyone when the server refuses the sender, and leaves every message queued', async () => {
    const { sink, send, store, db } = await setup({ rejectSender: true }, people);
    await expect(send()).rejects.toThrow(/refused to send at all/);
    expect(sink.received).toHaveLength(0);
    expect(store.list('bounced').map((s) => s.email)).toEqual(['gone@example.org']);
    expect(outboxCounts(db, 1)).toMatchObject({ queued: 3, failed: 0 });
    sink.behaviour.rejectSender = false;
    expect(await send()).toMatchObject({ passes: [{ resumed: true, complete: true, summary: { sent: 3 } }] });
  });

  it('publishes the sent digest in the web archive', async () => {
    const { send, project } = await setup({}, people);
    const report = await send();
    expect(report).toMatchObject({ archiveFiles: ['archive/1/index.html', 'archive/index.html'] });
    const { readFile } = await import('node:fs/promises');
    const page = await readFile(`${project.config.paths.out}/archive/1/index.html`, 'utf8');
    expect(page).toContain('href="https://news.example.org/unsubscribe"');
    expect(page).not.toContain('token=');
  });

  it('sends and records nothing on a dry run', async () => {
    const { sink, send, db } = await setup({}, people);
    expect(await send(true)).toEqual({ kind: 'dry-run', waiting: 0, digest: { subject: 'The Test Gazette: 6 new articles', articles: 6, recipients: 3, editions: 1 } });
    expect(sink.received).toHaveLength(0);
    expect(db.prepare('SELECT COUNT(*) FROM digests').pluck().get()).toBe(0);
  });

  it('sends nothing and records nothing without confirmed subscribers', async () => {
    const { send, db } = await setup({}, { 'pending@example.org': 'pending' });
    expect(await send()).toEqual({ kind: 'no-subscribers' });
    expect(db.prepare('SELECT COUNT(*) FROM digests').pluck().get()).toBe(0);
  });
});
