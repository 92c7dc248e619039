import type { Db } from './database.js';

/** How often one client may call an endpoint: `burst` requests at once, then `perMinute`. */
export interface RequestRate {
  burst: number;
  perMinute: number;
}

/** One endpoint's limit: undefined when the client's request may go on; otherwise the seconds it must wait. */
export interface RequestLimit {
  take(client: string): number | undefined;
}

/** Rows of clients whose allowance is whole again are deleted at most this often, by each process. */
const PRUNE_EVERY_MS = 60_000;

/**
 * Per-client limits of the web endpoints that make broadsheet write to strangers (/subscribe, /websub), in
 * the state database, so that every `serve` behind a load balancer counts a client's requests alike. Each
 * client's allowance is a token bucket kept as one number, the time at which it is whole again (full_at,
 * milliseconds): a request spends one interval (a minute / perMinute) of it, and may go while the bucket
 * holds at least one, that is while full_at stays within `burst` intervals of now. A row whose full_at has
 * passed says no more than no row, and is pruned.
 */
export class RequestLimits {
  private prunedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly db: Db) {}

  of(endpoint: string, rate: RequestRate, now: () => number): RequestLimit {
    // Whole milliseconds, as the column holds them.
    const interval = Math.round(60_000 / rate.perMinute);
    const capacity = rate.burst * interval;
    // One statement, atomic on both databases without the write lock: several processes taking at once each
    // see the others' spending. A refused request changes nothing (the WHERE), and returns no row.
    const spend = this.db.prepare(
      `INSERT INTO request_limits (endpoint, client, full_at) VALUES (?, ?, ?)
       ON CONFLICT (endpoint, client) DO UPDATE SET full_at = CASE WHEN request_limits.full_at > ? THEN request_limits.full_at ELSE ? END + ?
       WHERE CASE WHEN request_limits.full_at > ? THEN request_limits.full_at ELSE ? END + ? <= ?
       RETURNING full_at`,
    );
    const fullAt = this.db.prepare('SELECT full_at FROM request_limits WHERE endpoint = ? AND client = ?').pluck();
    return {
      take: (client) => {
        const at = now();
        this.prune(at);
        if (spend.get(endpoint, client, at + interval, at, at, interval, at, at, interval, at + capacity) !== undefined) return undefined;
        const spent = Math.max((fullAt.get(endpoint, client) as number | undefined) ?? at, at);
        return Math.max(1, Math.ceil((spent + interval - at - capacity) / 1000));
      },
    };
  }

  private prune(at: number): void {
    if (at - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = at;
    this.db.prepare('DELETE FROM request_limits WHERE full_at <= ?').run(at);
  }
}
