import type { Db } from './database.js';
import { givenUpBefore, nextRetryAt } from './retryBackoff.js';

/** A publish ping a hub did not take, waiting to be sent again. */
export interface QueuedPing {
  hub: string;
  topic: string;
  attempts: number;
}

/**
 * WebSub publish pings that failed (src/pipeline/announceFeeds.ts), kept in the state database until a hub
 * takes them, retried with the backoff of retryBackoff.ts: a hub down for a day has missed nothing a reader
 * still waits for, since its subscribers poll and the next change pings again.
 */
export class HubPings {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  /** Records a failed ping: a first failure, or one more of a queued ping, due again after the backoff. */
  failed(hub: string, topic: string, error: string): void {
    const now = this.now();
    const attempts = 1 + ((this.db.prepare('SELECT attempts FROM hub_pings WHERE hub = ? AND topic = ?').pluck().get(hub, topic) as number | undefined) ?? 0);
    const next = nextRetryAt(now, attempts);
    this.db
      .prepare(
        `INSERT INTO hub_pings (hub, topic, attempts, failed_since, next_at, error) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (hub, topic) DO UPDATE SET attempts = excluded.attempts, next_at = excluded.next_at, error = excluded.error`,
      )
      .run(hub, topic, attempts, now.toISOString(), next.toISOString(), error);
  }

  /** The hub took the ping (or a newer one for the same feed). */
  sent(hub: string, topic: string): void {
    this.db.prepare('DELETE FROM hub_pings WHERE hub = ? AND topic = ?').run(hub, topic);
  }

  /** The pings due now, for the hubs still configured; those of other hubs, and those failing for a day, are dropped. */
  due(hubs: readonly string[]): QueuedPing[] {
    const now = this.now();
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM hub_pings WHERE failed_since < ?').run(givenUpBefore(now));
      this.db.prepare(`DELETE FROM hub_pings WHERE hub NOT IN (SELECT value FROM json_each(?))`).run(JSON.stringify(hubs));
    })();
    return this.db.prepare('SELECT hub, topic, attempts FROM hub_pings WHERE next_at <= ? ORDER BY hub, topic').all(now.toISOString()) as QueuedPing[];
  }
}
