import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './cli.js';

/**
 * Another process on the same state database: runs `body` with `db` open on the database at `address` (a
 * state folder or a PostgreSQL URL, tests/support/database.ts) and `dist`, the built modules' folder, for
 * `await import(dist + '/...')`. Needs `npm run build`.
 */
export function spawnWithDatabase(address: string, body: string): ChildProcessWithoutNullStreams {
  const script = `
    const dist = ${JSON.stringify(join(REPO_ROOT, 'dist'))};
    const { openDatabase } = await import(dist + '/store/database.js');
    const { openPostgres } = await import(dist + '/store/postgresDatabase.js');
    const address = ${JSON.stringify(address)};
    const db = address.startsWith('postgres') ? openPostgres(address) : openDatabase(address);
    try {
      ${body}
    } finally {
      db.close();
    }`;
  return spawn(process.execPath, ['--input-type=module', '-e', script]);
}

/** `body` run by spawnWithDatabase: what it printed, trimmed; rejects when it fails. */
export function runWithDatabase(address: string, body: string): Promise<string> {
  const child = spawnWithDatabase(address, body);
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`exited with ${code}: ${err}`)))));
}

/**
 * A line for a `body` of several processes that makes them start their work together: each says it is
 * there in `dir`, then waits until `count` have.
 */
export function startTogether(dir: string, count: number): string {
  return `
    const { readdirSync, writeFileSync } = await import('node:fs');
    writeFileSync(${JSON.stringify(dir)} + '/' + process.pid, '');
    while (readdirSync(${JSON.stringify(dir)}).length < ${count});`;
}
