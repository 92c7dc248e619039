import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { acquireLease, processIdentity } from '../../src/store/lease.js';
import { REPO_ROOT } from '../support/cli.js';
import { sharedTempDatabase, storeUnderTest } from '../support/database.js';
import { spawnWithDatabase } from '../support/databaseProcess.js';
import { childrenOf, waitFor } from '../support/processes.js';

const now = new Date('2026-11-26T08:00:00Z');
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid as number;
}

/** A live process of our own, stopped after the test. */
function livePid(): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
  cleanups.push(() => child.kill());
  return child.pid as number;
}

/** A zombie: `sleep 0.1` exits, and its parent, which became `sleep 30` by exec, never reaps it. */
async function zombiePid(): Promise<number> {
  const parent = spawn('sh', ['-c', 'sleep 0.1 & exec sleep 30']);
  cleanups.push(() => parent.kill());
  return waitFor(() => childrenOf(parent.pid as number).find((child) => child.state === 'Z')?.pid);
}

// SQLite's lease is a row naming the holder's process, taken over when that process is gone.
describe.runIf(storeUnderTest === 'sqlite')('leases in the SQLite state database', () => {
  it('are held by one live process at a time, and taken over from a dead one', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'broadsheet-lease-'));
    const first = openDatabase(stateDir);
    const second = openDatabase(stateDir);
    cleanups.push(() => first.close(), () => second.close());
    const other = livePid();
    const held = acquireLease(first, 'digest-send', now, other);
    expect(acquireLease(second, 'digest-send', now)).toEqual({ heldBy: other });
    expect('release' in held).toBe(true);
    if ('release' in held) held.release();
    const mine = acquireLease(second, 'digest-send', now);
    expect('release' in mine).toBe(true);

    const dead = await deadPid();
    acquireLease(first, 'scheduler', now, dead);
    expect('release' in acquireLease(second, 'scheduler', now)).toBe(true);
  });

  it('are taken over from a holder that is a zombie: exited, but never reaped by its parent', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'broadsheet-lease-'));
    const db = openDatabase(stateDir);
    cleanups.push(() => db.close());
    const zombie = await zombiePid();
    acquireLease(db, 'digest-send', now, zombie);
    expect('release' in acquireLease(db, 'digest-send', now)).toBe(true);
  });

  it('are taken over when the holder pid now belongs to another process (a restart reused it)', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'broadsheet-lease-'));
    const db = openDatabase(stateDir);
    cleanups.push(() => db.close());
    const reused = livePid();
    const [, , boot] = processIdentity(reused).split('@');
    db.prepare('INSERT INTO leases (name, pid, process, acquired_at) VALUES (?, ?, ?, ?)').run('scheduler', reused, `${reused}@1@${boot}`, now.toISOString());
    expect('release' in acquireLease(db, 'scheduler', now)).toBe(true);
  });

  it('go to exactly one of several processes racing for a lease a dead process left', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'broadsheet-lease-'));
    const db = openDatabase(stateDir);
    acquireLease(db, 'digest-send', now, await deadPid());
    db.close();
    const racer = `
      const { openDatabase } = await import(${JSON.stringify(join(REPO_ROOT, 'dist/store/database.js'))});
      const { acquireLease } = await import(${JSON.stringify(join(REPO_ROOT, 'dist/store/lease.js'))});
      const db = openDatabase(${JSON.stringify(stateDir)});
      const lease = acquireLease(db, 'digest-send', new Date());
      console.log('release' in lease ? 'got' : 'held');
      await new Promise((resolve) => setTimeout(resolve, 2000));
      if ('release' in lease) lease.release();
      db.close();`;
    const outputs = await Promise.all(
      Array.from({ length: 4 }, () => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', racer]);
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        return new Promise<string>((resolve) => child.on('exit', () => resolve(out.trim())));
      }),
    );
    expect(outputs.sort()).toEqual(['got', 'held', 'held', 'held']);
  });
});

// PostgreSQL's is a session advisory lock: the server frees it when the holder's connection ends, on whatever machine it ran.
describe.runIf(storeUnderTest === 'postgres')('leases in the PostgreSQL state database', () => {
  it('are held by one connection at a time, which says who holds it, until the holder releases it', () => {
    const shared = sharedTempDatabase();
    const [first, second] = [shared.connect(), shared.connect()];
    cleanups.push(() => first.close(), () => second.close());
    const held = acquireLease(first, 'digest-send', now);
    expect(acquireLease(second, 'digest-send', now)).toEqual({ heldBy: process.pid });
    expect('release' in acquireLease(second, 'scheduler', now)).toBe(true);
    if ('release' in held) held.release();
    expect('release' in acquireLease(second, 'digest-send', now)).toBe(true);
    expect(acquireLease(first, 'digest-send', now)).toEqual({ heldBy: process.pid });
  });

  it("are freed when the holder's connection closes without releasing them", () => {
    const shared = sharedTempDatabase();
    const [holder, other] = [shared.connect(), shared.connect()];
    cleanups.push(() => other.close());
    expect('release' in acquireLease(holder, 'scheduler', now)).toBe(true);
    expect('heldBy' in acquireLease(other, 'scheduler', now)).toBe(true);
    holder.close();
    expect('release' in acquireLease(other, 'scheduler', now)).toBe(true);
  });

  it('are freed when the holding process is killed (SIGKILL), and go to the next that asks', async () => {
    const shared = sharedTempDatabase();
    const db = shared.connect();
    cleanups.push(() => db.close());
    const holder = spawnWithDatabase(
      shared.address,
      `const { acquireLease } = await import(dist + '/store/lease.js');
       console.log('release' in acquireLease(db, 'digest-send', new Date()) ? 'got' : 'held');
       await new Promise((resolve) => setTimeout(resolve, 60000));`,
    );
    cleanups.push(() => holder.kill('SIGKILL'));
    let said = '';
    holder.stdout.on('data', (chunk: Buffer) => (said += chunk.toString()));
    await waitFor(() => (said.includes('got') ? true : undefined));
    expect(acquireLease(db, 'digest-send', now)).toEqual({ heldBy: holder.pid });
    holder.kill('SIGKILL');
    const lease = await waitFor(() => {
      const taken = acquireLease(db, 'digest-send', now);
      return 'release' in taken ? taken : undefined;
    });
    expect(lease).toBeDefined();
  });
});
