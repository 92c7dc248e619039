import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ENQUEUE_BATCH } from '../../src/delivery/outbox.js';
import { createSmtpMailer } from '../../src/delivery/smtpMailer.js';
import type { SendOptions } from '../../src/pipeline/sendDigest.js';
import { sendDigest } from '../../src/pipeline/sendDigest.js';
import type { Db } from '../../src/store/database.js';
import { partlyQueuedDigests, unfinishedDigests } from '../../src/store/digestLog.js';
import { DATABASES, openFreshDatabase } from '../support/databases.js';
import type { DatabaseKind } from '../support/databases.js';
import { makeProject } from '../support/project.js';
import { startSmtpSink } from '../support/smtpSink.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** More readers than two batches of the queueing hold. */
const READERS = 2 * ENQUEUE_BATCH + 1_000;
/** A reader in the second batch, whose row the database refuses until the test lets it: a crash between two batches. */
const FAILS_AT = ENQUEUE_BATCH + 2_000;

const READERS_SQL = {
  sqlite: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${READERS}) INSERT INTO subscribers (email, email_key, status, source, created_at, updated_at, confirmed_at) SELECT 'r' || i || '@example.org', 'r' || i || '@example.org', 'confirmed', 'test', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z' FROM n`,
  postgres: `INSERT INTO subscribers (email, email_key, status, source, created_at, updated_at, confirmed_at) SELECT 'r' || i || '@example.org', 'r' || i || '@example.org', 'confirmed', 'test', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z' FROM generate_series(1, ${READERS}) AS i`,
};
const FAILURE_SQL = {
  sqlite: { on: `CREATE TRIGGER crash BEFORE INSERT ON outbox WHEN NEW.subscriber_id = ${FAILS_AT} BEGIN SELECT RAISE(ABORT, 'the process died here'); END`, off: 'DROP TRIGGER crash' },
  postgres: {
    on: `CREATE FUNCTION crash() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.subscriber_id = ${FAILS_AT} THEN RAISE EXCEPTION 'the process died here'; END IF; RETURN NEW; END $$;
         CREATE TRIGGER crash BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION crash()`,
    off: 'DROP TRIGGER crash ON outbox',
  },
};

async function bigList(kind: DatabaseKind) {
  const sink = await startSmtpSink();
  const project = await makeProject({ smtpUrl: sink.url, ownContent: true });
  const db = openFreshDatabase(kind);
  cleanups.push(() => db.close(), () => sink.close());
  db.exec(READERS_SQL[kind]);
  const clock = { now: new Date('2026-11-25T08:00:00Z') };
  const send = (options: Partial<SendOptions> = {}) =>
    sendDigest(project.config, { db, createMailer: () => createSmtpMailer(project.config.email), now: () => clock.now, sleep: async () => {}, displayRoot: project.dir, onProgress: () => {} }, { dryRun: false, ...options });
  const crashAt = () => db.exec(FAILURE_SQL[kind].on);
  const noCrash = () => db.exec(FAILURE_SQL[kind].off);
  return { sink, project, db, clock, send, crashAt, noCrash };
}

function rows(db: Db): { count: number; subscribers: number; lowest: number; highest: number } {
  return db.prepare('SELECT COUNT(*) AS count, COUNT(DISTINCT subscriber_id) AS subscribers, MIN(subscriber_id) AS lowest, MAX(subscriber_id) AS highest FROM outbox WHERE digest_number = 1').get() as never;
}

describe.each(DATABASES)('queueing a digest in batches, on %s', (kind) => {
  it('after a crash between two batches, mails nobody, and the next run queues the rest: one row for every reader', async () => {
    const { sink, db, send, crashAt, noCrash } = await bigList(kind);
    crashAt();
    await expect(send()).rejects.toThrow('the process died here');
    // The first batch is queued, the digest is not: no sender sees it, and nobody was mailed.
    expect(rows(db)).toEqual({ count: ENQUEUE_BATCH, subscribers: ENQUEUE_BATCH, lowest: 1, highest: ENQUEUE_BATCH });
    expect(partlyQueuedDigests(db).map((d) => d.number)).toEqual([1]);
    expect(unfinishedDigests(db)).toEqual([]);
    expect(sink.received).toEqual([]);

    noCrash();
    expect(await send({ queueOnly: true })).toMatchObject({ kind: 'queued', digests: [{ number: 1, editions: 1, messages: READERS }] });
    expect(rows(db)).toEqual({ count: READERS, subscribers: READERS, lowest: 1, highest: READERS });
    expect(db.prepare(`SELECT COUNT(*) FROM outbox WHERE digest_number = 1 AND (status <> 'queued' OR edition <> 1 OR message_id NOT LIKE '%' || subscriber_id || '%')`).pluck().get()).toBe(0);
    expect(partlyQueuedDigests(db)).toEqual([]);
    expect(unfinishedDigests(db).map((d) => d.number)).toEqual([1]);
    expect(sink.received).toEqual([]);
  });

  it('gives the readers queued after the crash an edition of their own when an article was published meanwhile', async () => {
    const { project, db, send, crashAt, noCrash } = await bigList(kind);
    crashAt();
    await expect(send({ queueOnly: true })).rejects.toThrow('the process died here');
    noCrash();
    await writeFile(join(project.content, 'quay-news.md'), '---\ntitle: News from the quay\ndate: 2026-11-25\n---\nNews.\n');
    // Digest 2 brings the new article to the readers whose edition of digest 1 was queued before it.
    expect(await send({ queueOnly: true })).toMatchObject({ kind: 'queued', digests: [{ number: 1, editions: 2, messages: READERS }, { number: 2, messages: ENQUEUE_BATCH }] });
    const editions = db.prepare('SELECT edition, COUNT(*) AS readers, MIN(subscriber_id) AS lowest FROM outbox WHERE digest_number = 1 GROUP BY edition ORDER BY edition').all();
    expect(editions).toEqual([
      { edition: 1, readers: ENQUEUE_BATCH, lowest: 1 },
      { edition: 2, readers: READERS - ENQUEUE_BATCH, lowest: ENQUEUE_BATCH + 1 },
    ]);
    expect(db.prepare(`SELECT edition FROM digest_editions WHERE digest_number = 1 AND html LIKE '%News from the quay%'`).pluck().all()).toEqual([2]);
  });
});
