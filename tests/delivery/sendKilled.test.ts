import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { simpleParser } from 'mailparser';
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

/**
 * `count` confirmed readers, and a server that waits 150 ms before each MAIL FROM, one connection at a time.
 * With `topics`, reader i chooses `topics[i % topics.length]` of the sample content's culture and transport.
 */
async function slowSendTo(count: number, topics?: string[][]) {
  const sink = await startSmtpSink({ mailFromDelayMs: 150 });
  cleanups.push(() => sink.close());
  const digest = topics === undefined ? {} : { topics: [{ tag: 'culture', label: 'Culture' }, { tag: 'transport', label: 'Transport' }] };
  const project = await makeProject({ smtpUrl: sink.url, email: { maxConnections: 1 }, digest });
  const db = openDatabase(project.config.paths.stateDir);
  const store = new SubscriberStore(db, () => new Date());
  const everyone = Array.from({ length: count }, (_, i) => `reader${i}@example.org`);
  for (const [i, email] of everyone.entries()) {
    const { subscriber } = store.upsert(parseEmailAddress(email), 'confirmed', 'test');
    if (topics !== undefined) store.setTopics(subscriber.id, topics[i % topics.length] ?? []);
  }
  db.close();
  return { sink, project, everyone };
}

/** `digest send` in a child process, killed with SIGKILL once the server has taken 4 messages. */
async function killMidSend(project: { dir: string; configFile: string; env: Record<string, string> }, sink: { received: unknown[] }): Promise<void> {
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
}

describe('a send killed half-way', () => {
  it('delivers the rest on the next run, and nobody twice', async () => {
    // The server waits 150 ms before each MAIL FROM, so the kill lands between messages. (A kill in the
    // instant between the server's 250 and the outbox update cannot be told apart from a lost answer by
    // any SMTP client; the outbox makes that window a few microseconds, and the Message-ID is stable.)
    const { sink, project, everyone } = await slowSendTo(10);

    await killMidSend(project, sink);
    const beforeResume = sink.received.length;
    expect(beforeResume).toBeLessThan(everyone.length);

    sink.behaviour.mailFromDelayMs = undefined;
    const again = await runCli(['digest', 'send', '--config', project.configFile], { cwd: project.dir, env: project.env });
    expect(again.stdout).toContain('(resumed)');
    expect(again.code).toBe(0);
    expect(sink.recipients()).toEqual([...everyone].sort());
  });

  it('with topics: delivers each reader the one edition of their topics, after the kill as before it', async () => {
    const choices = [['culture'], ['transport'], []];
    const { sink, project, everyone } = await slowSendTo(12, choices);
    await killMidSend(project, sink);
    expect(sink.received.length).toBeLessThan(everyone.length);

    sink.behaviour.mailFromDelayMs = undefined;
    const again = await runCli(['digest', 'send', '--config', project.configFile], { cwd: project.dir, env: project.env });
    expect(again.stdout).toMatch(/^Digest 1 "The Test Gazette: 1 new article" and 2 other editions \(resumed\): sent \d+/m);
    expect(again.stdout).toContain('No new articles since the last digest: no new digest.');
    expect(again.code).toBe(0);
    expect(sink.recipients()).toEqual([...everyone].sort());
    for (const [i, email] of everyone.entries()) {
      const text = (await simpleParser(sink.received.find((mail) => mail.to.includes(email))?.raw ?? '')).text ?? '';
      const topics = choices[i % choices.length] ?? [];
      expect(text.includes('Library trial'), email).toBe(topics.length === 0 || topics.includes('culture'));
      expect(text.includes('Night trains return'), email).toBe(topics.length === 0 || topics.includes('transport'));
      expect(text.includes('School meals') || text.includes('school meals'), email).toBe(topics.length === 0);
    }
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
