import type { Db } from './database.js';

export type DeliveryEventKind = 'hard-bounce' | 'soft-bounce' | 'delayed' | 'complaint' | 'unsubscribe';

export interface DeliveryEvent {
  subscriberId: number;
  digestNumber: number | undefined;
  kind: DeliveryEventKind;
  source: string;
  receivedAt: Date;
  diagnostic: string;
}

/** Stores an event once: false when one with the same key is already there (the same report again). */
export function insertDeliveryEvent(db: Db, dedupeKey: string, event: DeliveryEvent): boolean {
  const { changes } = db
    .prepare('INSERT INTO delivery_events (dedupe_key, subscriber_id, digest_number, kind, source, received_at, diagnostic) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
    .run(dedupeKey, event.subscriberId, event.digestNumber ?? null, event.kind, event.source, event.receivedAt.toISOString(), event.diagnostic);
  return changes > 0;
}

export function countDeliveryEvents(db: Db, subscriberId: number, kind: DeliveryEventKind, since: Date): number {
  return db.prepare('SELECT COUNT(*) FROM delivery_events WHERE subscriber_id = ? AND kind = ? AND received_at >= ?').pluck().get(subscriberId, kind, since.toISOString()) as number;
}

/** A complaint since the address last confirmed: only a new confirmation by the person lifts it. */
export function complainedSince(db: Db, subscriberId: number, confirmedAt: Date | undefined): boolean {
  return db.prepare("SELECT 1 FROM delivery_events WHERE subscriber_id = ? AND kind = 'complaint' AND received_at >= ? LIMIT 1").get(subscriberId, confirmedAt?.toISOString() ?? '') !== undefined;
}

export function deliveryEventsOf(db: Db, subscriberId: number): DeliveryEvent[] {
  const rows = db.prepare('SELECT * FROM delivery_events WHERE subscriber_id = ? ORDER BY received_at, id').all(subscriberId) as EventRow[];
  return rows.map((row) => ({
    subscriberId: row.subscriber_id,
    digestNumber: row.digest_number ?? undefined,
    kind: row.kind,
    source: row.source,
    receivedAt: new Date(row.received_at),
    diagnostic: row.diagnostic,
  }));
}

/** Whether a digest went to a subscriber: a report only belongs to an outbox row that exists. */
export function hasOutboxRow(db: Db, digestNumber: number, subscriberId: number): boolean {
  return db.prepare('SELECT 1 FROM outbox WHERE digest_number = ? AND subscriber_id = ?').get(digestNumber, subscriberId) !== undefined;
}

interface EventRow {
  subscriber_id: number;
  digest_number: number | null;
  kind: DeliveryEventKind;
  source: string;
  received_at: string;
  diagnostic: string;
}
