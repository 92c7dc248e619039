import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildOnce, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import { silentLogger } from '../../src/log/logger.js';
import { openDatabase } from '../../src/store/database.js';
import { makeProject } from '../support/project.js';

const SITE = 'https://news.example.org/';
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A WebSub hub on 127.0.0.1 that keeps every publish ping it is sent, and answers with `status`. */
async function startHub() {
  const pings: { mode: string | null; url: string | null }[] = [];
  const hub = { pings, status: 202, url: '' };
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const form = new URLSearchParams(body);
      if (request.method === 'POST' && request.headers['content-type'] === 'application/x-www-form-urlencoded') pings.push({ mode: form.get('hub.mode'), url: form.get('hub.url') });
      response.writeHead(hub.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hub`;
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  /** The feed URLs pinged since the last call, sorted. */
  const take = () => pings.splice(0).map((ping) => `${String(ping.mode)} ${String(ping.url)}`).sort();
  return Object.assign(hub, { take });
}

/** The sample content in a project of its own, its feeds announced to `hubs`. */
async function projectWithHubs(hubs: string[]) {
  const project = await makeProject({ ownContent: true });
  const settings = JSON.parse(await readFile(project.configFile, 'utf8')) as Record<string, unknown>;
  await writeFile(project.configFile, JSON.stringify({ ...settings, feeds: { websub: { hubs } } }));
  const config = loadConfig({ cwd: project.dir, env: project.env, configFile: project.configFile });
  const addArticle = (name: string, tags: string) => writeFile(join(project.content, '2026', name), `---\ntitle: ${name}\ndate: 2026-11-01\ntags: ${tags}\n---\nNew.\n`);
  return { ...project, config, addArticle };
}

const published = (...paths: string[]) => paths.map((path) => `publish ${SITE}${path}`).sort();

describe('WebSub publishing (feeds.websub.hubs)', () => {
  it("pings the hub for each feed a scan of `start` changed, and not after a scan that found nothing new", async () => {
    const hub = await startHub();
    const project = await projectWithHubs([hub.url]);
    const app = await createApp(project.config, silentLogger, project.dir);
    cleanups.push(() => app.close());
    await app.scan();
    expect(hub.take()).toContain(`publish ${SITE}atom.xml`);
    await app.scan();
    expect(hub.take()).toEqual([]);
    await project.addArticle('harbour-crane.md', '[coast]');
    await app.scan();
    expect(hub.take()).toEqual(published('rss.xml', 'atom.xml', 'feed.json', 'tags/coast/rss.xml', 'tags/coast/atom.xml', 'tags/coast/feed.json'));
  });

  it('queues what a hub refused and sends it again at a later scan, once its backoff has passed', async () => {
    const hub = await startHub();
    const project = await projectWithHubs([hub.url]);
    let clock = Date.parse('2026-11-02T08:00:00Z');
    const app = await createApp(project.config, silentLogger, project.dir, () => new Date(clock));
    cleanups.push(() => app.close());
    await app.scan();
    hub.take();
    hub.status = 503;
    await project.addArticle('harbour-crane.md', '[]');
    await app.scan();
    expect(hub.take()).toEqual(published('rss.xml', 'atom.xml', 'feed.json'));
    hub.status = 202;
    clock += 30_000;
    await app.scan();
    expect(hub.take()).toEqual([]);
    clock += 31_000;
    await app.scan();
    expect(hub.take()).toEqual(published('rss.xml', 'atom.xml', 'feed.json'));
    clock += 3_600_000;
    await app.scan();
    expect(hub.take()).toEqual([]);
  });

  it('`build` pings for what it changed, and a hub that cannot be reached leaves the build whole and the ping queued', async () => {
    const hub = await startHub();
    // A port nothing listens on: the hub's server, closed.
    const gone = await startHub();
    const goneUrl = gone.url;
    await (cleanups.pop() as () => Promise<void>)();
    const project = await projectWithHubs([hub.url, goneUrl]);
    await buildOnce(project.config, project.dir, { fresh: false, warn: () => undefined });
    hub.take();
    await project.addArticle('harbour-crane.md', '[]');
    const warnings: string[] = [];
    const report = await buildOnce(project.config, project.dir, { fresh: false, warn: (line) => warnings.push(line) });
    expect(report.published).toBeGreaterThan(0);
    expect(hub.take()).toEqual(published('rss.xml', 'atom.xml', 'feed.json'));
    expect(report.announced?.sent).toBe(3);
    expect(warnings).toEqual([`warning: WebSub hub ${goneUrl} did not take 3 feeds (ECONNREFUSED); queued for \`start\` to retry.`]);
    const db = openDatabase(project.config.paths.stateDir);
    try {
      // Every feed of the first build is queued; the site's, refused again, twice.
      const queued = db.prepare("SELECT hub, topic, attempts FROM hub_pings WHERE topic NOT LIKE '%/tags/%' ORDER BY topic").raw().all();
      expect(queued).toEqual(['atom.xml', 'feed.json', 'rss.xml'].map((path) => [goneUrl, `${SITE}${path}`, 2]));
    } finally {
      db.close();
    }
  });
});
