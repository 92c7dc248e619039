import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { outboxCounts } from '../../src/delivery/outbox.js';
import { createSmtpMailer } from '../../src/delivery/smtpMailer.js';
import type { SendReport } from '../../src/pipeline/sendDigest.js';
import { sendDigest } from '../../src/pipeline/sendDigest.js';
import { openDatabase } from '../../src/store/database.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';
import { runCli } from '../support/cli.js';
import { makeProject } from '../support/project.js';
import { startSmtpSink } from '../support/smtpSink.js';

const DAY = 24 * 3600 * 1000;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Three readers, one of whose mailbox answers 451 for ever, on a copy of the sample content and a clock the test moves. */
async function stuckMailbox() {
  const sink = await startSmtpSink({ deferAlways: ['stuck@example.org'] });
  const project = await makeProject({ smtpUrl: sink.url, ownContent: true });
  const db = openDatabase(project.config.paths.stateDir);
  cleanups.push(() => db.close(), () => sink.close());
  const clock = { now: new Date('2026-11-25T08:00:00Z') };
  const store = new SubscriberStore(db, () => clock.now);
  for (const email of ['ann@example.org', 'bob@example.org', 'stuck@example.org']) store.upsert(parseEmailAddress(email), 'confirmed', 'test');
  const send = (): Promise<SendReport> =>
    sendDigest(project.config, { db, createMailer: () => createSmtpMailer(project.config.email), now: () => clock.now, sleep: async () => {}, displayRoot: project.dir, onProgress: () => {} }, { dryRun: false });
  const publish = (slug: string, title: string) => writeFile(join(project.content, `${slug}.md`), `---\ntitle: ${title}\ndate: 2026-11-25\n---\nNews.\n`);
  const row = (digest: number) => db.prepare("SELECT o.status, o.response FROM outbox o JOIN subscribers s ON s.id = o.subscriber_id WHERE o.digest_number = ? AND s.email = 'stuck@example.org'").get(digest);
  return { sink, project, db, store, clock, send, publish, row };
}

describe('a mailbox that defers for ever', () => {
  it('does not hold up a later digest, and is given up after email.retryFor without counting as a bounce', async () => {
    const { sink, project, db, store, clock, send, publish, row } = await stuckMailbox();
    const t0 = clock.now.getTime();
    expect(await send()).toMatchObject({ kind: 'sent', passes: [{ number: 1, complete: false, summary: { sent: 2, deferred: 1 } }], waiting: { count: 1, retryUntil: new Date(t0 + 3 * DAY) } });

    // A day later, something new: digest 1 is retried first, then digest 2 reaches everyone it can.
    await publish('quay-news', 'News from the quay');
    clock.now = new Date(t0 + DAY);
    const second = await send();
    expect(second).toMatchObject({ kind: 'sent', newDigest: 'composed', passes: [{ number: 1, resumed: true, summary: { deferred: 1 } }, { number: 2, resumed: false, summary: { sent: 2, deferred: 1 } }], archiveFiles: [] });
    expect(sink.recipientsOfDigest(2)).toEqual(['ann@example.org', 'bob@example.org']);

    // Three days after its first try, digest 1's row is given up; digest 1 is finished and archived.
    clock.now = new Date(t0 + 3 * DAY + 1000);
    const third = await send();
    expect(third).toMatchObject({ kind: 'sent', gaveUp: 1, newDigest: 'nothing-new', passes: [{ number: 1, complete: true }, { number: 2, complete: false }], waiting: { count: 1, retryUntil: new Date(t0 + 4 * DAY) } });
    expect(row(1)).toEqual({ status: 'failed', response: 'gave up after 10 tries over 3 days' });
    expect(store.find(parseEmailAddress('stuck@example.org'))).toMatchObject({ status: 'confirmed', bounceCount: 0 });
    const index = () => readFile(join(project.config.paths.out, 'archive/index.html'), 'utf8');
    expect(await index()).toContain('Issue 1:');
    expect(await index()).not.toContain('Issue 2:');

    // Digest 2's row is given up too; with both rows failed the stuck reader has been sent nothing, so a
    // digest of their own brings them what they missed (and defers again).
    clock.now = new Date(t0 + 4 * DAY + 1000);
    expect(await send()).toMatchObject({ kind: 'sent', gaveUp: 1, newDigest: 'composed', passes: [{ number: 2, complete: true }, { number: 3, resumed: false, complete: false, summary: { deferred: 1 } }] });
    expect(row(2)).toMatchObject({ status: 'failed', response: expect.stringMatching(/^gave up after \d+ tries over 3 days$/) });
    // Listed by number, though digest 1 finished first.
    expect((await index()).indexOf('Issue 2:')).toBeLessThan((await index()).indexOf('Issue 1:'));
    expect(await readFile(join(project.config.paths.out, 'archive/2/index.html'), 'utf8')).toContain('News from the quay');
    expect(sink.recipientsOfDigest(1)).toEqual(['ann@example.org', 'bob@example.org']);
    expect(db.prepare('SELECT subscriber_id FROM outbox WHERE digest_number = 3').pluck().all()).toEqual([store.find(parseEmailAddress('stuck@example.org'))?.id]);
  });

  it('counts the given-up row as one soft bounce of its subscriber', async () => {
    const { db, clock, send } = await stuckMailbox();
    await send();
    clock.now = new Date(clock.now.getTime() + 3 * DAY);
    await send();
    expect(db.prepare("SELECT kind, diagnostic FROM delivery_events").all()).toEqual([{ kind: 'soft-bounce', diagnostic: 'gave up after 5 tries over 3 days' }]);
    expect(outboxCounts(db, 1)).toMatchObject({ queued: 0, failed: 1, sent: 2 });
  });

  it('makes `digest send` exit 1 and say until when the waiting messages are retried', async () => {
    const { project, db } = await stuckMailbox();
    db.close();
    const run = await runCli(['digest', 'send', '--config', project.configFile], { cwd: project.dir, env: project.env });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/1 message could not be sent yet \(.*451 4\.2\.1 Mailbox busy.*\); `broadsheet digest send` retries them until \d{4}-\d\d-\d\dT[\d:.]+Z, then gives up\./);
  });
});
