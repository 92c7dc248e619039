import { afterEach, describe, expect, it } from 'vitest';
import { confirmationSender } from '../../src/delivery/confirmationSender.js';
import { createSmtpMailer } from '../../src/delivery/smtpMailer.js';
import { openTempDatabase } from '../support/database.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';
import { Subscriptions, unsubscribeToken } from '../../src/subscribers/subscriptions.js';
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
  const store = new SubscriberStore(openTempDatabase(), now);
  cleanups.push(() => mailer.close(), () => sink.close());
  const subscriptions = new Subscriptions({ store, mailer: confirmationSender(mailer, config.email, now), confirmationMail: await confirmationMailFor(config.site), site: config.site, secret: TEST_SECRET, now });
  const confirmLink = (index: number) => /https:\/\/news\.example\.org\/confirm\?token=([\w.-]+)/.exec(sink.received[index]?.raw.replace(/=\r\n/g, '').replace(/=3D/g, '=') ?? '')?.[1] as string;
  return { sink, store, subscriptions, confirmLink };
}

describe('double opt-in', () => {
  it('makes a new address pending and mails it a signed link that confirms it', async () => {
    const { sink, store, subscriptions, confirmLink } = await setup();
    await subscriptions.subscribe('Reader@Example.org', 'web');
    expect(store.find(parseEmailAddress('reader@example.org'))?.status).toBe('pending');
    expect(sink.recipients()).toEqual(['Reader@example.org']);
    expect(sink.received[0]?.raw).toMatch(/^Subject: Confirm your subscription to The Test Gazette\r$/m);
    subscriptions.confirm(confirmLink(0));
    expect(store.find(parseEmailAddress('READER@example.org'))?.status).toBe('confirmed');
  });

  it('refuses a confirmation link after a week', async () => {
    const { subscriptions, confirmLink } = await setup();
    await subscriptions.subscribe('late@example.org', 'web');
    clock = new Date('2026-12-03T08:00:00Z');
    expect(() => subscriptions.confirm(confirmLink(0))).toThrow(/expired/);
  });

  it('answers the same for a known address, and does not mail a confirmed subscriber again', async () => {
    const { sink, subscriptions, confirmLink } = await setup();
    await subscriptions.subscribe('ann@example.org', 'web');
    subscriptions.confirm(confirmLink(0));
    await expect(subscriptions.subscribe('ann@example.org', 'web')).resolves.toBeUndefined();
    expect(sink.received).toHaveLength(1);
  });

  it('sends someone who left and comes back through confirmation again', async () => {
    const { sink, store, subscriptions, confirmLink } = await setup();
    await subscriptions.subscribe('bo@example.org', 'web');
    subscriptions.confirm(confirmLink(0));
    const id = store.find(parseEmailAddress('bo@example.org'))?.id as number;
    subscriptions.unsubscribe(unsubscribeToken(id, TEST_SECRET));
    expect(store.get(id)?.status).toBe('unsubscribed');
    await subscriptions.subscribe('bo@example.org', 'web');
    expect(store.get(id)?.status).toBe('pending');
    expect(sink.received).toHaveLength(2);
    expect(store.list()).toHaveLength(1);
  });

  it('refuses a forged token', async () => {
    const { subscriptions } = await setup();
    expect(() => subscriptions.unsubscribe(unsubscribeToken(1, 'not-the-secret'))).toThrow(/not valid/);
    expect(() => subscriptions.confirm('eyJmb3JnZWQiOnRydWV9.c2lnbmF0dXJl')).toThrow(/not valid/);
  });
});
