import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { childrenOf, waitFor } from '../support/processes.js';
import { makeProject } from '../support/project.js';
import { startSmtpSink } from '../support/smtpSink.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** `count` confirmed readers, and a server that waits 150 ms before each MAIL FROM, one connection at a time. */
async function slowSendTo(count: number) {
  const sink = await startSmtpSink({ mailFromDelayMs: 150 });
  cleanups.push(() => sink.close());
  const project = await makeProject({ smtpUrl: sink.url, email: { maxConnections: 1 } });
  const db = openDatabase(project.config.paths.stateDir);
  const store = new SubscriberStore(db, () => new Date());
  const everyone = Array.from({ length: count }, (_, i) => `reader${i}@example.org`);
  for (const email of everyone) store.upsert(parseEmailAddress(email), 'confirmed', 'test');
  db.close();
  return { sink, project, everyone };
}

describe('a send killed half-way', () => {
  it('delivers the rest on the next run, and nobody twice', async () => {
    // The server waits 150 ms before each MAIL FROM, so the kill lands between messages. (A kill in the
    // instant between the server's 250 and the outbox update cannot be told apart from a lost answer by
    // any SMTP client; the outbox makes that window a few microseconds, and the Message-ID is stable.)
    const { sink, project, everyone } = await slowSendTo(10);

    const child = spawn(process.execPath, [resolve(REPO_ROOT, 'bin/broadsheet.js'), 'digest', 'send', '--config', project.configFile], {
      cwd: project.dir,
      env: { ...process.env, ...project.env },
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)));
    await until(() => sink.received.length >= 4, 20_000);
    await new Promise((r) => setTimeout(r, 30));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const beforeResume = sink.received.length;
    expect(beforeResume).toBeLessThan(everyone.length);

    sink.behaviour.mailFromDelayMs = undefined;
    const again = await runCli(['digest', 'send', '--config', project.configFile], { cwd: project.dir, env: project.env });
    expect(again.stdout).toContain('(resumed)');
    expect(again.code).toBe(0);
    expect(sink.recipients()).toEqual([...everyone].sort());
  });

  it('takes over the lease of a sender killed and left a zombie (no one reaps it), and delivers the rest once', async () => {
    const { sink, project, everyone } = await slowSendTo(8);

    // As under `npx` in a container without an init: the sender's parent does not wait for it (it became
    // `sleep` by exec), so once killed it stays a zombie, its pid alive to kill(pid, 0).
    const send = `"${process.execPath}" "${resolve(REPO_ROOT, 'bin/broadsheet.js')}" digest send --config "${project.configFile}" >/dev/null`;
    const parent = spawn('sh', ['-c', `${send} & exec sleep 60`], { cwd: project.dir, env: { ...process.env, ...project.env }, stdio: 'ignore' });
    cleanups.push(async () => void parent.kill('SIGKILL'));
    await until(() => sink.received.length >= 3, 20_000);
    const sender = await waitFor(() => childrenOf(parent.pid as number)[0]?.pid);
    process.kill(sender, 'SIGKILL');
    await waitFor(() => (childrenOf(parent.pid as number).some((child) => child.pid === sender && child.state === 'Z') ? true : undefined));

    sink.behaviour.mailFromDelayMs = undefined;
    const again = await runCli(['digest', 'send', '--config', project.configFile], { cwd: project.dir, env: project.env });
    expect(again.stderr).toBe('');
    expect(again.stdout).toContain('(resumed)');
    expect(again.code).toBe(0);
    expect(sink.recipients()).toEqual([...everyone].sort());
  });
});
