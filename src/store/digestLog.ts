import type { Article } from '../article/article.js';
import type { DigestHistory } from '../digest/selectArticles.js';
import type { Db } from './database.js';

export interface StoredDigest {
  number: number;
  createdAt: Date;
  sentAt: Date | undefined;
  subject: string;
  html: string;
  text: string;
}

/** Everything any recorded digest holds counts as sent: a digest is recorded before its first mail leaves. */
export function digestHistory(db: Db): DigestHistory {
  const ids = db.prepare('SELECT DISTINCT article_id FROM digest_articles').pluck().all() as string[];
  const oldest = db.prepare('SELECT MIN(published) FROM digest_articles').pluck().get() as string | null;
  return { sentArticleIds: new Set(ids), oldestSentPublished: oldest === null ? undefined : new Date(oldest) };
}

export function nextDigestNumber(db: Db): number {
  return ((db.prepare('SELECT MAX(number) FROM digests').pluck().get() as number | null) ?? 0) + 1;
}

export interface DigestRecord {
  number: number;
  createdAt: Date;
  subject: string;
  html: string;
  text: string;
  articles: readonly Pick<Article, 'id' | 'published'>[];
}

/** Records a digest and its articles in one transaction, before anything is sent. */
export function recordDigest(db: Db, record: DigestRecord): void {
  db.transaction(() => {
    db.prepare('INSERT INTO digests (number, created_at, subject, html, text) VALUES (?, ?, ?, ?, ?)').run(
      record.number,
      record.createdAt.toISOString(),
      record.subject,
      record.html,
      record.text,
    );
    const link = db.prepare('INSERT INTO digest_articles (digest_number, article_id, published) VALUES (?, ?, ?)');
    for (const article of record.articles) link.run(record.number, article.id, article.published.toISOString());
  })();
}

export function markDigestSent(db: Db, number: number, at: Date): void {
  db.prepare('UPDATE digests SET sent_at = ? WHERE number = ? AND sent_at IS NULL').run(at.toISOString(), number);
}

/** Digests recorded but not finished sending (a run killed part-way, rows still deferred), oldest first. */
export function unfinishedDigests(db: Db): StoredDigest[] {
  return (db.prepare('SELECT * FROM digests WHERE sent_at IS NULL ORDER BY number').all() as DigestRow[]).map(fromRow);
}

/** Digest `number` as it was recorded, with how many articles it held; undefined when there is none. */
export function findDigest(db: Db, number: number): (StoredDigest & { articleCount: number }) | undefined {
  const row = db.prepare('SELECT * FROM digests WHERE number = ?').get(number) as DigestRow | undefined;
  if (row === undefined) return undefined;
  return { ...fromRow(row), articleCount: db.prepare('SELECT COUNT(*) FROM digest_articles WHERE digest_number = ?').pluck().get(number) as number };
}

/** Sent digests, newest first, for the web archive. */
export function listSentDigests(db: Db): StoredDigest[] {
  return (db.prepare('SELECT * FROM digests WHERE sent_at IS NOT NULL ORDER BY number DESC').all() as DigestRow[]).map(fromRow);
}

interface DigestRow {
  number: number;
  created_at: string;
  sent_at: string | null;
  subject: string;
  html: string;
  text: string;
}

function fromRow(row: DigestRow): StoredDigest {
  return {
    number: row.number,
    createdAt: new Date(row.created_at),
    sentAt: row.sent_at === null ? undefined : new Date(row.sent_at),
    subject: row.subject,
    html: row.html,
    text: row.text,
  };
}
