import type { Db } from '../store/database.js';
import { markDigestQueued } from '../store/digestLog.js';

export type OutboxStatus = 'queued' | 'sent' | 'failed' | 'skipped';

export interface QueuedMessage {
  subscriberId: number;
  email: string;
  /** The subscriber's status now: someone who left after the digest was queued is skipped. */
  subscriberStatus: string;
  messageId: string;
  /** Which of its digest's editions they get. */
  edition: number;
}

/**
 * A digest's queued rows are read this many at a time (keyset pages by subscriber id), so a digest to a
 * million subscribers never holds all its rows in memory.
 */
export const QUEUE_PAGE_SIZE = 200;

export interface OutboxRow {
  subscriberId: number;
  messageId: string;
  edition: number;
}

/**
 * Rows queued in one transaction: a million in one would hold PostgreSQL's write lock (and SQLite's) for the
 * whole of it, and every subscribe and unsubscribe would wait.
 */
export const ENQUEUE_BATCH = 5_000;

/** Rows in one INSERT: one round trip to PostgreSQL for each, not each row. */
const ROWS_PER_INSERT = 500;

/**
 * One row per (digest, subscriber), in transactions of ENQUEUE_BATCH rows, the first of which also runs
 * `begin` (recording the digest) and the last marks the digest fully queued (digests.queued_at). Until then
 * no sender sends any of its rows (unfinishedDigests leaves it out), and a run that finds it queues the rest
 * first: a crash between two batches never leaves a half-queued digest that looks complete. Queueing the rest
 * again is harmless: a row that exists stays as it is (ON CONFLICT DO NOTHING), and a row only ever moves
 * forward. The rows come one at a time (a generator over the selection), so memory holds one batch.
 */
export function enqueue(db: Db, digestNumber: number, recipients: Iterable<OutboxRow>, now: Date, begin: () => void = () => undefined): void {
  const at = now.toISOString();
  const rows = recipients[Symbol.iterator]();
  const insert = inserter(db);
  let first = true;
  let done = false;
  while (!done) {
    db.transaction(() => {
      if (first) begin();
      first = false;
      const batch: unknown[][] = [];
      for (let n = 0; n < ENQUEUE_BATCH; n++) {
        const next = rows.next();
        if (next.done === true) {
          done = true;
          break;
        }
        batch.push([digestNumber, next.value.subscriberId, next.value.messageId, next.value.edition, at]);
        if (batch.length === ROWS_PER_INSERT) insert(batch.splice(0));
      }
      if (batch.length > 0) insert(batch);
      if (done) markDigestQueued(db, digestNumber, now);
    })();
  }
}

/** Inserts rows of (digest, subscriber, message id, edition, time), each INSERT statement prepared once for its number of rows. */
function inserter(db: Db): (rows: unknown[][]) => void {
  const statements = new Map<number, ReturnType<Db['prepare']>>();
  return (rows) => {
    let statement = statements.get(rows.length);
    if (statement === undefined) {
      const values = Array.from({ length: rows.length }, () => `(?, ?, 'queued', ?, ?, ?)`).join(', ');
      statement = db.prepare(`INSERT INTO outbox (digest_number, subscriber_id, status, message_id, edition, updated_at) VALUES ${values} ON CONFLICT DO NOTHING`);
      statements.set(rows.length, statement);
    }
    statement.run(...rows.flat());
  };
}

/** The highest subscriber id of digest `number`'s rows (0 for none): rows are queued in id order, so its queueing resumes after it. */
export function lastQueuedSubscriber(db: Db, digestNumber: number): number {
  return (db.prepare('SELECT MAX(subscriber_id) FROM outbox WHERE digest_number = ?').pluck().get(digestNumber) as number | null) ?? 0;
}

/** How many of a digest's rows are queued. */
export function queuedCount(db: Db, digestNumber: number): number {
  return db.prepare(`SELECT COUNT(*) FROM outbox WHERE digest_number = ? AND status = 'queued'`).pluck().get(digestNumber) as number;
}

/** Whether any digest has a row still queued (held by a sender or not). */
export function anyQueued(db: Db): boolean {
  return db.prepare(`SELECT EXISTS (SELECT 1 FROM outbox WHERE status = 'queued')`).pluck().get() === 1;
}

/**
 * The rows one pass through a digest sends, taken one at a time as the pool needs them: a digest's queued
 * rows in pages (the one sender on SQLite), or the batches a sender claims on PostgreSQL
 * (src/delivery/outboxClaims.ts), so that `digest send` and the workers share one send loop.
 */
export interface MessageSource {
  /** How many rows the pass expects to send, for the progress. */
  readonly total: number;
  /** The next row to send; undefined when the pass has none left. */
  next(): QueuedMessage | undefined;
  /** The pass is over (done, stopped or failed): rows taken and not settled are given back. */
  close(): void;
}

/** A digest's queued rows, read a page at a time (the one sender on SQLite). */
export function queuedRows(db: Db, digestNumber: number): MessageSource {
  const rows = queuedMessages(db, digestNumber);
  return { total: queuedCount(db, digestNumber), next: () => rows.next().value ?? undefined, close: () => undefined };
}

