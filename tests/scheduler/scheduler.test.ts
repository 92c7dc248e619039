import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import type { Logger } from '../../src/log/logger.js';
import { diffSnapshots } from '../../src/scheduler/contentSnapshot.js';
import { acquireLock, LOCK_FILE } from '../../src/scheduler/lock.js';
import { singleFlight } from '../../src/scheduler/singleFlight.js';
import { REPO_ROOT } from '../support/cli.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function recordingLogger() {
  const events: { event: string; fields: Record<string, unknown> }[] = [];
  const logger: Logger = { log: (_level, event, fields = {}) => void events.push({ event, fields }) };
  return { logger, events };
}

describe('the content scan', () => {
  it('publishes a new file on the next scan, and rebuilds nothing when nothing changed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-scan-'));
    await cp(join(REPO_ROOT, 'content'), join(dir, 'content'), { recursive: true });
    const config = loadConfig({ cwd: dir, env: {}, overrides: {} });
    const { logger, events } = recordingLogger();
    const app = await createApp({ ...config, paths: { ...config.paths, templates: join(REPO_ROOT, 'templates') } }, logger, dir);
    cleanups.push(() => app.close());
    await app.scan();
    await app.scan();
    expect(events.filter((e) => e.event === 'feeds.built')).toHaveLength(1);

    await writeFile(join(dir, 'content/breaking.md'), '---\ntitle: Breaking news from the quay\ndate: 2026-11-20\n---\nJust in.\n');
    await app.scan();
    const feed = JSON.parse(await readFile(join(dir, 'out/feed.json'), 'utf8'));
    expect(feed.items[0].title).toBe('Breaking news from the quay');
    expect(events.filter((e) => e.event === 'feeds.built').at(-1)?.fields).toMatchObject({ added: 1, changed: 0, removed: 0 });
  });

  it('tells added, changed and removed files apart by content, not by date', () => {
    const before = new Map([['a.md', '1'], ['b.md', '2'], ['c.md', '3']]);
    const after = new Map([['a.md', '1'], ['b.md', '2b'], ['d.md', '4']]);
    expect(diffSnapshots(before, after)).toEqual({ added: ['d.md'], changed: ['b.md'], removed: ['c.md'] });
  });
});

describe('jobs', () => {
  it('do not start twice when a run is still going at the next tick', async () => {
    const { logger, events } = recordingLogger();
    let runs = 0;
    let finish: () => void = () => {};
    const job = singleFlight('scan', () => new Promise<void>((done) => { runs++; finish = done; }), logger);
    const first = job.run();
    await job.run();
    finish();
    await first;
    expect(runs).toBe(1);
    expect(events.map((e) => e.event)).toEqual(['job.skipped', 'job.finished']);
  });
});

describe('the scheduler lock', () => {
  it('lets one scheduler run per state folder and takes over a lock left by a dead process', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'broadsheet-lock-'));
    const lock = await acquireLock(stateDir);
    await expect(acquireLock(stateDir, process.pid + 1)).rejects.toThrow(/already runs/);
    await lock.release();

    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((done) => dead.on('exit', done));
    await writeFile(join(stateDir, LOCK_FILE), `${dead.pid}\n`);
    const taken = await acquireLock(stateDir);
    expect(await readFile(join(stateDir, LOCK_FILE), 'utf8')).toBe(`${process.pid}\n`);
    await taken.release();
    await rm(stateDir, { recursive: true });
  });
});

describe('broadsheet start', () => {
  it('builds, serves, and on SIGTERM finishes its work, releases the lock and exits 0', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-start-'));
    await writeFile(join(dir, 'broadsheet.config.json'), JSON.stringify({ paths: { content: join(REPO_ROOT, 'content'), templates: join(REPO_ROOT, 'templates') } }));
    const child = spawn(process.execPath, [resolve(REPO_ROOT, 'bin/broadsheet.js'), 'start', '--port', '0'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const start = Date.now();
    while (!output.includes('http.listening') && Date.now() - start < 20_000) await new Promise((r) => setTimeout(r, 20));
    const port = (JSON.parse(output.split('\n').find((line) => line.includes('http.listening')) as string) as { port: number }).port;
    expect((await fetch(`http://127.0.0.1:${port}/feed.json`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('"event":"scheduler.stopped"');
    await expect(readFile(join(dir, '.broadsheet', LOCK_FILE))).rejects.toThrow();
  });
});
