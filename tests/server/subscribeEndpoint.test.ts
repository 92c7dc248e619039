import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { ConfirmationQueue } from '../../src/delivery/confirmationQueue.js';
import { silentLogger } from '../../src/log/logger.js';
import { createServer } from '../../src/server/createServer.js';
import { openStateDatabase } from '../../src/app/stateDatabase.js';
import type { Db } from '../../src/store/database.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';
import { unsubscribeToken } from '../../src/subscribers/subscriptions.js';
import { makeProject, TEST_SECRET } from '../support/project.js';
import { CHOICES } from '../support/choices.js';
import { startSmtpSink } from '../support/smtpSink.js';
import { refusingSmtpUrl, startStalledServer } from '../support/stalledServer.js';
import { RequestLimits } from '../../src/store/requestLimits.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const now = () => new Date('2026-11-25T08:00:00Z');

/** The service as `serve` wires it (createApp), on a state folder that already knows some people. */
async function startService(smtpUrl: string, people: Record<string, 'pending' | 'confirmed' | 'unsubscribed'> = {}, before?: (db: Db) => void, digest?: Record<string, unknown>) {
  const project = await makeProject({ smtpUrl, digest });
  const seed = openStateDatabase(project.config);
  const store = new SubscriberStore(seed, now);
  for (const [email, status] of Object.entries(people)) {
    const { subscriber } = store.upsert(parseEmailAddress(email), status === 'pending' ? 'pending' : 'confirmed', 'test');
    if (status === 'unsubscribed') store.setStatus(subscriber.id, 'unsubscribed');
  }
  before?.(seed);
  seed.close();
  const app = await createApp(project.config, silentLogger, project.dir, now);
  const server = await createServer({ outDir: project.config.paths.out, pages: app.pages, subscriptions: app.subscriptions, requestLimits: new RequestLimits(app.db), logger: silentLogger, now: Date.now }).listen(0, '127.0.0.1');
  cleanups.push(() => app.close(), () => server.close());
  return { app, url: (path: string) => new URL(path, server.url).href, store: new SubscriberStore(app.db, now) };
}

/** A POST from a chosen loopback address: the per-client limit counts by address. */
function post(href: string, body: string, headers: Record<string, string>, localAddress = '127.0.0.1'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(href, { method: 'POST', headers, localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject).end(body);
  });
}
const form = (href: string, email: string, from?: string) => post(href, new URLSearchParams({ email }).toString(), { 'Content-Type': 'application/x-www-form-urlencoded' }, from);
const json = (href: string, email: string, from?: string) => post(href, JSON.stringify({ email }), { 'Content-Type': 'application/json' }, from);

const people = { 'confirmed@example.org': 'confirmed', 'pending@example.org': 'pending', 'left@example.org': 'unsubscribed' } as const;
const addresses = ['new@example.org', 'confirmed@example.org', 'pending@example.org', 'left@example.org'];

