import { spawn } from 'node:child_process';
import { appendFile, cp, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import type { Logger } from '../../src/log/logger.js';
import { silentLogger } from '../../src/log/logger.js';
import { startScheduler } from '../../src/scheduler/scheduler.js';
import { singleFlight } from '../../src/scheduler/singleFlight.js';
import { createSmtpMailer } from '../../src/delivery/smtpMailer.js';
import { sendDigest } from '../../src/pipeline/sendDigest.js';
import { openDatabase } from '../../src/store/database.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { makeProject } from '../support/project.js';
import { startSmtpSink } from '../support/smtpSink.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function recordingLogger() {
  const events: { event: string; fields: Record<string, unknown> }[] = [];
  const logger: Logger = { log: (_level, event, fields = {}) => void events.push({ event, fields }) };
  return { logger, events };
}

/** The service's app on a copy of the sample content, with its log recorded, on the real clock or the one given. */
async function appOnSampleContent(now?: () => Date) {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-scan-'));
  await cp(join(REPO_ROOT, 'content'), join(dir, 'content'), { recursive: true });
  const config = loadConfig({ cwd: dir, env: {}, overrides: {} });
  const { logger, events } = recordingLogger();
  const app = await createApp({ ...config, paths: { ...config.paths, templates: join(REPO_ROOT, 'templates') } }, logger, dir, now);
  cleanups.push(() => app.close());
  return { dir, app, events };
}

describe('the content scan', () => {
  it('publishes a new file on the next scan, and rebuilds nothing when nothing changed', async () => {
    const { dir, app, events } = await appOnSampleContent();
    await app.scan();
    await app.scan();
    expect(events.filter((e) => e.event === 'feeds.built')).toHaveLength(1);

    await writeFile(join(dir, 'content/breaking.md'), '---\ntitle: Breaking news from the quay\ndate: 2026-11-20\n---\nJust in.\n');
    await app.scan();
    const feed = JSON.parse(await readFile(join(dir, 'out/feed.json'), 'utf8'));
    expect(feed.items[0].title).toBe('Breaking news from the quay');
    expect(events.filter((e) => e.event === 'feeds.built').at(-1)?.fields).toMatchObject({ added: 1, changed: 0, removed: 0 });
  });

  it('publishes an article dated in the future at the first scan after its date, though no file changed', async () => {
    let clock = new Date('2026-11-20T08:00:00Z');
    const { dir, app } = await appOnSampleContent(() => clock);
    await writeFile(join(dir, 'content/embargoed.md'), '---\ntitle: Embargoed until nine\ndate: 2026-11-20T09:00:00Z\n---\nNews.\n');
    await app.scan();
    const titles = async () => (JSON.parse(await readFile(join(dir, 'out/feed.json'), 'utf8')) as { items: { title: string }[] }).items.map((item) => item.title);
    expect(await titles()).not.toContain('Embargoed until nine');
    clock = new Date('2026-11-20T09:01:00Z');
    await app.scan();
    expect((await titles())[0]).toBe('Embargoed until nine');
  });

  it('tells added, changed and removed files apart by content, not by date', async () => {
    const { dir, app, events } = await appOnSampleContent();
    await app.scan();
    const later = new Date(Date.now() + 60_000);
    await utimes(join(dir, 'content/2026/school-meals.txt'), later, later);
    await appendFile(join(dir, 'content/2026/editors-note.md'), '\nA postscript.\n');
    await rm(join(dir, 'content/2026/wind-farm-vote.txt'));
    await writeFile(join(dir, 'content/late.md'), '---\ntitle: Late\ndate: 2026-11-01\n---\nLate.\n');
    await app.scan();
    expect(events.filter((e) => e.event === 'feeds.built').at(-1)?.fields).toMatchObject({ added: 1, changed: 1, removed: 1 });
  });
});

describe('jobs', () => {
  it('do not start twice when a run is still going at the next tick', async () => {
    const { logger, events } = recordingLogger();
    let runs = 0;
    let finish: () => void = () => {};
    const job = singleFlight('scan', () => new Promise<void>((done) => { runs++; finish = done; }), new AbortController().signal, logger);
    const first = job.run();
    await job.run();
    finish();
    await first;
    expect(runs).toBe(1);
    expect(events.map((e) => e.event)).toEqual(['job.skipped', 'job.finished']);
  });
});

