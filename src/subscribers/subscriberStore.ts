import type { Db } from '../store/database.js';
import { complainedSince } from '../store/deliveryEvents.js';
import type { EmailAddress } from './address.js';

export type SubscriberStatus = 'pending' | 'confirmed' | 'unsubscribed' | 'bounced';
export const SUBSCRIBER_STATUSES: readonly SubscriberStatus[] = ['pending', 'confirmed', 'unsubscribed', 'bounced'];

export interface Subscriber {
  id: number;
  email: string;
  status: SubscriberStatus;
  source: string;
  createdAt: Date;
  confirmedAt: Date | undefined;
  unsubscribedAt: Date | undefined;
  bounceCount: number;
}

interface Row {
  id: number;
  email: string;
  status: SubscriberStatus;
  source: string;
  created_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
  bounce_count: number;
}

const toSubscriber = (row: Row): Subscriber => ({
  id: row.id,
  email: row.email,
  status: row.status,
  source: row.source,
  createdAt: new Date(row.created_at),
  confirmedAt: row.confirmed_at === null ? undefined : new Date(row.confirmed_at),
  unsubscribedAt: row.unsubscribed_at === null ? undefined : new Date(row.unsubscribed_at),
  bounceCount: row.bounce_count,
});

/** Subscribers in SQLite. Rows are never deleted: leaving, bouncing and coming back are status changes. */
export class SubscriberStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  find(address: EmailAddress): Subscriber | undefined {
    const row = this.db.prepare('SELECT * FROM subscribers WHERE email_key = ?').get(address.key) as Row | undefined;
    return row === undefined ? undefined : toSubscriber(row);
  }

  get(id: number): Subscriber | undefined {
    const row = this.db.prepare('SELECT * FROM subscribers WHERE id = ?').get(id) as Row | undefined;
    return row === undefined ? undefined : toSubscriber(row);
  }

  list(status?: SubscriberStatus): Subscriber[] {
    const rows = (status === undefined
      ? this.db.prepare('SELECT * FROM subscribers ORDER BY id').all()
      : this.db.prepare('SELECT * FROM subscribers WHERE status = ? ORDER BY id').all(status)) as Row[];
    return rows.map(toSubscriber);
  }

  /**
   * Adds an address, or brings a known one to `status`: a new subscription of someone who left starts
   * over as pending. `confirmed` (a publisher's import or `add --confirmed`) never overrides someone who
   * left or bounced: only they can come back, through confirmation. Someone who complained comes back
   * only through the web form (source `web`) and its confirmation mail. Returns whether anything changed.
   */
  upsert(address: EmailAddress, status: 'pending' | 'confirmed', source: string): { subscriber: Subscriber; changed: boolean } {
    const now = this.now().toISOString();
    const existing = this.find(address);
    if (existing === undefined) {
      const { lastInsertRowid } = this.db
        .prepare('INSERT INTO subscribers (email, email_key, status, source, created_at, updated_at, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(address.email, address.key, status, source, now, now, status === 'confirmed' ? now : null);
      return { subscriber: this.get(Number(lastInsertRowid)) as Subscriber, changed: true };
    }
    const keep = existing.status === status || (status === 'pending' ? existing.status === 'confirmed' : existing.status !== 'pending');
    if (keep || (source !== 'web' && complainedSince(this.db, existing.id, existing.confirmedAt))) return { subscriber: existing, changed: false };
    this.setStatus(existing.id, status);
    return { subscriber: this.get(existing.id) as Subscriber, changed: true };
  }

  setStatus(id: number, status: SubscriberStatus): void {
    const now = this.now().toISOString();
    this.db
      .prepare(
        `UPDATE subscribers SET status = ?, updated_at = ?,
           confirmed_at = CASE WHEN ? = 'confirmed' THEN ? ELSE confirmed_at END,
           unsubscribed_at = CASE WHEN ? = 'unsubscribed' THEN ? ELSE unsubscribed_at END,
           bounce_count = CASE WHEN ? IN ('pending', 'confirmed') THEN 0 ELSE bounce_count END
         WHERE id = ?`,
      )
      .run(status, now, status, now, status, now, status, id);
  }

  /** A delivered message: bounces are counted in a row, so a full mailbox last month does not add up. */
  clearBounces(id: number): void {
    this.db.prepare('UPDATE subscribers SET bounce_count = 0 WHERE id = ? AND bounce_count > 0').run(id);
  }

  /** Counts a permanent delivery failure; at `threshold` failures in a row the address is marked bounced. */
  recordBounce(id: number, threshold: number): void {
    this.db.prepare('UPDATE subscribers SET bounce_count = bounce_count + 1, updated_at = ? WHERE id = ?').run(this.now().toISOString(), id);
    if ((this.get(id)?.bounceCount ?? 0) >= threshold) this.setStatus(id, 'bounced');
  }
}