describe('POST /subscribe with topics and a frequency', () => {
  it('keeps the topics and frequency of a form (ticked boxes) and of JSON; none ticked is every article, the first frequency', async () => {
    const { url, store } = await startService(await refusingSmtpUrl(), {}, undefined, CHOICES);
    const body = new URLSearchParams([['email', 'ann@example.org'], ['topics', 'culture'], ['topics', 'transport'], ['frequency', 'daily']]).toString();
    expect((await post(url('subscribe'), body, { 'Content-Type': 'application/x-www-form-urlencoded' })).status).toBe(200);
    const answer = await post(url('subscribe'), JSON.stringify({ email: 'bob@example.org', topics: ['Local'], frequency: 'weekly' }), { 'Content-Type': 'application/json' });
    expect(answer.status).toBe(200);
    expect((await form(url('subscribe'), 'cy@example.org')).status).toBe(200);
    const chosen = (email: string) => {
      const subscriber = store.find(parseEmailAddress(email));
      return { status: subscriber?.status, topics: subscriber?.topics.map((topic) => topic.tag), frequency: subscriber?.frequency };
    };
    expect(chosen('ann@example.org')).toEqual({ status: 'pending', topics: ['culture', 'transport'], frequency: 'daily' });
    expect(chosen('bob@example.org')).toEqual({ status: 'pending', topics: ['local'], frequency: 'weekly' });
    expect(chosen('cy@example.org')).toEqual({ status: 'pending', topics: [], frequency: undefined });
  });

  it('refuses a topic or frequency the site does not offer with a 400 naming the field, and keeps nobody', async () => {
    const { url, store } = await startService(await refusingSmtpUrl(), {}, undefined, CHOICES);
    const sport = await post(url('subscribe'), JSON.stringify({ email: 'ann@example.org', topics: ['culture', 'sport'] }), { 'Content-Type': 'application/json' });
    expect(sport.status).toBe(400);
    expect(JSON.parse(sport.body)).toEqual({ status: 'error', field: 'topics', message: 'topics: "sport" is not a topic of this site. Choose among culture, transport, local, or none for every article.' });
    const hourly = await post(url('subscribe'), new URLSearchParams({ email: 'ann@example.org', frequency: 'hourly' }).toString(), { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(hourly.status).toBe(400);
    expect(hourly.body).toContain('frequency: &quot;hourly&quot; is not a frequency of this site. Choose weekly or daily.');
    const notAList = await post(url('subscribe'), JSON.stringify({ email: 'ann@example.org', topics: 'culture' }), { 'Content-Type': 'application/json' });
    expect(JSON.parse(notAList.body)).toMatchObject({ status: 'error', field: 'topics' });
    expect(store.find(parseEmailAddress('ann@example.org'))).toBeUndefined();
  });

  it('never changes the choices of a confirmed subscriber: anyone can fill in the form with their address', async () => {
    const { url, store } = await startService(await refusingSmtpUrl(), { 'ann@example.org': 'confirmed' }, undefined, CHOICES);
    await post(url('subscribe'), JSON.stringify({ email: 'ann@example.org', topics: ['culture'], frequency: 'daily' }), { 'Content-Type': 'application/json' });
    expect(store.find(parseEmailAddress('ann@example.org'))).toMatchObject({ status: 'confirmed', topics: [], frequency: undefined });
  });
});

describe('POST /subscribe', () => {
  it('answers every well-formed request byte for byte the same, before a stalled SMTP server has said a word', async () => {
    const stalled = await startStalledServer();
    cleanups.push(() => stalled.close());
    const { url, app } = await startService(stalled.url, people);
    // Each from a client address of its own, so that the per-client limit (5 at once) stays out of it.
    const forms = await Promise.all(addresses.map((email, i) => form(url('subscribe'), email, `127.0.0.${10 + i}`)));
    const jsons = await Promise.all(addresses.map((email, i) => json(url('subscribe'), email, `127.0.0.${20 + i}`)));
    expect(new Set(forms.map((r) => `${r.status} ${r.body}`)).size).toBe(1);
    expect(new Set(jsons.map((r) => `${r.status} ${r.body}`)).size).toBe(1);
    expect(forms[0]?.status).toBe(200);
    // Every answer came while the mailer was still waiting for the server's greeting: none waited on it.
    await expect.poll(() => stalled.state.connections).toBeGreaterThan(0);
    const mails = app.db.prepare("SELECT recipient, COUNT(*) AS n FROM confirmation_mails WHERE status = 'queued' GROUP BY recipient ORDER BY recipient").all();
    expect(mails).toEqual([{ recipient: 'left@example.org', n: 2 }, { recipient: 'new@example.org', n: 2 }, { recipient: 'pending@example.org', n: 2 }]);

    // With the SMTP server refusing connections, the answer is still the same bytes.
    const down = await startService(await refusingSmtpUrl(), people);
    for (const email of addresses) expect(await form(down.url('subscribe'), email)).toEqual(forms[0]);
    expect(await json(down.url('subscribe'), 'new@example.org')).toEqual(jsons[0]);
  });

  it('sends the queued mail in the background, and on start what an earlier run left queued', async () => {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const { url } = await startService(sink.url, {}, (db) => {
      const store = new SubscriberStore(db, now);
      const id = store.upsert(parseEmailAddress('waiting@example.org'), 'pending', 'cli').subscriber.id;
      new ConfirmationQueue(db, now, 3).queue(id, { to: 'waiting@example.org', subject: 'Confirm', text: 'x', html: '<p>x</p>', expiresAt: new Date('2026-12-01T00:00:00Z') });
    });
    await expect.poll(() => sink.recipients()).toEqual(['waiting@example.org']);
    expect((await form(url('subscribe'), 'reader@example.org')).status).toBe(200);
    await expect.poll(() => sink.recipients()).toEqual(['reader@example.org', 'waiting@example.org']);
  });

  it('sends one address at most subscribe.perAddressPerDay confirmation mails, however many clients ask', async () => {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const { url, app } = await startService(sink.url);
    // 40 source addresses, each well within the per-client limit, all asking for one victim.
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => form(url('subscribe'), 'victim@example.org', `127.0.0.${10 + i}`)));
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([200]));
    const counts = () => app.db.prepare("SELECT COUNT(*) AS queued, COUNT(CASE WHEN status = 'sent' THEN 1 END) AS sent FROM confirmation_mails").get();
    await expect.poll(counts).toEqual({ queued: 3, sent: 3 });
    expect(sink.recipients()).toEqual(['victim@example.org', 'victim@example.org', 'victim@example.org']);
  });
});

describe('GET /confirm', () => {
  it('says that the address left, and when, for a link replayed after an unsubscribe, with a button for a new confirmation', async () => {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const { url, store } = await startService(sink.url);
    await form(url('subscribe'), 'cy@example.org');
    await expect.poll(() => sink.received.length).toBe(1);
    const link = /(https:\/\/news\.example\.org\/confirm\?token=[\w.-]+)/.exec(sink.received[0]?.raw.replace(/=\r\n/g, '').replace(/=3D/g, '=') ?? '')?.[1] as string;
    const confirmUrl = url(`confirm${new URL(link).search}`);
    expect(await (await fetch(confirmUrl)).text()).toContain('You are subscribed');
    const id = store.find(parseEmailAddress('cy@example.org'))?.id as number;
    await fetch(url(`unsubscribe?token=${unsubscribeToken(id, TEST_SECRET)}`), { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });

    const replay = await fetch(confirmUrl);
    const page = await replay.text();
    expect(replay.status).toBe(200);
    expect(page).toContain('<h1>You had unsubscribed</h1>');
    expect(page).toContain('cy@example.org unsubscribed from The Test Gazette on November 25, 2026; this old link does not subscribe it again.');
    expect(page).not.toContain('next The Test Gazette digest will reach you');
    expect(page).toContain('<input id="email" name="email" type="email" required autocomplete="email" inputmode="email" value="cy@example.org">');
    expect(page).toContain('<button type="submit">Send me a new confirmation link</button>');
    expect(store.find(parseEmailAddress('cy@example.org'))?.status).toBe('unsubscribed');

    expect((await form(url('subscribe'), 'cy@example.org')).body).toContain('Check your inbox');
    await expect.poll(() => sink.received.length).toBe(2);
    expect(store.find(parseEmailAddress('cy@example.org'))?.status).toBe('pending');
  });
});