describe('one digest job per frequency', () => {
  it('sends frequencies due at the same minute one after the other, skipping neither', async () => {
    const never = { scan: '0 0 1 1 *', digest: '0 0 1 1 *', retry: '0 0 1 1 *', timezone: 'UTC' };
    const log: string[] = [];
    const sendDigest = async (_stop: AbortSignal, frequency: string) => {
      log.push(`start ${frequency}`);
      await new Promise((r) => setTimeout(r, 20));
      log.push(`end ${frequency}`);
    };
    const scheduler = startScheduler(never, { daily: '0 7 * * *', weekly: '0 7 * * 1' }, { scan: async () => {}, sendDigest, retryDeferred: async () => {} }, silentLogger);
    cleanups.push(() => scheduler.stop());
    await Promise.all([scheduler.jobs.digests.get('daily')?.run(), scheduler.jobs.digests.get('weekly')?.run()]);
    expect(log).toEqual(['start daily', 'end daily', 'start weekly', 'end weekly']);
  });
});

describe('stopping the scheduler', () => {
  it('tells the running job to stop taking new work, waits for it, and starts nothing afterwards', async () => {
    const never = { scan: '0 0 1 1 *', digest: '0 0 1 1 *', retry: '0 0 1 1 *', timezone: 'UTC' };
    let started = 0;
    let sawStop = false;
    const sendDigest = (stop: AbortSignal) => {
      started++;
      return new Promise<void>((done) => stop.addEventListener('abort', () => ((sawStop = true), done())));
    };
    const scheduler = startScheduler(never, { default: never.digest }, { scan: async () => {}, sendDigest, retryDeferred: async () => {} }, silentLogger);
    void scheduler.jobs.digests.get('default')?.run();
    await scheduler.stop();
    expect(sawStop).toBe(true);
    await scheduler.jobs.digests.get('default')?.run();
    expect(started).toBe(1);
  });
});

/** `broadsheet start` in a child process, with its log lines (JSON: stdout is not a terminal) as they come. */
function startService(cwd: string, args: string[] = [], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [resolve(REPO_ROOT, 'bin/broadsheet.js'), 'start', '--port', '0', ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const events = () => output.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { event: string } & Record<string, unknown>);
  const waitFor = async (event: string) => {
    const start = Date.now();
    while (!events().some((e) => e.event === event) && Date.now() - start < 20_000) await new Promise((r) => setTimeout(r, 20));
    const found = events().find((e) => e.event === event);
    if (found === undefined) throw new Error(`no "${event}" in:\n${output}`);
    return found;
  };
  cleanups.push(() => child.kill('SIGKILL'));
  return { child, exited, events, waitFor, stderr: () => errors };
}

/** Who holds a lease in the project's state database. */
function leaseHolders(dir: string): unknown[] {
  const db = openDatabase(join(dir, '.broadsheet'));
  try {
    return db.prepare('SELECT name, pid FROM leases').all();
  } finally {
    db.close();
  }
}

