import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { subscriptionsFor } from '../../src/app.js';
import { createSmtpMailer } from '../../src/delivery/smtpMailer.js';
import { silentLogger } from '../../src/log/logger.js';
import { buildSite } from '../../src/pipeline/buildSite.js';
import { createServer } from '../../src/server/createServer.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';
import { unsubscribeToken } from '../../src/subscribers/subscriptions.js';
import { REPO_ROOT } from '../support/cli.js';
import { openTempDatabase } from '../support/database.js';
import { makeProject, TEST_SECRET } from '../support/project.js';
import { startSmtpSink } from '../support/smtpSink.js';
import { confirmationMailFor, sitePagesFor } from '../support/templates.js';
import { RequestLimits } from '../../src/store/requestLimits.js';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * deploy/nginx.conf as written, in front of a real broadsheet server: only the addresses change (nginx on a
 * Unix socket in a temporary folder, so no fixed port; the upstream at the port the server got).
 */
describe('the nginx example (deploy/nginx.conf)', () => {
  const cleanups: (() => unknown)[] = [];
  let socket = '';
  let store: SubscriberStore;

  /** A request through nginx with exactly these headers. */
  const through = (path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const req = request({ socketPath: socket, path, method: options.method ?? 'GET', headers: { Host: 'news.example.org', ...options.headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('latin1') }));
      });
      req.on('error', reject).end(options.body);
    });

  beforeAll(async () => {
    const sink = await startSmtpSink();
    const { config, dir } = await makeProject({ smtpUrl: sink.url });
    await buildSite(config, { now: new Date(), displayRoot: dir });
    const mailer = await createSmtpMailer(config.email);
    const db = openTempDatabase();
    store = new SubscriberStore(db, () => new Date());
    const { subscriptions, confirmations } = subscriptionsFor(config, { db, mailer, secret: TEST_SECRET, logger: silentLogger, now: () => new Date(), confirmationMail: await confirmationMailFor(config.site) });
    const server = await createServer({ outDir: config.paths.out, pages: await sitePagesFor(config.site), subscriptions, requestLimits: new RequestLimits(db), logger: silentLogger, now: Date.now }).listen(0, '127.0.0.1');
    cleanups.push(() => sink.close(), () => mailer.close(), () => confirmations.stop(), () => server.close());

    const prefix = await mkdtemp(join(tmpdir(), 'broadsheet-nginx-'));
    // nginx's workers drop root; they need to reach the socket's folder.
    await chmod(prefix, 0o755);
    socket = join(prefix, 'nginx.sock');
    const example = await readFile(join(REPO_ROOT, 'deploy/nginx.conf'), 'utf8');
    const site = example
      .replace('server 127.0.0.1:8080;', `server ${new URL(server.url).host};`)
      .replace(/^\s*listen (?:\[::\]:)?80;$/gm, '')
      .replace('server_name news.example.org;', `server_name news.example.org;\n    listen unix:${socket};`);
    expect(site).not.toBe(example);
    await writeFile(join(prefix, 'site.conf'), site);
    await writeFile(
      join(prefix, 'nginx.conf'),
      `error_log ${prefix}/error.log;\npid ${prefix}/nginx.pid;\nevents {}\nhttp {\n  access_log off;\n  client_body_temp_path ${prefix}/body;\n  proxy_temp_path ${prefix}/proxy;\n  include ${prefix}/site.conf;\n}\n`,
    );
    const nginx = spawn('nginx', ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    nginx.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const exited = new Promise((done) => nginx.once('exit', done));
    cleanups.unshift(async () => {
      nginx.kill('SIGQUIT');
      await exited;
    });
    await vi.waitFor(async () => expect((await through('/')).status, errors).toBe(200), { timeout: 15_000, interval: 100 });
  });
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it('keeps the content types of the feeds, for readers and for browsers', async () => {
    expect((await through('/rss.xml')).headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect((await through('/atom.xml')).headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect((await through('/feed.json')).headers['content-type']).toBe('application/feed+json; charset=utf-8');
    expect((await through('/feed.xsl')).headers['content-type']).toBe('text/xsl; charset=utf-8');
    expect((await through('/')).headers['content-type']).toBe('text/html; charset=utf-8');
    const page = await through('/rss.xml', { headers: { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
    expect(page.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(page.headers.vary).toBe('Accept-Encoding, Accept');
  });

  it('passes conditional GETs through: 304 by ETag and by date, for the plain and the gzip answer', async () => {
    const first = await through('/rss.xml');
    expect(first.status).toBe(200);
    expect((await through('/rss.xml', { headers: { 'If-None-Match': first.headers.etag as string } })).status).toBe(304);
    expect((await through('/rss.xml', { headers: { 'If-Modified-Since': first.headers['last-modified'] as string } })).status).toBe(304);
    const zipped = await through('/rss.xml', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.etag).toMatch(/-gzip"$/);
    expect((await through('/rss.xml', { headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': zipped.headers.etag as string } })).status).toBe(304);
  });

  it('takes a subscription and the one-click unsubscribe POST (RFC 8058) through it', async () => {
    const subscribed = await through('/subscribe', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'email=proxied.reader%40example.org' });
    expect(subscribed.status).toBe(200);
    const address = parseEmailAddress('proxied.reader@example.org');
    expect(store.find(address)?.status).toBe('pending');
    const id = store.find(address)?.id as number;
    const token = unsubscribeToken(id, TEST_SECRET);
    const oneClick = await through(`/unsubscribe?token=${encodeURIComponent(token)}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(oneClick.status).toBe(200);
    expect(store.find(address)?.status).toBe('unsubscribed');
  });
});
