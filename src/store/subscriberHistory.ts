import type { Db } from './database.js';
import { deliveryEventsOf } from './deliveryEvents.js';

export interface HistoryEntry {
  at: Date;
  what: string;
}

/**
 * One subscriber's record as a timeline: subscribing and confirming, each digest's outbox row, each report
 * that came back, leaving. Oldest first.
 */
export function subscriberHistory(db: Db, subscriberId: number): HistoryEntry[] {
  const s = db.prepare('SELECT created_at, source, confirmed_at, unsubscribed_at FROM subscribers WHERE id = ?').get(subscriberId) as
    | { created_at: string; source: string; confirmed_at: string | null; unsubscribed_at: string | null }
    | undefined;
  if (s === undefined) return [];
  const entries: HistoryEntry[] = [{ at: new Date(s.created_at), what: `subscribed (${s.source})` }];
  if (s.confirmed_at !== null) entries.push({ at: new Date(s.confirmed_at), what: 'confirmed (latest)' });
  const rows = db.prepare('SELECT digest_number, status, attempts, response, updated_at FROM outbox WHERE subscriber_id = ? ORDER BY digest_number').all(subscriberId) as {
    digest_number: number;
    status: string;
    attempts: number;
    response: string | null;
    updated_at: string;
  }[];
  for (const row of rows) entries.push({ at: new Date(row.updated_at), what: `digest ${row.digest_number}: ${row.status}${row.attempts > 1 ? ` after ${row.attempts} tries` : ''}${row.response === null ? '' : ` (${row.response})`}` });
  for (const e of deliveryEventsOf(db, subscriberId)) entries.push({ at: e.receivedAt, what: `${e.kind} by ${e.source}${e.digestNumber === undefined ? '' : `, digest ${e.digestNumber}`}: ${e.diagnostic}` });
  if (s.unsubscribed_at !== null) entries.push({ at: new Date(s.unsubscribed_at), what: 'unsubscribed (latest)' });
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}
