import type { Db } from '../store/database.js';
import { complainedSince } from '../store/deliveryEvents.js';
import type { EmailAddress } from './address.js';
import type { Choices } from './choices.js';
import type { TopicChoice } from './subscriberTopics.js';
import { replaceTopics, topicsBetween } from './subscriberTopics.js';

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
  bouncedAt: Date | undefined;
  bounceCount: number;
  /** As the list they came from had them: `name`, or first and last name. */
  name: string | undefined;
  firstName: string | undefined;
  lastName: string | undefined;
  /** The other columns of the list they came from, kept so that an export gives them back. */
  attributes: Record<string, string>;
  /** Tags of `digest.topics`, in tag order; none: every article. */
  topics: TopicChoice[];
  /** A name of `digest.frequencies`; undefined: `digest.defaultFrequency`. */
  frequency: string | undefined;
  /** No digest before then; what is published meanwhile comes in the first one after. */
  pausedUntil: Date | undefined;
}

/** One row of an import: a status and dates from the file, or confirmed as of now when it has none. */
export interface ImportedSubscriber {
  address: EmailAddress;
  status: SubscriberStatus;
  source: string;
  createdAt: Date | undefined;
  confirmedAt: Date | undefined;
  unsubscribedAt: Date | undefined;
  bouncedAt: Date | undefined;
  name: string | undefined;
  firstName: string | undefined;
  lastName: string | undefined;
  /** Checked against the config (checkChoices); an empty cell is no choice. */
  choices: Choices;
  attributes: Record<string, string>;
}

interface Row {
  id: number;
  email: string;
  status: SubscriberStatus;
  source: string;
  created_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
  bounced_at: string | null;
  bounce_count: number;
  name: string | null;
  first_name: string | null;
  last_name: string | null;
  attributes: string;
  frequency: string | null;
  paused_until: string | null;
}

const toDate = (value: string | null): Date | undefined => (value === null ? undefined : new Date(value));

const toSubscriber = (row: Row, topics: TopicChoice[]): Subscriber => ({
  id: row.id,
  email: row.email,
  status: row.status,
  source: row.source,
  createdAt: new Date(row.created_at),
  confirmedAt: toDate(row.confirmed_at),
  unsubscribedAt: toDate(row.unsubscribed_at),
  bouncedAt: toDate(row.bounced_at),
  bounceCount: row.bounce_count,
  name: row.name ?? undefined,
  firstName: row.first_name ?? undefined,
  lastName: row.last_name ?? undefined,
  attributes: JSON.parse(row.attributes) as Record<string, string>,
  topics,
  frequency: row.frequency ?? undefined,
  pausedUntil: toDate(row.paused_until),
});

/** Subscribers a send reads at a time: enough to keep queries few, few enough to keep memory flat. */
const BATCH_SIZE = 500;

