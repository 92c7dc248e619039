import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface Measurement {
  wallSeconds: number;
  peakRssMb: number;
}

/**
 * Wall time and peak resident memory of a command, measured by GNU time (Debian's `time` package) so that
 * broadsheet and Hugo are measured the same way.
 */
export function measureCommand(command: string, args: string[], cwd: string): Measurement {
  if (!existsSync('/usr/bin/time')) throw new Error('GNU time is missing: apt-get install -y time');
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], { cwd, encoding: 'utf8', env: measuredEnvironment() });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
  const [wall, rss] = (result.stderr.trim().split('\n').at(-1) ?? '').split(' ');
  return { wallSeconds: Number(wall), peakRssMb: Math.round(Number(rss) / 1024) };
}

/**
 * The environment without NODE_EXTRA_CA_CERTS: Node parses that certificate file at start-up, before any of
 * broadsheet runs (~0.09 s a process on the machine in README's table, which sets it for its npm proxy).
 * A build makes no TLS connection, so the figures leave out what is a property of the machine.
 */
function measuredEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

/** Seconds a function takes, for work measured inside this process. */
export async function timeIt(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return (performance.now() - start) / 1000;
}

/** The best of `times` runs: this machine is shared, and the best run is the one least disturbed. */
export async function best<T extends Measurement | number>(times: number, run: () => Promise<T> | T): Promise<T> {
  const results: T[] = [];
  for (let i = 0; i < times; i++) results.push(await run());
  const seconds = (r: T) => (typeof r === 'number' ? r : r.wallSeconds);
  return results.reduce((a, b) => (seconds(b) < seconds(a) ? b : a));
}
