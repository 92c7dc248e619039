import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { REPO_ROOT } from './cli.js';

export interface DevProcess {
  url: string;
  /** Everything it printed so far. */
  output(): string;
  /** SIGINT, as Ctrl-C; resolves with its exit code. */
  stop(): Promise<number | null>;
}

/** Runs the built `broadsheet dev --port 0` in `cwd` and waits (at most 30 s) for the address it prints. */
export function startDevProcess(cwd: string, env: Record<string, string> = {}): Promise<DevProcess> {
  const child = spawn(process.execPath, [resolve(REPO_ROOT, 'bin/broadsheet.js'), 'dev', '--port', '0'], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return new Promise((ready, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`broadsheet dev printed no address within 30 s:\n${output}`));
    }, 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const url = /^broadsheet dev: (http:\/\/\S+\/) /m.exec(output)?.[1];
      if (url === undefined) return;
      clearTimeout(timer);
      child.stdout.off('data', read);
      child.stdout.on('data', (more: Buffer) => (output += more.toString('utf8')));
      ready({
        url,
        output: () => output,
        stop: () => {
          child.kill('SIGINT');
          return exited;
        },
      });
    };
    child.stdout.on('data', read);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`broadsheet dev exited with ${code}:\n${output}`));
    });
  });
}
