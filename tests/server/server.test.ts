import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { subscriptionsFor } from '../../src/app.js';
import type { ResolvedConfig, SiteConfig } from '../../src/config/resolvedConfig.js';
import { createSmtpMailer } from '../../src/delivery/smtpMailer.js';
import { silentLogger } from '../../src/log/logger.js';
import { createServer } from '../../src/server/createServer.js';
import { openTempDatabase, sharedTempDatabase } from '../support/database.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';
import { unsubscribeToken } from '../../src/subscribers/subscriptions.js';
import { makeProject, TEST_SECRET } from '../support/project.js';
import { startSmtpSink } from '../support/smtpSink.js';
import { confirmationMailFor, sitePagesFor } from '../support/templates.js';
import type { Db } from '../../src/store/database.js';
import { RequestLimits } from '../../src/store/requestLimits.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A GET with exactly these headers: fetch would add its own Accept-Encoding and decompress. */
function rawGet(href: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(href, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

/** A `serve` of its own on `db` (a new state database unless given), with its own SMTP sink and a clock the test moves. */
async function startSite(site: Partial<SiteConfig> = {}, db: Db = openTempDatabase()) {
  const sink = await startSmtpSink();
  const project = await makeProject({ smtpUrl: sink.url });
  const config: ResolvedConfig = { ...project.config, site: { ...project.config.site, ...site } };
  const out = await mkdtemp(join(tmpdir(), 'broadsheet-out-'));
  await writeFile(join(out, 'rss.xml'), `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${'<item/>'.repeat(200)}</channel></rss>`);
  await writeFile(join(out, 'atom.xml'), '<feed xmlns="http://www.w3.org/2005/Atom"/>');
  await writeFile(join(out, 'feed.json'), '{"version":"https://jsonfeed.org/version/1.1"}');
  await writeFile(join(out, 'index.html'), '<!doctype html><title>home</title>');
  await writeFile(join(out, '.secret'), 'hidden');
  await mkdir(join(out, '2026', 'images'), { recursive: true });
  for (const name of ['ferry.jpg', 'fares.pdf', 'interview.mp3', 'map.svg']) await writeFile(join(out, '2026', 'images', name), 'bytes');
  // RFC 5005 archive pages (feeds.archive): the first links a newer one, the second is the newest.
  await mkdir(join(out, 'feeds/archive'), { recursive: true });
  await mkdir(join(out, 'tags/local/feeds/archive'), { recursive: true });
  await writeFile(join(out, 'feeds/archive/atom-1.xml'), '<feed xmlns="http://www.w3.org/2005/Atom"><link rel="next-archive" href="https://news.example.org/feeds/archive/atom-2.xml"/></feed>');
  await writeFile(join(out, 'feeds/archive/atom-2.xml'), '<feed xmlns="http://www.w3.org/2005/Atom"><link rel="prev-archive" href="https://news.example.org/feeds/archive/atom-1.xml"/></feed>');
  await writeFile(join(out, 'tags/local/feeds/archive/feed-1.json'), '{"version":"https://jsonfeed.org/version/1.1","_archive":{"archive":true,"next_archive":"https://news.example.org/tags/local/feeds/archive/feed-2.json"}}');
  const mailer = await createSmtpMailer(config.email);
  const store = new SubscriberStore(db, () => new Date());
  const { subscriptions, confirmations } = subscriptionsFor(config, { db, mailer, secret: TEST_SECRET, logger: silentLogger, now: () => new Date(), confirmationMail: await confirmationMailFor(config.site) });
  let clock = 0;
  const server = await createServer({ outDir: out, pages: await sitePagesFor(config.site), subscriptions, requestLimits: new RequestLimits(db), logger: silentLogger, now: () => clock }).listen(0, '127.0.0.1');
  cleanups.push(() => server.close(), () => confirmations.stop(), () => mailer.close(), () => sink.close());
  const url = (path: string) => new URL(path, server.url).href;
  return { url, sink, store, tick: (ms: number) => (clock += ms) };
}

describe('serving out/', () => {
  it('gives each feed its registered content type', async () => {
    const { url } = await startSite();
    expect((await fetch(url('rss.xml'))).headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect((await fetch(url('atom.xml'))).headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect((await fetch(url('feed.json'))).headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    expect((await fetch(url('/'))).headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('gives the files articles link to their own types (an image, a PDF, a recording), so a browser shows them', async () => {
    const { url } = await startSite();
    const types = await Promise.all(['ferry.jpg', 'fares.pdf', 'interview.mp3', 'map.svg'].map(async (name) => (await fetch(url(`2026/images/${name}`))).headers.get('content-type')));
    expect(types).toEqual(['image/jpeg', 'application/pdf', 'audio/mpeg', 'image/svg+xml']);
  });

  it('gives a browser asking for a page the feed as application/xml, so that it applies feed.xsl', async () => {
    const { url } = await startSite();
    const page = await fetch(url('rss.xml'), { headers: { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
    expect(page.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(page.headers.get('vary')).toBe('Accept-Encoding, Accept');
    const reader = await fetch(url('rss.xml'), { headers: { Accept: 'application/rss+xml, application/xml;q=0.9, */*;q=0.1' } });
    expect(reader.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect(page.headers.get('etag')).not.toBe(reader.headers.get('etag'));
  });

  it('sends an archive page that links a newer one for a week, the newest page as a feed, each with its ETag', async () => {
    const { url } = await startSite();
    const full = await fetch(url('feeds/archive/atom-1.xml'));
    expect(full.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(full.headers.get('cache-control')).toBe('public, max-age=604800');
    expect((await fetch(url('feeds/archive/atom-1.xml'), { headers: { 'If-None-Match': full.headers.get('etag') as string } })).status).toBe(304);
    expect((await fetch(url('feeds/archive/atom-2.xml'))).headers.get('cache-control')).toBe('public, max-age=300');
    const tagPage = await fetch(url('tags/local/feeds/archive/feed-1.json'));
    expect(tagPage.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    expect(tagPage.headers.get('cache-control')).toBe('public, max-age=604800');
  });

  it('answers a conditional GET with 304, by ETag and by date', async () => {
    const { url } = await startSite();
    const first = await fetch(url('rss.xml'));
    const etag = first.headers.get('etag') as string;
    const lastModified = first.headers.get('last-modified') as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await fetch(url('rss.xml'), { headers: { 'If-None-Match': etag } })).status).toBe(304);
    expect((await fetch(url('rss.xml'), { headers: { 'If-Modified-Since': lastModified } })).status).toBe(304);
    expect((await fetch(url('rss.xml'), { headers: { 'If-None-Match': '"other"' } })).status).toBe(200);
  });

  it('compresses with gzip when the client accepts it, under an ETag of its own', async () => {
    const { url } = await startSite();
    const zipped = await rawGet(url('rss.xml'), { 'Accept-Encoding': 'gzip, deflate' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('Accept-Encoding, Accept');
    expect(gunzipSync(zipped.body).toString()).toContain('<rss version="2.0">');

    const plain = await rawGet(url('rss.xml'), {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toContain('<rss version="2.0">');
    expect(zipped.headers.etag).not.toBe(plain.headers.etag);
    expect((await rawGet(url('rss.xml'), { 'Accept-Encoding': 'gzip;q=0' })).headers['content-encoding']).toBeUndefined();

    expect((await rawGet(url('rss.xml'), { 'Accept-Encoding': 'gzip', 'If-None-Match': zipped.headers.etag as string })).status).toBe(304);
    expect((await rawGet(url('rss.xml'), { 'Accept-Encoding': 'gzip', 'If-None-Match': plain.headers.etag as string })).status).toBe(200);
    expect((await rawGet(url('rss.xml'), { 'If-None-Match': plain.headers.etag as string })).status).toBe(304);
  });

  it('answers HEAD without a body, and refuses dotfiles, path escapes and unknown files', async () => {
    const { url } = await startSite();
    const head = await fetch(url('atom.xml'), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await fetch(url('.secret'))).status).toBe(404);
    expect((await fetch(url('%2e%2e/%2e%2e/etc/passwd'))).status).toBe(404);
    expect((await fetch(url('nope.xml'))).status).toBe(404);
  });
});

describe('subscribing over HTTP', () => {
  it('subscribe -> confirmation mail -> confirm -> one-click unsubscribe', async () => {
    const { url, sink, store } = await startSite();
    const subscribed = await fetch(url('subscribe'), { method: 'POST', body: new URLSearchParams({ email: 'reader@example.org' }) });
    expect(subscribed.status).toBe(200);
    expect(await subscribed.text()).toContain('Check your inbox');
    await expect.poll(() => sink.received.length).toBe(1);
    const mail = sink.received[0]?.raw.replace(/=\r\n/g, '').replace(/=3D/g, '=') ?? '';
    const confirmUrl = /(https:\/\/news\.example\.org\/confirm\?token=[\w.-]+)/.exec(mail)?.[1] as string;
    // The site is "The Test Gazette": no "the The ..." in the mail or the pages, whatever the title.
    expect(mail).toContain('asked to receive the e-mail digest from The Test Gazette at this address.');
    expect(mail).not.toMatch(/\bthe the\b/i);
    const confirmed = await fetch(url(`confirm${new URL(confirmUrl).search}`));
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('Thank you: the next digest from The Test Gazette will reach you.');
    const subscriber = store.find(parseEmailAddress('reader@example.org'));
    expect(subscriber?.status).toBe('confirmed');

    const token = unsubscribeToken(subscriber?.id as number, TEST_SECRET);
    const page = await fetch(url(`unsubscribe?token=${token}`));
    const confirmPage = await page.text();
    // Handlebars escapes "=" in attributes as &#x3D;, which a browser reads as "=".
    expect(confirmPage).toContain(`<form method="post" action="/unsubscribe?token&#x3D;${token.replaceAll('=', '&#x3D;')}">`);
    expect(confirmPage).toContain('<button type="submit">Yes, unsubscribe me</button>');
    expect(store.find(parseEmailAddress('reader@example.org'))?.status).toBe('confirmed');
    const oneClick = await fetch(url(`unsubscribe?token=${token}`), { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain('You will not receive the digest from The Test Gazette any more.');
    expect(store.find(parseEmailAddress('reader@example.org'))?.status).toBe('unsubscribed');
  });

  it.each([
    ['en', 'How to unsubscribe', 'Every digest from The Test Gazette ends with an “Unsubscribe” link made for your address'],
    ['fr', 'Comment se désabonner', 'Chaque lettre de The Test Gazette se termine par un lien « Se désabonner » propre à votre adresse'],
  ])('explains how to leave, in its language (%s), to someone who opens /unsubscribe without a link: a page, not an error', async (language, heading, explanation) => {
    const { url } = await startSite({ language });
    const page = await fetch(url('unsubscribe'));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`<h1>${heading}</h1>`);
    expect(html).toContain(explanation);
    expect(html).not.toContain('<form method="post" action="/unsubscribe');
  });

  it('accepts JSON and answers the same whether or not the address is known', async () => {
    const { url } = await startSite();
    const post = () => fetch(url('subscribe'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'known@example.org' }) });
    const first = await post();
    const second = await post();
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual(await second.json());
  });

  it('refuses forged tokens', async () => {
    const { url } = await startSite();
    expect((await fetch(url('confirm?token=forged.token'))).status).toBe(400);
    const forged = unsubscribeToken(1, 'not-the-secret');
    expect((await fetch(url(`unsubscribe?token=${forged}`), { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })).status).toBe(400);
  });

  it('refuses bad addresses, malformed and oversize bodies with a clear message', async () => {
    const { url } = await startSite();
    const bad = await fetch(url('subscribe'), { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify({ email: 'nope' }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/"nope" is not an e-mail address/);
    const badForm = await fetch(url('subscribe'), { method: 'POST', body: new URLSearchParams({ email: 'nope' }) });
    expect(badForm.status).toBe(400);
    const retryPage = await badForm.text();
    expect(retryPage).toContain('is not an e-mail address');
    expect(retryPage).toMatch(/<form [^>]*method="post" action="\/subscribe">/);
    expect(retryPage).toContain('<label for="email">');
    expect((await fetch(url('subscribe'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"email":' })).status).toBe(400);
    expect((await fetch(url('subscribe'), { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'x' })).status).toBe(400);
    const huge = await fetch(url('subscribe'), { method: 'POST', body: new URLSearchParams({ email: 'a@example.org', pad: 'x'.repeat(20_000) }) });
    expect(huge.status).toBe(413);
    expect(huge.headers.get('connection')).toBe('close');
  });

  it('limits how often one address may subscribe', async () => {
    const { url, tick } = await startSite();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await fetch(url('subscribe'), { method: 'POST', body: new URLSearchParams({ email: `r${i}@example.org` }) })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const limited = await fetch(url('subscribe'), { method: 'POST', body: new URLSearchParams({ email: 'x@example.org' }) });
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    tick(60_000);
    expect((await fetch(url('subscribe'), { method: 'POST', body: new URLSearchParams({ email: 'later@example.org' }) })).status).toBe(200);
  });
});

describe('several `serve` processes on one state database, behind a load balancer', () => {
  it('share subscriptions: one takes the subscription, another confirms it', async () => {
    const shared = sharedTempDatabase();
    const [one, other] = [await startSite({}, shared.connect()), await startSite({}, shared.connect())];
    expect((await fetch(one.url('subscribe'), { method: 'POST', body: new URLSearchParams({ email: 'reader@example.org' }) })).status).toBe(200);
    // Whichever server's background sender claims the confirmation mail sends it, once.
    const mails = () => [...one.sink.received, ...other.sink.received];
    await expect.poll(() => mails().length).toBe(1);
    const confirmUrl = new URL(/(https:\/\/news\.example\.org\/confirm\?token=[\w.-]+)/.exec(mails()[0]?.raw.replace(/=\r\n/g, '').replace(/=3D/g, '=') ?? '')?.[1] as string);
    expect((await fetch(other.url(`confirm${confirmUrl.search}`))).status).toBe(200);
    expect(one.store.find(parseEmailAddress('reader@example.org'))?.status).toBe('confirmed');
  });

  it("share each client's request limit: asking them in turn gets no more than asking one", async () => {
    const shared = sharedTempDatabase();
    const servers = [await startSite({}, shared.connect()), await startSite({}, shared.connect())];
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const server = servers[i % 2] as (typeof servers)[number];
      statuses.push((await fetch(server.url('subscribe'), { method: 'POST', body: new URLSearchParams({ email: `r${i}@example.org` }) })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
  });
});
