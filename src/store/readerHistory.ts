import type { ReaderHistory } from '../digest/selectArticles.js';
import type { Db } from './database.js';

/**
 * What the subscribers with ids from `firstId` to `lastId` were sent, read from their outbox rows: a queued
 * row counts (its mail may still leave), a failed or skipped one does not, so its articles are theirs to
 * get again. An edition's articles are read once however many subscribers got it.
 */
export class ReaderHistories {
  private readonly editions = new Map<string, string[]>();
  private readonly rows;
  private readonly articles;

  constructor(private readonly db: Db) {
    this.rows = db.prepare(
      `SELECT o.subscriber_id AS subscriberId, o.digest_number AS number, o.edition, d.created_at AS createdAt
         FROM outbox o JOIN digests d ON d.number = o.digest_number
        WHERE o.subscriber_id BETWEEN ? AND ? AND o.status IN ('queued', 'sent')`,
    );
    this.articles = db.prepare('SELECT article_id FROM edition_articles WHERE digest_number = ? AND edition = ?').pluck();
  }

  between(firstId: number, lastId: number): Map<number, ReaderHistory> {
    const histories = new Map<number, Map<string, Date>>();
    for (const row of this.rows.all(firstId, lastId) as { subscriberId: number; number: number; edition: number; createdAt: string }[]) {
      const history = histories.get(row.subscriberId) ?? new Map<string, Date>();
      histories.set(row.subscriberId, history);
      const at = new Date(row.createdAt);
      for (const id of this.editionArticles(row.number, row.edition)) {
        const known = history.get(id);
        if (known === undefined || known < at) history.set(id, at);
      }
    }
    return histories;
  }

  private editionArticles(number: number, edition: number): string[] {
    const key = `${number}/${edition}`;
    let ids = this.editions.get(key);
    if (ids === undefined) {
      ids = this.articles.all(number, edition) as string[];
      this.editions.set(key, ids);
    }
    return ids;
  }
}
