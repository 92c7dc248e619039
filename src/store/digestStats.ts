import type { Db } from './database.js';

/** One digest's figures: its outbox rows by state, and what came back about them since. */
export interface DigestStats {
  number: number;
  createdAt: Date;
  subject: string;
  queued: number;
  sent: number;
  /** Rows still waiting after a temporary failure. */
  deferred: number;
  failed: number;
  hardBounces: number;
  softBounces: number;
  complaints: number;
  /** Recipients of this digest who have unsubscribed since it was recorded (by any way). */
  unsubscribed: number;
}

/** The newest `limit` digests, newest first. */
export function digestStats(db: Db, limit: number): DigestStats[] {
  const rows = db
    .prepare(
      `SELECT d.number, d.created_at AS createdAt, d.subject,
              COUNT(o.subscriber_id) AS queued,
              COUNT(CASE WHEN o.status = 'sent' THEN 1 END) AS sent,
              COUNT(CASE WHEN o.status = 'deferred' OR (o.status = 'queued' AND o.attempts > 0) THEN 1 END) AS deferred,
              COUNT(CASE WHEN o.status = 'failed' THEN 1 END) AS failed,
              COUNT(CASE WHEN s.status = 'unsubscribed' AND s.unsubscribed_at >= d.created_at THEN 1 END) AS unsubscribed,
              (SELECT COUNT(*) FROM delivery_events e WHERE e.digest_number = d.number AND e.kind = 'hard-bounce') AS hardBounces,
              (SELECT COUNT(*) FROM delivery_events e WHERE e.digest_number = d.number AND e.kind = 'soft-bounce') AS softBounces,
              (SELECT COUNT(*) FROM delivery_events e WHERE e.digest_number = d.number AND e.kind = 'complaint') AS complaints
         FROM digests d
         LEFT JOIN outbox o ON o.digest_number = d.number
         LEFT JOIN subscribers s ON s.id = o.subscriber_id
        GROUP BY d.number ORDER BY d.number DESC LIMIT ?`,
    )
    .all(limit) as (Omit<DigestStats, 'createdAt'> & { createdAt: string })[];
  return rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt) }));
}

/** One digest's figures, or undefined when there is no such digest. */
export function statsOfDigest(db: Db, number: number): DigestStats | undefined {
  return digestStats(db, 1_000_000).find((s) => s.number === number);
}
