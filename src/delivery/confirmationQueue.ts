import type { Db } from '../store/database.js';
import type { ConfirmationOutbox } from '../subscribers/subscriptions.js';

export interface QueuedConfirmation {
  id: number;
  subscriberId: number;
  to: string;
  subject: string;
  text: string;
  html: string;
  expiresAt: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Long enough for any one send; a process killed while sending leaves a row another may send after it. */
const CLAIM_MS = 10 * 60 * 1000;

/**
 * Confirmation mails waiting in the state database to be sent. Queuing is a synchronous SQLite write, so
 * the web form answers the same whatever the mailer does; `sendConfirmations` sends them. At most
 * `perAddressPerDay` are queued for one address in any 24 hours, whoever asks (the count and the insert are
 * one IMMEDIATE transaction: several `serve` processes may be asked at once).
 */
export class ConfirmationQueue implements ConfirmationOutbox {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    private readonly perAddressPerDay: number,
    /** Told after each mail queued: the background sender wakes up. */
    private readonly onQueued: () => void = () => {},
  ) {}

  queue(subscriberId: number, mail: { to: string; subject: string; text: string; html: string; expiresAt: Date }): number | undefined {
    const now = this.now();
    const id = this.db.transaction(() => {
      const today = this.db.prepare('SELECT COUNT(*) FROM confirmation_mails WHERE subscriber_id = ? AND created_at > ?').pluck().get(subscriberId, new Date(now.getTime() - DAY_MS).toISOString()) as number;
      if (today >= this.perAddressPerDay) return undefined;
      return this.db
        .prepare(`INSERT INTO confirmation_mails (subscriber_id, recipient, subject, text, html, status, created_at, expires_at, updated_at) VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?) RETURNING id`)
        .pluck()
        .get(subscriberId, mail.to, mail.subject, mail.text, mail.html, now.toISOString(), mail.expiresAt.toISOString(), now.toISOString()) as number;
    }).immediate();
    if (id !== undefined) this.onQueued();
    return id;
  }

  /** The queued mails no other process is sending, oldest first (`only`: just that one). */
  queued(only?: number): QueuedConfirmation[] {
    const rows = this.db
      .prepare(
        `SELECT id, subscriber_id AS subscriberId, recipient AS "to", subject, text, html, expires_at AS expiresAt FROM confirmation_mails
          WHERE status = 'queued' AND (claimed_until IS NULL OR claimed_until < ?) AND id = COALESCE(?, id) ORDER BY id`,
      )
      .all(this.now().toISOString(), only ?? null) as (Omit<QueuedConfirmation, 'expiresAt'> & { expiresAt: string })[];
    return rows.map((row) => ({ ...row, expiresAt: new Date(row.expiresAt) }));
  }

  /** Takes a mail for this process; false when another one took it meanwhile. */
  claim(id: number): boolean {
    const now = this.now();
    const { changes } = this.db
      .prepare(`UPDATE confirmation_mails SET claimed_until = ? WHERE id = ? AND status = 'queued' AND (claimed_until IS NULL OR claimed_until < ?)`)
      .run(new Date(now.getTime() + CLAIM_MS).toISOString(), id, now.toISOString());
    return changes === 1;
  }

  /** Sent or given up; `response` is the server's answer or why. */
  settle(id: number, status: 'sent' | 'failed', response: string): void {
    this.db.prepare('UPDATE confirmation_mails SET status = ?, response = ?, attempts = attempts + 1, claimed_until = NULL, updated_at = ? WHERE id = ?').run(status, response, this.now().toISOString(), id);
  }

  /** A try that failed for now: the mail stays queued for the next one. */
  release(id: number, response: string, tried: boolean): void {
    this.db.prepare('UPDATE confirmation_mails SET response = ?, attempts = attempts + ?, claimed_until = NULL, updated_at = ? WHERE id = ?').run(response, tried ? 1 : 0, this.now().toISOString(), id);
  }
}
