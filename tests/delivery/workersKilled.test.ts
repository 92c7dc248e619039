import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { outboxCounts } from '../../src/delivery/outbox.js';
import { findDigest } from '../../src/store/digestLog.js';
import { openPostgres } from '../../src/store/postgresDatabase.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { freshPostgresUrl } from '../support/databases.js';
import { waitFor } from '../support/processes.js';
import { makeProject } from '../support/project.js';
import { startSmtpSink } from '../support/smtpSink.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const READERS = 2000;
const CONNECTIONS = 5;

/** 2,000 confirmed readers (and a few pending ones, who get nothing) on a new PostgreSQL database, their digest queued and nothing sent. */
async function readers(count: number, sinkBehaviour: Parameters<typeof startSmtpSink>[0] = {}) {
  const sink = await startSmtpSink(sinkBehaviour);
  cleanups.push(() => sink.close());
  const url = freshPostgresUrl();
  const project = await makeProject({ smtpUrl: sink.url, ownContent: 'empty', email: { maxConnections: CONNECTIONS, batchSize: 50, claimTimeout: 3 } });
  // One short article: the test is about who sends what, not about composing large messages.
  await writeFile(join(project.content, 'quay.md'), '---\ntitle: The quay reopens\ndate: 2026-01-05T08:00:00Z\n---\nThe quay is open again.\n');
  const env = { ...project.env, BROADSHEET_DATABASE_URL: url };
  const db = openPostgres(url);
  cleanups.push(() => db.close());
  const store = new SubscriberStore(db, () => new Date());
  const confirmed = Array.from({ length: count }, (_, i) => `reader${i}@example.org`);
  db.transaction(() => {
    for (const email of confirmed) store.upsert(parseEmailAddress(email), 'confirmed', 'test');
    for (let i = 0; i < 5; i++) store.upsert(parseEmailAddress(`pending${i}@example.org`), 'pending', 'test');
  })();
  return { sink, project, env, db, confirmed };
}

async function queuedDigest() {
  const { sink, project, env, db, confirmed } = await readers(READERS);
  const queued = await runCli(['digest', 'send', '--queue-only', '--config', project.configFile], { cwd: project.dir, env });
  expect(queued.stdout).toContain(`${READERS} messages queued`);
  return { sink, project, env, db, confirmed };
}

function startWorker(project: { dir: string; configFile: string }, env: Record<string, string>, flags = ['--until-done']) {
  const child = spawn(process.execPath, [resolve(REPO_ROOT, 'bin/broadsheet.js'), 'worker', ...flags, '--config', project.configFile], { cwd: project.dir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(() => void child.kill('SIGKILL'));
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

type Worker = ReturnType<typeof startWorker>;

function messageIdOf(raw: string): string {
  return /^Message-ID: <([^>]+)>/im.exec(raw)?.[1] ?? '';
}

describe('four workers on one PostgreSQL database, one killed and one stopped', () => {
  it('deliver every confirmed reader the digest, repeating only what the killed one had in flight', async () => {
    const { sink, project, env, db, confirmed } = await queuedDigest();
    const heldBy = (pid: number) => db.prepare(`SELECT COUNT(*) FROM outbox WHERE status = 'queued' AND claimed_by LIKE ?`).pluck().get(`%:${pid}:%`) as number;

    const workers = Array.from({ length: 4 }, () => startWorker(project, env));
    const [killed, stopped, ...others] = workers as [Worker, Worker, ...Worker[]];
    const killedPid = killed.child.pid as number;
    const stoppedPid = stopped.child.pid as number;

    // Mid-batch: the server has taken a good part of the digest, and the worker holds rows it has not sent.
    await waitFor(() => (sink.received.length >= 300 && heldBy(killedPid) > 0 ? true : undefined));
    killed.child.kill('SIGKILL');
    expect((await killed.exited).signal).toBe('SIGKILL');
    // What was already on its way to the server when the worker died may still arrive.
    await new Promise((r) => setTimeout(r, 100));
    const receivedAtKill = sink.received.length;
    expect(heldBy(killedPid)).toBeGreaterThan(0);

    await waitFor(() => (sink.received.length >= receivedAtKill + 300 ? true : undefined));
    stopped.child.kill('SIGTERM');
    // It finishes the messages in flight, gives back the rest of its claims at once, and exits cleanly.
    expect(await stopped.exited).toEqual({ code: 0, signal: null });
    expect(stopped.stderr()).toBe('');
    expect(heldBy(stoppedPid)).toBe(0);

    // The others take the stopped worker's rows at once, and the killed one's once its claims lapse.
    for (const worker of others) expect(await worker.exited).toEqual({ code: 0, signal: null });
    for (const worker of others) expect(worker.stderr()).toBe('');

    expect([...new Set(sink.recipients())]).toEqual([...confirmed].sort());
    expect(outboxCounts(db, 1)).toEqual({ queued: 0, sent: READERS, failed: 0, skipped: 0 });
    expect(findDigest(db, 1)?.sentAt).toBeInstanceOf(Date);

    // A repeat is a message the killed worker had handed to the server when it died, its 250 not yet recorded:
    // one per connection at most, each first received before the kill.
    const firstSeen = new Map<string, number>();
    const repeats: string[] = [];
    for (const [i, mail] of sink.received.entries()) {
      const id = messageIdOf(mail.raw);
      if (firstSeen.has(id)) repeats.push(id);
      else firstSeen.set(id, i);
    }
    expect(firstSeen.size).toBe(READERS);
    expect(repeats.length).toBeLessThanOrEqual(CONNECTIONS);
    for (const id of repeats) expect(firstSeen.get(id)).toBeLessThan(receivedAtKill);
  }, 120_000);

  it('join a `digest send`: each reader gets the digest once, and the digest is finished', async () => {
    // 400 messages, each answered after 50 ms on one of 5 connections: `digest send` alone would take 4 s.
    const { sink, project, env, db, confirmed } = await readers(400, { mailFromDelayMs: 50 });
    const worker = startWorker(project, env, []);
    await waitFor(() => (worker.stdout().includes('worker.started') ? true : undefined));

    const send = await runCli(['digest', 'send', '--config', project.configFile], { cwd: project.dir, env });
    expect(send.code).toBe(0);
    const sentBySend = Number(/^Digest 1 .*: sent (\d+),/m.exec(send.stdout)?.[1]);
    expect(sentBySend).toBeLessThan(confirmed.length);

    await waitFor(() => (outboxCounts(db, 1).queued === 0 && findDigest(db, 1)?.sentAt !== undefined ? true : undefined));
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(sink.recipients()).toEqual([...confirmed].sort());
    expect(outboxCounts(db, 1)).toEqual({ queued: 0, sent: confirmed.length, failed: 0, skipped: 0 });
  });
});
