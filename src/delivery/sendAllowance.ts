import type { ResolvedConfig } from '../config/resolvedConfig.js';
import type { Db } from '../store/database.js';

export type SentKind = 'digest' | 'confirmation' | 'report';

export interface SendAllowance {
  /** Takes one message from the allowance now, or says when the next one may go (and takes nothing). */
  take(now: Date, kind: SentKind): Date | undefined;
}

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

/**
 * `email.hourlyLimit` and `email.dailyLimit` over rolling windows, as Amazon SES counts its quota: every
 * message in the last hour (24 hours) counts, whichever process sent it, digests and confirmations alike.
 * The count lives in the state database, so a restart or a second command does not start it over; the
 * count and the take are one IMMEDIATE transaction, so that processes taking at once never exceed it.
 * Undefined when neither limit is set.
 */
export function sendAllowance(db: Db, email: Pick<ResolvedConfig['email'], 'hourlyLimit' | 'dailyLimit'>): SendAllowance | undefined {
  const windows = ([[email.hourlyLimit, HOUR], [email.dailyLimit, DAY]] as const).filter(([limit]) => limit > 0);
  if (windows.length === 0) return undefined;
  const countSince = db.prepare('SELECT COUNT(*) FROM send_log WHERE sent_at > ?').pluck();
  const nthSince = db.prepare('SELECT sent_at FROM send_log WHERE sent_at > ? ORDER BY sent_at LIMIT 1 OFFSET ?').pluck();
  const insert = db.prepare('INSERT INTO send_log (sent_at, kind) VALUES (?, ?)');
  const prune = db.prepare('DELETE FROM send_log WHERE sent_at <= ?');
  return {
    take: (now, kind) =>
      db.transaction((): Date | undefined => {
        let until: number | undefined;
        for (const [limit, span] of windows) {
          const since = new Date(now.getTime() - span).toISOString();
          const sent = countSince.get(since) as number;
          if (sent < limit) continue;
          // The window has room again when enough of its oldest messages have left it.
          const freeAt = Date.parse(nthSince.get(since, sent - limit) as string) + span;
          until = Math.max(until ?? 0, freeAt);
        }
        if (until !== undefined) return new Date(until);
        insert.run(now.toISOString(), kind);
        prune.run(new Date(now.getTime() - DAY).toISOString());
        return undefined;
      }).immediate(),
  };
}

/**
 * Waits until the allowance lets one more message go and takes it; false when `stop` fired first
 * (the message then stays queued for the next run).
 */
export async function awaitAllowance(allowance: SendAllowance, kind: SentKind, clock: { now: () => Date; sleep: (ms: number, signal?: AbortSignal) => Promise<void>; stop?: AbortSignal | undefined }): Promise<boolean> {
  for (;;) {
    if (clock.stop?.aborted === true) return false;
    const now = clock.now();
    const until = allowance.take(now, kind);
    if (until === undefined) return true;
    await clock.sleep(Math.max(1000, until.getTime() - now.getTime()), clock.stop);
  }
}