/**
 * A digest's queued rows in subscriber order, read a page at a time when the last one is used up: each page
 * is the rows still queued after the last subscriber seen, so a row is yielded at most once in a pass, and
 * one settled meanwhile is not yielded at all. The subscriber's status is read with its page, as late as can be.
 */
function* queuedMessages(db: Db, digestNumber: number): Generator<QueuedMessage> {
  const page = db.prepare(
    `SELECT o.subscriber_id AS subscriberId, s.email, s.status AS subscriberStatus, o.message_id AS messageId, o.edition
       FROM outbox o JOIN subscribers s ON s.id = o.subscriber_id
      WHERE o.digest_number = ? AND o.status = 'queued' AND o.subscriber_id > ? ORDER BY o.subscriber_id LIMIT ?`,
  );
  for (let after = 0; ; ) {
    const rows = page.all(digestNumber, after, QUEUE_PAGE_SIZE) as QueuedMessage[];
    yield* rows;
    const last = rows.at(-1);
    if (last === undefined || rows.length < QUEUE_PAGE_SIZE) return;
    after = last.subscriberId;
  }
}

/** Moves a queued row on, its sender's claim (if any) ended with it; a row that is already sent is never touched again. */
export function settle(db: Db, digestNumber: number, subscriberId: number, status: Exclude<OutboxStatus, 'queued'>, response: string, attempts: number, now: Date): void {
  db.prepare(
    `UPDATE outbox SET status = ?, response = ?, attempts = attempts + ?, updated_at = ?, claimed_by = NULL, claimed_until = NULL
      WHERE digest_number = ? AND subscriber_id = ? AND status = 'queued'`,
  ).run(status, response, attempts, now.toISOString(), digestNumber, subscriberId);
}

/** Attempts that ended in a temporary failure, kept so the next run knows; the first one starts email.retryFor. */
export function recordDeferral(db: Db, digestNumber: number, subscriberId: number, attempts: number, response: string, now: Date): void {
  db.prepare(
    `UPDATE outbox SET attempts = attempts + ?, response = ?, updated_at = ?, deferred_since = COALESCE(deferred_since, ?)
      WHERE digest_number = ? AND subscriber_id = ?`,
  ).run(attempts, response, now.toISOString(), now.toISOString(), digestNumber, subscriberId);
}

export interface GivenUpRow {
  digestNumber: number;
  subscriberId: number;
  reason: string;
}

/**
 * Fails every row, of any digest, still deferred `retryFor` seconds after its first temporary failure, as
 * an MTA gives up on mail it could not deliver in its queue's lifetime: one mailbox that answers 4xx for
 * ever must not keep its digest, and so every later one, unfinished. The caller records the soft bounce.
 */
export function giveUpDeferred(db: Db, now: Date, retryFor: number): GivenUpRow[] {
  const cutoff = new Date(now.getTime() - retryFor * 1000).toISOString();
  const stale = db
    .prepare(`SELECT digest_number AS digestNumber, subscriber_id AS subscriberId, attempts, deferred_since AS since FROM outbox WHERE status = 'queued' AND deferred_since <= ?`)
    .all(cutoff) as { digestNumber: number; subscriberId: number; attempts: number; since: string }[];
  const fail = db.prepare(`UPDATE outbox SET status = 'failed', response = ?, updated_at = ? WHERE digest_number = ? AND subscriber_id = ? AND status = 'queued'`);
  return db.transaction(() =>
    stale.map((row) => {
      const days = Math.round((now.getTime() - new Date(row.since).getTime()) / 8_640_000) / 10;
      const reason = `gave up after ${row.attempts} tries over ${days} days`;
      fail.run(reason, now.toISOString(), row.digestNumber, row.subscriberId);
      return { digestNumber: row.digestNumber, subscriberId: row.subscriberId, reason };
    }),
  )();
}

/**
 * Rows still queued, of every digest: how many, until when they are retried (email.retryFor), and why they
 * wait. A row another sender holds now (a worker's claim on PostgreSQL) is not waiting: it is on its way.
 */
export function waitingRows(db: Db, now: Date, retryFor: number): { count: number; retryUntil: Date; reasons: string[] } | undefined {
  const waiting = `status = 'queued' AND (claimed_by IS NULL OR claimed_until <= ?)`;
  // A row not tried yet (a stop, a spent allowance) has its whole lifetime ahead of it.
  const { count, latest } = db
    .prepare(`SELECT COUNT(*) AS count, MAX(COALESCE(deferred_since, ?)) AS latest FROM outbox WHERE ${waiting}`)
    .get(now.toISOString(), now.toISOString()) as { count: number; latest: string | null };
  if (count === 0 || latest === null) return undefined;
  const reasons = db.prepare(`SELECT DISTINCT response FROM outbox WHERE ${waiting} AND response IS NOT NULL ORDER BY response LIMIT 3`).pluck().all(now.toISOString()) as string[];
  return { count, retryUntil: new Date(new Date(latest).getTime() + retryFor * 1000), reasons };
}

export function outboxCounts(db: Db, digestNumber: number): Record<OutboxStatus, number> {
  const counts: Record<OutboxStatus, number> = { queued: 0, sent: 0, failed: 0, skipped: 0 };
  const rows = db.prepare('SELECT status, COUNT(*) AS n FROM outbox WHERE digest_number = ? GROUP BY status').all(digestNumber) as { status: OutboxStatus; n: number }[];
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}
