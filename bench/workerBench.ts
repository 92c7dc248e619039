import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectPostgres, openPostgres } from '../src/store/postgresDatabase.js';
import { startPostgresCluster } from '../tests/support/postgresCluster.js';
import { startSink } from './smtpSink.js';

export interface WorkerFigures {
  workers: number;
  messages: number;
  seconds: number;
  perSecond: number;
  /** Messages per second over one worker's. */
  ratio: number;
}

/**
 * `messages` queued on a new PostgreSQL database (its own throwaway server), then sent by 1, 2 and 4
 * `broadsheet worker --until-done` processes (the built CLI) to a sink that answers each message after
 * `delayMs`: the time from the workers' start to the last one's exit, each count on a database of its own.
 */
export async function benchWorkers(root: string, options: { messages: number; workers: readonly number[]; delayMs: number }): Promise<WorkerFigures[]> {
  const cluster = await startPostgresCluster();
  const sink = await startSink(options.delayMs);
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-worker-bench-'));
  try {
    const configFile = join(dir, 'broadsheet.config.json');
    await writeFile(
      configFile,
      JSON.stringify({
        site: { title: 'Worker Bench', url: 'https://bench.example.org/' },
        paths: { content: join(root, 'content'), templates: join(root, 'templates'), out: join(dir, 'out'), stateDir: join(dir, 'state') },
        digest: { contactLine: 'Worker Bench, 1 Quay Street, Port Example' },
        email: { from: { name: 'Worker Bench', address: 'digest@bench.example.org' } },
      }),
    );
    const figures: WorkerFigures[] = [];
    for (const workers of options.workers) {
      const url = `${cluster.baseUrl}workers_${workers}`;
      const admin = connectPostgres(`${cluster.baseUrl}postgres`);
      admin.exec(`CREATE DATABASE workers_${workers}`);
      admin.close();
      const db = openPostgres(url, { migrate: true });
      // One statement: the bench is about sending, not about adding subscribers one by one.
      db.prepare(
        `INSERT INTO subscribers (email, email_key, status, source, created_at, updated_at, confirmed_at)
         SELECT 'reader' || n || '@example.org', 'reader' || n || '@example.org', 'confirmed', 'bench', now()::text, now()::text, now()::text FROM generate_series(1, ${options.messages}) AS n`,
      ).run();
      db.close();
      const env = { ...process.env, BROADSHEET_DATABASE_URL: url, BROADSHEET_SECRET: 'bench-secret-0123456789abcdef-0123', SMTP_URL: sink.url };
      await run(root, ['digest', 'send', '--queue-only', '--config', configFile], dir, env);
      const before = sink.count();
      const start = performance.now();
      await Promise.all(Array.from({ length: workers }, () => run(root, ['worker', '--until-done', '--config', configFile], dir, env)));
      const seconds = (performance.now() - start) / 1000;
      const sent = sink.count() - before;
      if (sent < options.messages) throw new Error(`${workers} workers sent ${sent} of ${options.messages} messages`);
      const perSecond = Math.round(options.messages / seconds);
      figures.push({ workers, messages: options.messages, seconds: Number(seconds.toFixed(2)), perSecond, ratio: Number((perSecond / (figures[0]?.perSecond ?? perSecond)).toFixed(2)) });
    }
    return figures;
  } finally {
    await sink.close();
    cluster.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

function run(root: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bin/broadsheet.js'), ...args], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`broadsheet ${args.join(' ')} exited ${code}: ${stderr}`))));
  });
}
