import type { Db } from '../store/database.js';

export type OutboxStatus = 'queued' | 'sent' | 'failed' | 'skipped';

export interface QueuedMessage {
  subscriberId: number;
  email: string;
  /** The subscriber's status now: someone who left after the digest was queued is skipped. */
  subscriberStatus: string;
  messageId: string;
}

/**
 * One row per (digest, subscriber), all written in one transaction before the first mail leaves, so a run
 * that dies part-way resumes with exactly the rows still queued. A row only ever moves forward.
 */
export function enqueue(db: Db, digestNumber: number, recipients: readonly { subscriberId: number; messageId: string }[], now: Date): void {
  const insert = db.prepare('INSERT OR IGNORE INTO outbox (digest_number, subscriber_id, status, message_id, updated_at) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const r of recipients) insert.run(digestNumber, r.subscriberId, 'queued', r.messageId, now.toISOString());
  })();
}

export function queuedMessages(db: Db, digestNumber: number): QueuedMessage[] {
  return db
    .prepare(
      `SELECT o.subscriber_id AS subscriberId, s.email, s.status AS subscriberStatus, o.message_id AS messageId
         FROM outbox o JOIN subscribers s ON s.id = o.subscriber_id
        WHERE o.digest_number = ? AND o.status = 'queued' ORDER BY o.subscriber_id`,
    )
    .all(digestNumber) as QueuedMessage[];
}

/** Moves a queued row on; a row that is already sent is never touched again. */
export function settle(db: Db, digestNumber: number, subscriberId: number, status: Exclude<OutboxStatus, 'queued'>, response: string, attempts: number, now: Date): void {
  db.prepare(
    `UPDATE outbox SET status = ?, response = ?, attempts = attempts + ?, updated_at = ?
      WHERE digest_number = ? AND subscriber_id = ? AND status = 'queued'`,
  ).run(status, response, attempts, now.toISOString(), digestNumber, subscriberId);
}

/** Attempts that ended in a temporary failure, kept so the next run knows. */
export function recordAttempts(db: Db, digestNumber: number, subscriberId: number, attempts: number, response: string, now: Date): void {
  db.prepare('UPDATE outbox SET attempts = attempts + ?, response = ?, updated_at = ? WHERE digest_number = ? AND subscriber_id = ?').run(
    attempts,
    response,
    now.toISOString(),
    digestNumber,
    subscriberId,
  );
}

export function outboxCounts(db: Db, digestNumber: number): Record<OutboxStatus, number> {
  const counts: Record<OutboxStatus, number> = { queued: 0, sent: 0, failed: 0, skipped: 0 };
  const rows = db.prepare('SELECT status, COUNT(*) AS n FROM outbox WHERE digest_number = ? GROUP BY status').all(digestNumber) as { status: OutboxStatus; n: number }[];
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}