describe('broadsheet start', () => {
  async function projectDir() {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-start-'));
    await writeFile(join(dir, 'broadsheet.config.json'), JSON.stringify({ paths: { content: join(REPO_ROOT, 'content'), templates: join(REPO_ROOT, 'templates') } }));
    return dir;
  }

  it('builds, serves, and on SIGTERM finishes its work, releases the lock and exits 0', async () => {
    const dir = await projectDir();
    const service = startService(dir);
    const port = Number((await service.waitFor('http.listening')).port);
    expect((await fetch(`http://127.0.0.1:${port}/feed.json`)).status).toBe(200);
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    expect(service.events().map((e) => e.event)).toContain('scheduler.stopped');
    expect(leaseHolders(dir)).toEqual([]);
  });

  it('runs once per state folder: a second start names the running one and exits 2', async () => {
    const dir = await projectDir();
    const first = startService(dir);
    await first.waitFor('http.listening');
    const second = startService(dir);
    expect(await second.exited).toBe(2);
    expect(second.stderr()).toContain(`another broadsheet scheduler (pid ${first.child.pid}) already runs on this state folder`);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
  });

  it('ends cleanly when stopped while it is still building at start-up', async () => {
    const dir = await projectDir();
    const service = startService(dir);
    await service.waitFor('scheduler.started');
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    expect(leaseHolders(dir)).toEqual([]);
  });

  it('resumes a digest that a stop left half sent, without waiting for the next digest tick', async () => {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const project = await makeProject({ smtpUrl: sink.url });
    const readers = Array.from({ length: 8 }, (_, i) => `reader${i}@example.org`);
    const db = openDatabase(project.config.paths.stateDir);
    const store = new SubscriberStore(db, () => new Date());
    for (const email of readers) store.upsert(parseEmailAddress(email), 'confirmed', 'test');
    const stop = new AbortController();
    const deps = { db, createMailer: () => createSmtpMailer(project.config.email), now: () => new Date(), sleep: async () => {}, displayRoot: project.dir };
    expect(await sendDigest(project.config, { ...deps, stop: stop.signal, onProgress: () => stop.abort() }, { dryRun: false })).toMatchObject({ passes: [{ complete: false }] });
    db.close();
    const before = sink.received.length;

    const service = startService(project.dir, ['--config', project.configFile], project.env);
    expect(await service.waitFor('digest.run')).toMatchObject({ result: 'sent', number: 1, complete: true, sent: readers.length - before });
    expect(sink.recipients()).toEqual(readers.sort());
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
  });

  it('with --no-send, composes and queues the scheduled digest and serves, but sends and retries nothing', async () => {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const project = await makeProject({ smtpUrl: sink.url, schedule: { digest: '* * * * * *', retry: '* * * * * *' } });
    const readers = ['ann@example.org', 'bob@example.org'];
    const db = openDatabase(project.config.paths.stateDir);
    const store = new SubscriberStore(db, () => new Date());
    for (const email of readers) store.upsert(parseEmailAddress(email), 'confirmed', 'test');
    db.close();

    const service = startService(project.dir, ['--config', project.configFile, '--no-send'], project.env);
    const port = Number((await service.waitFor('http.listening')).port);
    expect((await fetch(`http://127.0.0.1:${port}/feed.json`)).status).toBe(200);
    expect(await service.waitFor('digest.run')).toMatchObject({ result: 'queued', number: 1, messages: readers.length });
    // A retry tick after the digest was queued: it sends nothing either.
    const retries = () => service.events().filter((e) => e.event === 'job.finished' && e.job === 'retry').length;
    const seen = retries();
    while (retries() === seen) await new Promise((r) => setTimeout(r, 20));
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    expect(sink.received).toEqual([]);

    const sent = await runCli(['digest', 'send', '--config', project.configFile], { cwd: project.dir, env: project.env });
    expect(sent.code).toBe(0);
    expect(sink.recipientsOfDigest(1)).toEqual(readers);
  });

  it('retries deferred messages on schedule.retry, not on the digest schedule', async () => {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const project = await makeProject({ smtpUrl: sink.url, schedule: { digest: '0 0 1 1 *', retry: '* * * * * *' } });
    const service = startService(project.dir, ['--config', project.configFile], project.env);
    expect(await service.waitFor('scheduler.started')).toMatchObject({ retry: '* * * * * *' });

    // While it runs, a digest is sent from the command line and one message deferred.
    const db = openDatabase(project.config.paths.stateDir);
    new SubscriberStore(db, () => new Date()).upsert(parseEmailAddress('ann@example.org'), 'confirmed', 'test');
    sink.behaviour.failNext = { count: 5, code: 451 };
    const deps = { db, createMailer: () => createSmtpMailer(project.config.email), now: () => new Date(), sleep: async () => {}, displayRoot: project.dir, onProgress: () => {} };
    expect(await sendDigest(project.config, deps, { dryRun: false })).toMatchObject({ passes: [{ complete: false, summary: { deferred: 1 } }] });
    db.close();

    expect(await service.waitFor('digest.run')).toMatchObject({ result: 'sent', number: 1, resumed: true, complete: true, sent: 1 });
    expect(sink.recipients()).toEqual(['ann@example.org']);
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
  });
});
