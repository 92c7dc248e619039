import type { Db } from './database.js';
import { givenUpBefore, nextRetryAt } from './retryBackoff.js';

/** A verified subscription of the built-in WebSub hub: where to deliver a topic, and the secret to sign it with. */
export interface WebSubSubscription {
  topic: string;
  callback: string;
  secret: string | undefined;
}

/** A delivery waiting to be sent (again): its subscription, and how many tries failed. */
export interface QueuedDelivery extends WebSubSubscription {
  attempts: number;
}

/**
 * The built-in hub's state (src/pipeline/websubHub.ts) in the state database: subscriptions with their
 * lease, and the deliveries queued for them. A delivery is queued for every subscriber of a feed that
 * changed, sent at once by `start`, and on failure kept with the backoff of retryBackoff.ts.
 */
export class WebSubSubscriptions {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  /** A verified subscribe: a new subscription, or a renewed lease of the same topic and callback. */
  subscribe(subscription: WebSubSubscription, leaseSeconds: number): void {
    const now = this.now();
    this.db
      .prepare(
        `INSERT INTO websub_subscriptions (topic, callback, secret, lease_seconds, expires_at, subscribed_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (topic, callback) DO UPDATE SET secret = excluded.secret, lease_seconds = excluded.lease_seconds, expires_at = excluded.expires_at`,
      )
      .run(subscription.topic, subscription.callback, subscription.secret ?? null, leaseSeconds, new Date(now.getTime() + leaseSeconds * 1000).toISOString(), now.toISOString());
  }

  /** A verified unsubscribe, or a callback that answered 410 Gone: the subscription and its queued delivery go. */
  unsubscribe(topic: string, callback: string): void {
    this.db.prepare('DELETE FROM websub_subscriptions WHERE topic = ? AND callback = ?').run(topic, callback);
  }

  /** Drops the subscriptions whose lease has ended (with their deliveries); how many there were. */
  expire(): number {
    return this.db.prepare('DELETE FROM websub_subscriptions WHERE expires_at <= ?').run(this.now().toISOString()).changes;
  }

  /** Queues a delivery of each topic to each of its subscribers; a newer change replaces a delivery still failing, with a fresh start. */
  queue(topics: readonly string[]): void {
    const now = this.now().toISOString();
    this.db
      .prepare(
        `INSERT INTO websub_deliveries (topic, callback, attempts, queued_at, next_at)
         SELECT topic, callback, 0, CAST(? AS TEXT), CAST(? AS TEXT) FROM websub_subscriptions WHERE topic IN (SELECT value FROM json_each(?)) AND expires_at > ?
         ON CONFLICT (topic, callback) DO UPDATE SET attempts = 0, queued_at = excluded.queued_at, next_at = excluded.next_at`,
      )
      .run(now, now, JSON.stringify(topics), now);
  }

  /** The deliveries due now; those waiting for a day are dropped (the subscriber polls, and the next change is sent). */
  due(): QueuedDelivery[] {
    const now = this.now();
    this.db.prepare('DELETE FROM websub_deliveries WHERE queued_at < ?').run(givenUpBefore(now));
    const rows = this.db
      .prepare(
        `SELECT d.topic, d.callback, s.secret, d.attempts FROM websub_deliveries d JOIN websub_subscriptions s USING (topic, callback)
         WHERE d.next_at <= ? AND s.expires_at > ? ORDER BY d.topic, d.callback`,
      )
      .all(now.toISOString(), now.toISOString()) as { topic: string; callback: string; secret: string | null; attempts: number }[];
    return rows.map((row) => ({ ...row, secret: row.secret ?? undefined }));
  }

  /** The callback took the content. */
  delivered(topic: string, callback: string): void {
    this.db.prepare('DELETE FROM websub_deliveries WHERE topic = ? AND callback = ?').run(topic, callback);
  }

  /** The callback did not take it: due again after the backoff. */
  failed(topic: string, callback: string, error: string): void {
    const row = this.db.prepare('SELECT attempts FROM websub_deliveries WHERE topic = ? AND callback = ?').get(topic, callback) as { attempts: number } | undefined;
    if (row === undefined) return;
    const attempts = row.attempts + 1;
    this.db.prepare('UPDATE websub_deliveries SET attempts = ?, next_at = ?, error = ? WHERE topic = ? AND callback = ?').run(attempts, nextRetryAt(this.now(), attempts).toISOString(), error, topic, callback);
  }
}
