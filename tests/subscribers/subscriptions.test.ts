import { afterEach, describe, expect, it } from 'vitest';
import { subscriptionsFor } from '../../src/app.js';
import { createSmtpMailer } from '../../src/delivery/smtpMailer.js';
import { silentLogger } from '../../src/log/logger.js';
import { openTempDatabase } from '../support/database.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';
import { unsubscribeToken } from '../../src/subscribers/subscriptions.js';
import { makeProject, TEST_SECRET } from '../support/project.js';
import { startSmtpSink } from '../support/smtpSink.js';
import { confirmationMailFor } from '../support/templates.js';

let clock = new Date('2026-11-25T08:00:00Z');
const now = () => clock;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup() {
  clock = new Date('2026-11-25T08:00:00Z');
  const sink = await startSmtpSink();
  const { config } = await makeProject({ smtpUrl: sink.url });
  const mailer = await createSmtpMailer(config.email);
  const db = openTempDatabase();
  const store = new SubscriberStore(db, now);
  const { subscriptions, confirmations } = subscriptionsFor(config, { db, mailer, secret: TEST_SECRET, logger: silentLogger, now, confirmationMail: await confirmationMailFor(config.site) });
  cleanups.push(() => confirmations.stop(), () => mailer.close(), () => sink.close());
  const confirmLink = (index: number) => /https:\/\/news\.example\.org\/confirm\?token=([\w.-]+)/.exec(sink.received[index]?.raw.replace(/=\r\n/g, '').replace(/=3D/g, '=') ?? '')?.[1] as string;
  /** The mails are sent in the background: wait until `count` have arrived. */
  const mails = (count: number) => expect.poll(() => sink.received.length).toBe(count);
  return { sink, store, subscriptions, confirmLink, mails, db };
}

describe('double opt-in', () => {
  it('makes a new address pending and mails it a signed link that confirms it', async () => {
    const { sink, store, subscriptions, confirmLink, mails } = await setup();
    subscriptions.subscribe('Reader@Example.org', 'web');
    expect(store.find(parseEmailAddress('reader@example.org'))?.status).toBe('pending');
    await mails(1);
    expect(sink.recipients()).toEqual(['Reader@example.org']);
    expect(sink.received[0]?.raw).toMatch(/^Subject: Confirm your subscription to The Test Gazette\r$/m);
    expect(subscriptions.confirm(confirmLink(0))).toEqual({ kind: 'confirmed' });
    expect(store.find(parseEmailAddress('READER@example.org'))?.status).toBe('confirmed');
  });

  it('refuses a confirmation link after a week', async () => {
    const { subscriptions, confirmLink, mails } = await setup();
    subscriptions.subscribe('late@example.org', 'web');
    await mails(1);
    clock = new Date('2026-12-03T08:00:00Z');
    expect(() => subscriptions.confirm(confirmLink(0))).toThrow(/expired/);
  });

  it('does not mail a confirmed subscriber again', async () => {
    const { sink, subscriptions, confirmLink, mails } = await setup();
    subscriptions.subscribe('ann@example.org', 'web');
    await mails(1);
    subscriptions.confirm(confirmLink(0));
    expect(subscriptions.subscribe('ann@example.org', 'web')).toBeUndefined();
    subscriptions.subscribe('bo@example.org', 'web');
    await mails(2);
    expect(sink.recipients()).toEqual(['ann@example.org', 'bo@example.org']);
  });

  it('sends someone who left and comes back through confirmation again', async () => {
    const { sink, store, subscriptions, confirmLink, mails } = await setup();
    subscriptions.subscribe('bo@example.org', 'web');
    await mails(1);
    subscriptions.confirm(confirmLink(0));
    const id = store.find(parseEmailAddress('bo@example.org'))?.id as number;
    subscriptions.unsubscribe(unsubscribeToken(id, TEST_SECRET));
    expect(store.get(id)?.status).toBe('unsubscribed');
    subscriptions.subscribe('bo@example.org', 'web');
    expect(store.get(id)?.status).toBe('pending');
    await mails(2);
    expect(sink.received).toHaveLength(2);
    expect(store.list()).toHaveLength(1);
  });

  it('says when a replayed confirmation link’s address left, and leaves it unsubscribed', async () => {
    const { store, subscriptions, confirmLink, mails } = await setup();
    subscriptions.subscribe('cy@example.org', 'web');
    await mails(1);
    const link = confirmLink(0);
    subscriptions.confirm(link);
    const id = store.find(parseEmailAddress('cy@example.org'))?.id as number;
    clock = new Date('2026-11-27T10:00:00Z');
    subscriptions.unsubscribe(unsubscribeToken(id, TEST_SECRET));
    expect(subscriptions.confirm(link)).toEqual({ kind: 'left', email: 'cy@example.org', status: 'unsubscribed', since: new Date('2026-11-27T10:00:00Z') });
    expect(store.get(id)?.status).toBe('unsubscribed');
  });

  it('mails one address at most subscribe.perAddressPerDay (3) times in 24 hours, however many ask', async () => {
    const { sink, subscriptions, mails } = await setup();
    const queued = Array.from({ length: 5 }, (_, i) => subscriptions.subscribe('victim@example.org', i % 2 === 0 ? 'web' : 'cli'));
    expect(queued.map((id) => id !== undefined)).toEqual([true, true, true, false, false]);
    await mails(3);
    clock = new Date('2026-11-26T08:00:01Z');
    expect(subscriptions.subscribe('victim@example.org', 'web')).toBeDefined();
    await mails(4);
    expect(sink.recipients()).toEqual(Array(4).fill('victim@example.org'));
  });

  it('refuses a forged token', async () => {
    const { subscriptions } = await setup();
    expect(() => subscriptions.unsubscribe(unsubscribeToken(1, 'not-the-secret'))).toThrow(/not valid/);
    expect(() => subscriptions.confirm('eyJmb3JnZWQiOnRydWV9.c2lnbmF0dXJl')).toThrow(/not valid/);
  });
});
