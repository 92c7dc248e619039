import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { ResolvedConfig } from '../config/resolvedConfig.js';
import type { Db } from '../store/database.js';
import { PostgresDb } from '../store/postgresDatabase.js';
import type { MessageSource, QueuedMessage } from './outbox.js';
import { queuedCount, queuedRows } from './outbox.js';

export type ClaimSettings = Pick<ResolvedConfig['email'], 'batchSize' | 'claimTimeout'>;

/**
 * Where each pass through a digest takes its rows: on PostgreSQL, batches this process claims, so that any
 * number of senders (`broadsheet worker`, `digest send`, `start`) share a digest and none takes a row
 * another holds; on SQLite, the digest's queued rows, since the send lease makes its one sender the only one.
 */
export function outboxSource(db: Db, email: ClaimSettings, now: () => Date): (digestNumber: number) => MessageSource {
  if (!(db instanceof PostgresDb)) return (digestNumber) => queuedRows(db, digestNumber);
  const claimant = claimantName();
  return (digestNumber) => claimedRows(db, digestNumber, { claimant, ...email, now });
}

/** This process as its claims name it: the host, the pid, and a random part, so a restarted container's pid 1 is not its predecessor. */
function claimantName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** A row no sender holds: never claimed, given back, or claimed by one that stopped renewing it (killed, cut off). */
const CLAIMABLE = `o.status = 'queued' AND (o.claimed_until IS NULL OR o.claimed_until <= ?)`;

/**
 * The oldest fully queued digest with a row some sender may claim now; undefined when every queued row is
 * held (or none is queued). A digest still being queued (digests.queued_at not set) is left to its composer.
 */
export function claimableDigest(db: PostgresDb, now: Date): number | undefined {
  return (db.prepare(`SELECT MIN(o.digest_number) FROM outbox o JOIN digests d ON d.number = o.digest_number WHERE d.queued_at IS NOT NULL AND ${CLAIMABLE}`).pluck().get(now.toISOString()) as number | null) ?? undefined;
}

interface ClaimOptions extends ClaimSettings {
  claimant: string;
  now: () => Date;
}

/**
 * A digest's rows in batches of `email.batchSize`, each claimed for `email.claimTimeout` seconds when the one
 * before is used up. The claims are renewed while the pass runs, so only a sender that stopped (SIGKILL, a
 * machine gone, a process frozen for longer than the timeout) loses them. Sending a row settles it and ends
 * its claim; at the end, the rows still held are given back: at once those never tried (a stop), after one
 * more claimTimeout those deferred in this pass, so that no sender tries them again straight away.
 */
function claimedRows(db: PostgresDb, digestNumber: number, options: ClaimOptions): MessageSource {
  const opened = options.now();
  let batch: QueuedMessage[] = [];
  let exhausted = false;
  const renewal = setInterval(() => renewClaims(db, digestNumber, options), (options.claimTimeout * 1000) / 3);
  renewal.unref();
  return {
    total: queuedCount(db, digestNumber),
    next() {
      if (batch.length === 0 && !exhausted) {
        batch = claimBatch(db, digestNumber, options);
        exhausted = batch.length === 0;
      }
      return batch.shift();
    },
    close() {
      clearInterval(renewal);
      releaseClaims(db, digestNumber, opened, options);
    },
  };
}

/**
 * `FOR UPDATE SKIP LOCKED` passes over the rows another sender is claiming this instant, so claims run side
 * by side, without the write lock every other transaction takes; a row claimed and committed meanwhile is no
 * longer claimable when its lock is taken, so two senders never share one.
 */
function claimBatch(db: PostgresDb, digestNumber: number, options: ClaimOptions): QueuedMessage[] {
  const now = options.now();
  return db.concurrently(() => {
    const rows = db
      .prepare(
        `SELECT o.subscriber_id AS subscriberId, s.email, s.status AS subscriberStatus, o.message_id AS messageId, o.edition
           FROM outbox o JOIN subscribers s ON s.id = o.subscriber_id
          WHERE o.digest_number = ? AND ${CLAIMABLE}
          ORDER BY o.subscriber_id LIMIT ? FOR UPDATE OF o SKIP LOCKED`,
      )
      .all(digestNumber, now.toISOString(), options.batchSize) as QueuedMessage[];
    if (rows.length > 0) {
      db.prepare('UPDATE outbox SET claimed_by = ?, claimed_until = ? WHERE digest_number = ? AND subscriber_id = ANY(CAST(? AS BIGINT[]))').run(
        options.claimant,
        expiry(now, options),
        digestNumber,
        `{${rows.map((row) => row.subscriberId).join(',')}}`,
      );
    }
    return rows;
  });
}

function renewClaims(db: PostgresDb, digestNumber: number, options: ClaimOptions): void {
  try {
    db.prepare(`UPDATE outbox SET claimed_until = ? WHERE digest_number = ? AND claimed_by = ? AND status = 'queued'`).run(expiry(options.now(), options), digestNumber, options.claimant);
  } catch {
    // Tried again at the next tick; a database that is gone fails the pass at its next write, where it is reported.
  }
}

/** A deferral updates its row (src/delivery/outbox.ts recordDeferral): a row changed since the pass opened was tried in it. */
function releaseClaims(db: PostgresDb, digestNumber: number, opened: Date, options: ClaimOptions): void {
  db.prepare(
    `UPDATE outbox SET claimed_by = NULL, claimed_until = CASE WHEN updated_at >= ? THEN CAST(? AS TEXT) ELSE NULL END
      WHERE digest_number = ? AND claimed_by = ? AND status = 'queued'`,
  ).run(opened.toISOString(), expiry(options.now(), options), digestNumber, options.claimant);
}

function expiry(now: Date, options: ClaimSettings): string {
  return new Date(now.getTime() + options.claimTimeout * 1000).toISOString();
}