/** Subscribers in the state database. Rows are never deleted: leaving, bouncing and coming back are status changes. */
export class SubscriberStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  find(address: EmailAddress): Subscriber | undefined {
    return this.withTopics(this.db.prepare('SELECT * FROM subscribers WHERE email_key = ?').all(address.key) as Row[])[0];
  }

  get(id: number): Subscriber | undefined {
    return this.withTopics(this.db.prepare('SELECT * FROM subscribers WHERE id = ?').all(id) as Row[])[0];
  }

  list(status?: SubscriberStatus): Subscriber[] {
    const rows = (status === undefined
      ? this.db.prepare('SELECT * FROM subscribers ORDER BY id').all()
      : this.db.prepare('SELECT * FROM subscribers WHERE status = ? ORDER BY id').all(status)) as Row[];
    return this.withTopics(rows);
  }

  /**
   * The confirmed subscribers of one frequency (those who chose none count as `defaultFrequency`'s), in id
   * order, `batchSize` at a time. Each batch is its own query after the last id seen, so the caller may
   * write between batches. Paused subscribers are included: whether a pause has ended is the sender's call.
   * `from`: only those with a higher id (the rest of a digest whose queueing stopped there).
   */
  *confirmedBatches(frequency: string, defaultFrequency: string, batchSize = BATCH_SIZE, from = 0): Generator<Subscriber[]> {
    const query = this.db.prepare(
      `SELECT * FROM subscribers WHERE status = 'confirmed' AND (frequency = ? OR (frequency IS NULL AND CAST(? AS TEXT) = CAST(? AS TEXT))) AND id > ? ORDER BY id LIMIT ?`,
    );
    for (let after = from; ; ) {
      const rows = query.all(frequency, frequency, defaultFrequency, after, batchSize) as Row[];
      if (rows.length === 0) return;
      after = (rows.at(-1) as Row).id;
      yield this.withTopics(rows);
    }
  }

  /** Tags of `digest.topics` (the caller checks them); none: every article. A topic kept keeps its time. */
  setTopics(id: number, tags: readonly string[]): void {
    replaceTopics(this.db, id, tags, this.now());
  }

  /** A name of `digest.frequencies` (the caller checks it); undefined: the default frequency. */
  setFrequency(id: number, frequency: string | undefined): void {
    this.db.prepare('UPDATE subscribers SET frequency = ?, updated_at = ? WHERE id = ?').run(frequency ?? null, this.now().toISOString(), id);
  }

  /** Choices checked by checkChoices; one left out stays as it is. */
  setChoices(id: number, choices: Choices): void {
    this.db.transaction(() => {
      if (choices.topics !== undefined) this.setTopics(id, choices.topics);
      if (choices.frequency !== undefined) this.setFrequency(id, choices.frequency);
    })();
  }

  /** No digest before `until`; undefined resumes at once. */
  setPause(id: number, until: Date | undefined): void {
    this.db.prepare('UPDATE subscribers SET paused_until = ?, updated_at = ? WHERE id = ?').run(until?.toISOString() ?? null, this.now().toISOString(), id);
  }

  /** Rows in id order with their topics, read in one query. */
  private withTopics(rows: Row[]): Subscriber[] {
    if (rows.length === 0) return [];
    const topics = topicsBetween(this.db, (rows[0] as Row).id, (rows.at(-1) as Row).id);
    return rows.map((row) => toSubscriber(row, topics.get(row.id) ?? []));
  }

  /**
   * Adds an address, or brings a known one to `status`: a new subscription of someone who left starts
   * over as pending. `confirmed` (a publisher's import or `add --confirmed`) never overrides someone who
   * left or bounced: only they can come back, through confirmation. Someone who complained comes back
   * only through the web form (source `web`) and its confirmation mail. Returns whether anything changed.
   */
  upsert(address: EmailAddress, status: 'pending' | 'confirmed', source: string): { subscriber: Subscriber; changed: boolean } {
    return this.db.transaction(() => this.upsertNow(address, status, source)).immediate();
  }

  /** The read decides the write: in one IMMEDIATE transaction, of two processes adding one address at once (two `serve`s), the second finds the first's row. */
  private upsertNow(address: EmailAddress, status: 'pending' | 'confirmed', source: string): { subscriber: Subscriber; changed: boolean } {
    const now = this.now().toISOString();
    const existing = this.find(address);
    if (existing === undefined) {
      const id = this.db
        .prepare('INSERT INTO subscribers (email, email_key, status, source, created_at, updated_at, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id')
        .pluck()
        .get(address.email, address.key, status, source, now, now, status === 'confirmed' ? now : null) as number;
      return { subscriber: this.get(id) as Subscriber, changed: true };
    }
    const keep = existing.status === status || (status === 'pending' ? existing.status === 'confirmed' : existing.status !== 'pending');
    if (keep || (source !== 'web' && complainedSince(this.db, existing.id, existing.confirmedAt))) return { subscriber: existing, changed: false };
    this.setStatus(existing.id, status);
    return { subscriber: this.get(existing.id) as Subscriber, changed: true };
  }

  /**
   * A row of an import. A new address comes in with the row's status and dates, so a restore or a move
   * never mails someone who left, bounced or never confirmed. A known address keeps its status (the
   * state folder knows better than an old file), except that a pending one becomes confirmed when the
   * row says they confirmed elsewhere; names, attributes, topics and a frequency it lacks are filled in.
   */
  importSubscriber(row: ImportedSubscriber): 'added' | 'confirmed' | 'unchanged' {
    return this.db.transaction(() => this.importNow(row)).immediate();
  }

  private importNow(row: ImportedSubscriber): 'added' | 'confirmed' | 'unchanged' {
    const now = this.now().toISOString();
    const iso = (date: Date | undefined) => date?.toISOString() ?? null;
    const existing = this.find(row.address);
    if (existing === undefined) {
      const id = this.db
        .prepare(
          `INSERT INTO subscribers (email, email_key, status, source, created_at, updated_at, confirmed_at, unsubscribed_at, bounced_at, name, first_name, last_name, attributes)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        )
        .pluck()
        .get(
          row.address.email,
          row.address.key,
          row.status,
          row.source,
          iso(row.createdAt) ?? now,
          now,
          iso(row.confirmedAt) ?? (row.status === 'confirmed' ? now : null),
          iso(row.unsubscribedAt),
          iso(row.bouncedAt),
          row.name ?? null,
          row.firstName ?? null,
          row.lastName ?? null,
          JSON.stringify(row.attributes),
        ) as number;
      this.setChoices(id, row.choices);
      return 'added';
    }
    this.setChoices(existing.id, {
      ...(existing.topics.length === 0 ? { topics: row.choices.topics } : {}),
      ...(existing.frequency === undefined ? { frequency: row.choices.frequency } : {}),
    });
    this.db
      .prepare('UPDATE subscribers SET name = COALESCE(name, ?), first_name = COALESCE(first_name, ?), last_name = COALESCE(last_name, ?), attributes = ? WHERE id = ?')
      .run(row.name ?? null, row.firstName ?? null, row.lastName ?? null, JSON.stringify({ ...row.attributes, ...existing.attributes }), existing.id);
    if (row.status !== 'confirmed' || existing.status !== 'pending' || complainedSince(this.db, existing.id, existing.confirmedAt)) return 'unchanged';
    this.setStatus(existing.id, 'confirmed');
    return 'confirmed';
  }

  setStatus(id: number, status: SubscriberStatus): void {
    const now = this.now().toISOString();
    this.db
      .prepare(
        `UPDATE subscribers SET status = ?, updated_at = ?,
           confirmed_at = CASE WHEN ? = 'confirmed' THEN ? ELSE confirmed_at END,
           unsubscribed_at = CASE WHEN ? = 'unsubscribed' THEN ? ELSE unsubscribed_at END,
           bounced_at = CASE WHEN ? = 'bounced' THEN ? ELSE bounced_at END,
           bounce_count = CASE WHEN ? IN ('pending', 'confirmed') THEN 0 ELSE bounce_count END
         WHERE id = ?`,
      )
      .run(status, now, status, now, status, now, status, now, status, id);
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
