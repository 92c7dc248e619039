import type { Article } from '../article/article.js';
import type { Db } from './database.js';

/** One run's digest: a frequency's, numbered across all of them. */
export interface StoredDigest {
  number: number;
  createdAt: Date;
  sentAt: Date | undefined;
  /** Its first edition's: what reports call it. */
  subject: string;
  /** undefined for digests recorded before there were frequencies. */
  frequency: string | undefined;
}

/** One distinct selection of articles in a run, rendered once for everyone who gets it. */
export interface StoredEdition {
  edition: number;
  subject: string;
  html: string;
  text: string;
}

/** Every article any recorded digest holds, and when that digest was composed: all a reader of everything has had. */
export function digestHistory(db: Db): Map<string, Date> {
  const rows = db.prepare('SELECT e.article_id AS id, MAX(d.created_at) AS at FROM edition_articles e JOIN digests d ON d.number = e.digest_number GROUP BY e.article_id').all() as { id: string; at: string }[];
  return new Map(rows.map((row) => [row.id, new Date(row.at)]));
}

export function nextDigestNumber(db: Db): number {
  return ((db.prepare('SELECT MAX(number) FROM digests').pluck().get() as number | null) ?? 0) + 1;
}

/** When `frequency`'s newest digest was composed; undefined before its first. */
export function lastRunOf(db: Db, frequency: string): Date | undefined {
  const at = db.prepare('SELECT MAX(created_at) FROM digests WHERE frequency = ?').pluck().get(frequency) as string | null;
  return at === null ? undefined : new Date(at);
}

export interface DigestRecord {
  number: number;
  createdAt: Date;
  frequency: string;
  editions: readonly (StoredEdition & { articles: readonly Pick<Article, 'id' | 'published'>[] })[];
}

/**
 * Records a digest, its editions and their articles, not yet fully queued: the caller holds the transaction
 * that also queues its first rows (src/delivery/outbox.ts), and the last batch marks it queued.
 */
export function recordDigest(db: Db, record: DigestRecord): void {
  db.prepare('INSERT INTO digests (number, created_at, subject, frequency) VALUES (?, ?, ?, ?)').run(record.number, record.createdAt.toISOString(), record.editions[0]?.subject ?? '', record.frequency);
  recordEditions(db, record.number, record.editions);
}

/** Editions of digest `number`, and their articles. */
export function recordEditions(db: Db, number: number, editions: DigestRecord['editions']): void {
  const edition = db.prepare('INSERT INTO digest_editions (digest_number, edition, subject, html, text) VALUES (?, ?, ?, ?, ?)');
  const link = db.prepare('INSERT INTO edition_articles (digest_number, edition, article_id, published) VALUES (?, ?, ?, ?)');
  for (const e of editions) {
    edition.run(number, e.edition, e.subject, e.html, e.text);
    for (const article of e.articles) link.run(number, e.edition, article.id, article.published.toISOString());
  }
}

/** Every row of digest `number` is queued: senders may send them. */
export function markDigestQueued(db: Db, number: number, at: Date): void {
  db.prepare('UPDATE digests SET queued_at = ? WHERE number = ? AND queued_at IS NULL').run(at.toISOString(), number);
}

/** Digests whose queueing a run did not finish (a crash between two batches), oldest first: the next run queues the rest before it sends. */
export function partlyQueuedDigests(db: Db): StoredDigest[] {
  return (db.prepare('SELECT * FROM digests WHERE queued_at IS NULL ORDER BY number').all() as DigestRow[]).map(fromRow);
}

export function digestEditions(db: Db, number: number): StoredEdition[] {
  return db.prepare('SELECT edition, subject, html, text FROM digest_editions WHERE digest_number = ? ORDER BY edition').all(number) as StoredEdition[];
}

/** Marks a digest finished; false when it already was (another sender finished it first). */
export function markDigestSent(db: Db, number: number, at: Date): boolean {
  return db.prepare('UPDATE digests SET sent_at = ? WHERE number = ? AND sent_at IS NULL').run(at.toISOString(), number).changes === 1;
}

/**
 * Digests fully queued but not finished sending (a run killed part-way, rows still deferred), oldest first:
 * what senders send. One still being queued is not among them, so nobody is mailed a digest that a crash
 * could leave half-queued.
 */
export function unfinishedDigests(db: Db): StoredDigest[] {
  return (db.prepare('SELECT * FROM digests WHERE sent_at IS NULL AND queued_at IS NOT NULL ORDER BY number').all() as DigestRow[]).map(fromRow);
}

/** Digest `number` as it was recorded: its first edition, and how many articles its editions held together. */
export function findDigest(db: Db, number: number): (StoredDigest & StoredEdition & { articleCount: number }) | undefined {
  const row = db.prepare('SELECT * FROM digests WHERE number = ?').get(number) as DigestRow | undefined;
  const first = digestEditions(db, number)[0];
  if (row === undefined || first === undefined) return undefined;
  return { ...fromRow(row), ...first, articleCount: db.prepare('SELECT COUNT(DISTINCT article_id) FROM edition_articles WHERE digest_number = ?').pluck().get(number) as number };
}

/** Every edition of the sent digests, newest digest first, for the web archive. */
export function listSentEditions(db: Db): (StoredEdition & { number: number; sentAt: Date })[] {
  const rows = db
    .prepare('SELECT d.number, d.sent_at AS sentAt, e.edition, e.subject, e.html, e.text FROM digests d JOIN digest_editions e ON e.digest_number = d.number WHERE d.sent_at IS NOT NULL ORDER BY d.number DESC, e.edition')
    .all() as (StoredEdition & { number: number; sentAt: string })[];
  return rows.map((row) => ({ ...row, sentAt: new Date(row.sentAt) }));
}

interface DigestRow {
  number: number;
  created_at: string;
  sent_at: string | null;
  subject: string;
  frequency: string | null;
}

function fromRow(row: DigestRow): StoredDigest {
  return {
    number: row.number,
    createdAt: new Date(row.created_at),
    sentAt: row.sent_at === null ? undefined : new Date(row.sent_at),
    subject: row.subject,
    frequency: row.frequency ?? undefined,
  };
}
