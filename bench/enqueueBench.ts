import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../src/config/loadConfig.js';
import { sendDigest } from '../src/pipeline/sendDigest.js';
import type { Db } from '../src/store/database.js';
import { openDatabase } from '../src/store/database.js';
import { connectPostgres, openPostgres } from '../src/store/postgresDatabase.js';
import { startPostgresCluster } from '../tests/support/postgresCluster.js';

/** One database's figures: composing a digest for `rows` confirmed subscribers and queueing its outbox rows. */
export interface EnqueueFigures {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  /** The process's peak resident memory (process.resourceUsage().maxRSS) once the rows are queued. */
  peakRssMb: number;
  /** The same before queueing began (Node, the modules, the content read): what the queueing added is the difference. */
  rssBeforeMb: number;
}

export interface EnqueueBenchFigures {
  sqlite: EnqueueFigures;
  /** undefined where PostgreSQL is not installed. */
  postgres: EnqueueFigures | undefined;
}

const ROOT = resolve(import.meta.dirname, '..');
const SECRET = 'bench-secret-0123456789abcdef-0123';

/**
 * `digest send --queue-only` for `rows` confirmed subscribers (a million in the full bench), on SQLite and on a
 * throwaway PostgreSQL: the selection, the one MJML render and the outbox rows in batches. Each runs in a
 * process of its own, so that its peak memory is its own and not the bench's.
 */
export async function benchEnqueue(rows: number): Promise<EnqueueBenchFigures> {
  const sqlite = runChild(['sqlite', String(rows)], {});
  let postgres: EnqueueFigures | undefined;
  const cluster = await startPostgresCluster().catch(() => undefined);
  if (cluster !== undefined) {
    try {
      const admin = connectPostgres(`${cluster.baseUrl}postgres`);
      admin.exec('CREATE DATABASE bench');
      admin.close();
      openPostgres(`${cluster.baseUrl}bench`, { migrate: true }).close();
      postgres = runChild(['postgres', String(rows)], { BROADSHEET_DATABASE_URL: `${cluster.baseUrl}bench` });
    } finally {
      cluster.stop();
    }
  }
  return { sqlite, postgres };
}

/** One line for the bench's output. */
export function enqueueSummary(figures: EnqueueBenchFigures): string {
  const line = (name: string, f: EnqueueFigures | undefined) =>
    f === undefined ? `${name} not installed` : `${name} ${f.seconds.toFixed(1)} s (${f.rowsPerSecond} rows/s), peak RSS ${f.peakRssMb} MB (${f.rssBeforeMb} MB before)`;
  return `Enqueue: a digest composed and ${figures.sqlite.rows} outbox rows queued (--queue-only): ${line('SQLite', figures.sqlite)}; ${line('PostgreSQL', figures.postgres)}`;
}

function runChild(args: string[], env: Record<string, string>): EnqueueFigures {
  const result = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'bench/enqueueBench.ts'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`enqueue bench (${args.join(' ')}) failed (${result.status}):\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as EnqueueFigures;
}

/** `count` confirmed subscribers in one statement: the bench measures the queueing, not the sign-ups. */
function addSubscribers(db: Db, count: number): void {
  const columns = `'r' || i || '@example.org', 'r' || i || '@example.org', 'confirmed', 'bench', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z'`;
  const insert = 'INSERT INTO subscribers (email, email_key, status, source, created_at, updated_at, confirmed_at)';
  db.exec(
    db.dialect === 'sqlite'
      ? `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count}) ${insert} SELECT ${columns} FROM n`
      : `${insert} SELECT ${columns} FROM generate_series(1, ${count}) AS i`,
  );
}

/** In the child: a database of `rows` subscribers, then one queue-only run, measured. */
async function child(kind: string, rows: number): Promise<EnqueueFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-enqueue-'));
  try {
    const configFile = join(dir, 'broadsheet.config.json');
    await writeFile(
      configFile,
      JSON.stringify({
        site: { title: 'Bench', url: 'https://bench.example.org/' },
        paths: { content: join(ROOT, 'content'), templates: join(ROOT, 'templates'), out: join(dir, 'out'), stateDir: join(dir, 'state') },
        digest: { contactLine: 'Bench, 1 Quay Street' },
        email: { from: { name: 'Bench', address: 'digest@bench.example.org' } },
      }),
    );
    const url = process.env.BROADSHEET_DATABASE_URL;
    const config = loadConfig({ cwd: dir, env: { BROADSHEET_SECRET: SECRET, ...(kind === 'postgres' && url !== undefined ? { BROADSHEET_DATABASE_URL: url } : {}) }, configFile });
    const db: Db = kind === 'postgres' && url !== undefined ? openPostgres(url) : openDatabase(config.paths.stateDir);
    try {
      addSubscribers(db, rows);
      const rssBeforeMb = Math.round(process.resourceUsage().maxRSS / 1024);
      const start = performance.now();
      const report = await sendDigest(
        config,
        { db, createMailer: () => Promise.reject(new Error('a queue-only run mails nothing')), now: () => new Date(), sleep: async () => {}, displayRoot: dir, onProgress: () => {} },
        { dryRun: false, queueOnly: true },
      );
      const seconds = (performance.now() - start) / 1000;
      const queued = db.prepare('SELECT COUNT(*) FROM outbox').pluck().get() as number;
      if (report.kind !== 'queued' || queued !== rows) throw new Error(`queued ${queued} rows of ${rows} (${report.kind})`);
      return { rows, seconds, rowsPerSecond: Math.round(rows / seconds), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), rssBeforeMb };
    } finally {
      db.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [kind = 'sqlite', rows] = process.argv.slice(2);
  if (rows === undefined) {
    // Run by hand: `npx tsx bench/enqueueBench.ts [--quick]`, both databases.
    console.log(JSON.stringify(await benchEnqueue(process.argv.includes('--quick') ? 100_000 : 1_000_000), null, 2));
  } else {
    console.log(JSON.stringify(await child(kind, Number(rows))));
  }
}
