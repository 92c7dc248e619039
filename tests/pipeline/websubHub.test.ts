import { createHmac } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildOnce, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import type { Logger } from '../../src/log/logger.js';
import { createServer } from '../../src/server/createServer.js';
import { websubRoute } from '../../src/server/websubRoutes.js';
import { makeProject } from '../support/project.js';
import { RequestLimits } from '../../src/store/requestLimits.js';

const SITE = 'https://news.example.org/';
const TOPIC = `${SITE}atom.xml`;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Received {
  method: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A WebSub subscriber's callback on 127.0.0.1: echoes the challenge (unless told not to) and answers deliveries with `deliveryStatus`. */
async function startCallback() {
  const received: Received[] = [];
  const callback = { received, deliveryStatus: 204, echo: true, url: '' };
  const server = createHttpServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://callback');
      received.push({ method: request.method ?? '', query: url.searchParams, headers: request.headers, body: Buffer.concat(chunks) });
      if (request.method === 'GET') response.writeHead(200).end(callback.echo ? (url.searchParams.get('hub.challenge') ?? '') : 'not the challenge');
      else response.writeHead(callback.deliveryStatus).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  callback.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/push?reader=7`;
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  const take = (method: string) => {
    const taken = received.filter((request) => request.method === method);
    received.splice(0);
    return taken;
  };
  return Object.assign(callback, { take });
}

/** A logger that lets a test wait for an event (a verification ends after the 202). */
function eventLogger() {
  const seen: { event: string; fields: Record<string, unknown> }[] = [];
  const waiting: { event: string; resolve: () => void }[] = [];
  const logger: Logger = {
    log(_level, event, fields = {}) {
      seen.push({ event, fields });
      for (const waiter of waiting.filter((w) => w.event === event)) waiter.resolve();
    },
  };
  const next = (event: string) => new Promise<void>((resolve) => waiting.push({ event, resolve }));
  return { logger, seen, next };
}

/** `start`'s app and server for the sample content with the built-in hub on, and a clock the test moves. */
async function startHubSite(websub: Record<string, unknown>) {
  const project = await makeProject({ ownContent: true });
  const settings = JSON.parse(await readFile(project.configFile, 'utf8')) as Record<string, unknown>;
  await writeFile(project.configFile, JSON.stringify({ ...settings, feeds: { websub: { builtIn: true, ...websub } } }));
  const config = loadConfig({ cwd: project.dir, env: project.env, configFile: project.configFile });
  const events = eventLogger();
  const clock = { now: Date.parse('2026-11-02T08:00:00Z') };
  const app = await createApp(config, events.logger, project.dir, () => new Date(clock.now));
  cleanups.push(() => app.close());
  await app.scan();
  const hub = app.websub;
  if (hub === undefined) throw new Error('feeds.websub.builtIn did not make a hub');
  const requestLimits = new RequestLimits(app.db);
  const server = await createServer({ outDir: config.paths.out, pages: app.pages, subscriptions: undefined, requestLimits, logger: events.logger, now: Date.now, routes: [websubRoute(hub, requestLimits, Date.now)] }).listen(0, '127.0.0.1');
  cleanups.push(() => server.close());
  const post = async (fields: Record<string, string>) => {
    const response = await fetch(new URL('websub', server.url), { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    return { status: response.status, text: await response.text() };
  };
  let added = 0;
  const addArticle = () => writeFile(join(project.content, '2026', `harbour-${++added}.md`), `---\ntitle: Harbour news ${added}\ndate: 2026-11-01\n---\nNew.\n`);
  return { app, config, events, clock, post, addArticle };
}

describe('the built-in WebSub hub (feeds.websub.builtIn)', () => {
  it('runs a whole cycle: subscribe, verify the challenge, deliver signed content, unsubscribe, and a lease that ends', async () => {
    const callback = await startCallback();
    const site = await startHubSite({ allowPrivateCallbacks: true });
    const feed = () => readFile(join(site.config.paths.out, 'atom.xml'));
    expect((await feed()).toString()).toContain(`<link rel="hub" href="${SITE}websub"/>`);

    const verified = site.events.next('websub.subscribed');
    expect(await site.post({ 'hub.mode': 'subscribe', 'hub.callback': callback.url, 'hub.topic': TOPIC, 'hub.lease_seconds': '3600', 'hub.secret': 'reader-secret' })).toMatchObject({ status: 202 });
    await verified;
    const [challenge] = callback.take('GET');
    expect(Object.fromEntries(challenge?.query ?? [])).toMatchObject({ reader: '7', 'hub.mode': 'subscribe', 'hub.topic': TOPIC, 'hub.lease_seconds': '3600' });
    expect(challenge?.query.get('hub.challenge')?.length).toBeGreaterThan(20);

    await site.addArticle();
    await site.app.scan();
    const [delivery, ...more] = callback.take('POST');
    expect(more).toEqual([]);
    const body = delivery?.body ?? Buffer.alloc(0);
    expect(body.equals(await feed())).toBe(true);
    expect(body.toString()).toContain('Harbour news 1');
    expect(delivery?.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(delivery?.headers.link).toBe(`<${SITE}websub>; rel="hub", <${TOPIC}>; rel="self"`);
    expect(delivery?.headers['x-hub-signature']).toBe(`sha256=${createHmac('sha256', 'reader-secret').update(body).digest('hex')}`);

    const left = site.events.next('websub.unsubscribed');
    expect((await site.post({ 'hub.mode': 'unsubscribe', 'hub.callback': callback.url, 'hub.topic': TOPIC })).status).toBe(202);
    await left;
    expect(callback.take('GET')[0]?.query.get('hub.mode')).toBe('unsubscribe');
    await site.addArticle();
    await site.app.scan();
    expect(callback.take('POST')).toEqual([]);

    const again = site.events.next('websub.subscribed');
    expect((await site.post({ 'hub.mode': 'subscribe', 'hub.callback': callback.url, 'hub.topic': TOPIC, 'hub.lease_seconds': '1' })).status).toBe(202);
    await again;
    // Too short a lease is raised to the shortest this hub grants.
    expect(callback.take('GET')[0]?.query.get('hub.lease_seconds')).toBe('300');
    site.clock.now += 301_000;
    await site.addArticle();
    await site.app.scan();
    expect(callback.take('POST')).toEqual([]);
    expect(site.events.seen.filter((entry) => entry.event === 'websub.expired')).toEqual([{ event: 'websub.expired', fields: { subscriptions: 1 } }]);
  });

  it('subscribes no callback that does not echo the challenge', async () => {
    const callback = await startCallback();
    callback.echo = false;
    const site = await startHubSite({ allowPrivateCallbacks: true });
    const refused = site.events.next('websub.unverified');
    expect((await site.post({ 'hub.mode': 'subscribe', 'hub.callback': callback.url, 'hub.topic': TOPIC })).status).toBe(202);
    await refused;
    await site.addArticle();
    await site.app.scan();
    expect(callback.take('POST')).toEqual([]);
  });

  it('retries a delivery the callback did not take, after the backoff', async () => {
    const callback = await startCallback();
    const site = await startHubSite({ allowPrivateCallbacks: true });
    const verified = site.events.next('websub.subscribed');
    await site.post({ 'hub.mode': 'subscribe', 'hub.callback': callback.url, 'hub.topic': TOPIC });
    await verified;
    callback.take('GET');
    callback.deliveryStatus = 503;
    await site.addArticle();
    await site.app.scan();
    expect(callback.take('POST')).toHaveLength(1);
    callback.deliveryStatus = 204;
    site.clock.now += 30_000;
    await site.app.scan();
    expect(callback.take('POST')).toEqual([]);
    site.clock.now += 31_000;
    await site.app.scan();
    expect(callback.take('POST').map((delivery) => delivery.body.toString().includes('Harbour news 1'))).toEqual([true]);
    site.clock.now += 3_600_000;
    await site.app.scan();
    expect(callback.take('POST')).toEqual([]);
  });

  it('leaves what `build` changed for the next scan of `start` to deliver', async () => {
    const callback = await startCallback();
    const site = await startHubSite({ allowPrivateCallbacks: true });
    // `build` runs on the system clock: so does `start` here.
    site.clock.now = Date.now();
    const verified = site.events.next('websub.subscribed');
    await site.post({ 'hub.mode': 'subscribe', 'hub.callback': callback.url, 'hub.topic': TOPIC });
    await verified;
    callback.take('GET');
    await site.addArticle();
    await buildOnce(site.config, site.config.paths.content, { fresh: false, warn: () => undefined });
    expect(callback.take('POST')).toEqual([]);
    site.clock.now = Date.now();
    await site.app.scan();
    expect(callback.take('POST').map((delivery) => delivery.body.toString().includes('Harbour news 1'))).toEqual([true]);
  });

  it('refuses a callback on a loopback address unless allowPrivateCallbacks is on, and contacts nothing', async () => {
    const callback = await startCallback();
    const site = await startHubSite({});
    const answer = await site.post({ 'hub.mode': 'subscribe', 'hub.callback': callback.url, 'hub.topic': TOPIC });
    expect(answer.status).toBe(403);
    expect(answer.text).toBe('hub.callback: 127.0.0.1 is a private, loopback or link-local address (127.0.0.1): this hub contacts public addresses only.\n');
    const local = await site.post({ 'hub.mode': 'subscribe', 'hub.callback': 'http://localhost:9/push', 'hub.topic': TOPIC });
    expect(local.status).toBe(403);
    expect(callback.received).toEqual([]);
  });

  it('answers a topic it does not serve, and every malformed field, with a 4xx naming the field', async () => {
    const callback = await startCallback();
    const site = await startHubSite({ allowPrivateCallbacks: true });
    const base = { 'hub.mode': 'subscribe', 'hub.callback': callback.url, 'hub.topic': TOPIC };
    const answers = await Promise.all([
      site.post({ ...base, 'hub.topic': 'https://elsewhere.example.com/atom.xml' }),
      site.post({ ...base, 'hub.topic': `${SITE}feeds/archive/atom-1.xml` }),
      site.post({ ...base, 'hub.mode': 'publish' }),
      site.post({ ...base, 'hub.callback': 'ftp://reader.example.com/' }),
      site.post({ ...base, 'hub.lease_seconds': 'soon' }),
      site.post({ ...base, 'hub.secret': 'x'.repeat(200) }),
    ]);
    expect(answers.map((answer) => [answer.status, answer.text.slice(0, answer.text.indexOf(':'))])).toEqual([
      [404, 'hub.topic'],
      [404, 'hub.topic'],
      [400, 'hub.mode'],
      [400, 'hub.callback'],
      [400, 'hub.lease_seconds'],
      [400, 'hub.secret'],
    ]);
    expect(callback.received).toEqual([]);
  });
});
