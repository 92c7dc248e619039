import { afterEach, describe, expect, it } from 'vitest';
import { outboxCounts } from '../../src/delivery/outbox.js';
import { openDatabase } from '../../src/store/database.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';
import { runCli } from '../support/cli.js';
import { makeProject } from '../support/project.js';
import { startSmtpSink } from '../support/smtpSink.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const readers = ['ann@example.org', 'bob@example.org', 'cy@example.org'];

/** Three confirmed readers of the sample content, a real SMTP server, and `digest send` with the arguments given. */
async function queueingProject() {
  const sink = await startSmtpSink();
  cleanups.push(() => sink.close());
  const project = await makeProject({ smtpUrl: sink.url });
  const db = openDatabase(project.config.paths.stateDir);
  const store = new SubscriberStore(db, () => new Date());
  for (const email of readers) store.upsert(parseEmailAddress(email), 'confirmed', 'test');
  db.close();
  const send = (...args: string[]) => runCli(['digest', 'send', '--config', project.configFile, ...args], { cwd: project.dir, env: project.env });
  const counts = () => {
    const state = openDatabase(project.config.paths.stateDir);
    try {
      return outboxCounts(state, 1);
    } finally {
      state.close();
    }
  };
  return { sink, send, counts };
}

describe('broadsheet digest send --queue-only', () => {
  it('composes the digest and queues one message per reader, sending none; `digest send` then sends each once', async () => {
    const { sink, send, counts } = await queueingProject();
    const queued = await send('--queue-only');
    expect(queued.stderr).toBe('');
    expect(queued.code).toBe(0);
    expect(queued.stdout).toMatch(/^Digest 1 ".+": 3 messages queued, none sent; `broadsheet digest send` sends them\.\n$/);
    expect(sink.received).toEqual([]);
    expect(counts()).toEqual({ queued: 3, sent: 0, failed: 0, skipped: 0 });

    const sent = await send();
    expect(sent.code).toBe(0);
    expect(sent.stdout).toContain('Digest 1');
    expect(sent.stdout).toContain('(resumed): sent 3, failed 0, skipped 0, deferred 0.');
    expect(sink.recipientsOfDigest(1)).toEqual(readers);
    expect(counts()).toEqual({ queued: 0, sent: 3, failed: 0, skipped: 0 });
  });

  it('leaves what an earlier digest left queued for a sender, and says when there is nothing new', async () => {
    const { sink, send, counts } = await queueingProject();
    await send('--queue-only');
    const again = await send('--queue-only');
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('No new articles since the last digest: nothing to send.\n');
    expect(sink.received).toEqual([]);
    expect(counts().queued).toBe(3);
  });
});
