import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseFile, openDatabase } from '../../src/store/database.js';
import { digestEditions, findDigest } from '../../src/store/digestLog.js';
import { migrations } from '../../src/store/migrations.js';
import { ReaderHistories } from '../../src/store/readerHistory.js';

/** A state folder as the version before editions left it: one digest, sent to one reader, another's failed. */
function stateBeforeEditions(): string {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-state-'));
  const db = new Database(databaseFile(dir));
  const before = migrations.findIndex((step) => step.includes('CREATE TABLE digest_editions'));
  for (const step of migrations.slice(0, before)) db.exec(step);
  db.pragma(`user_version = ${before}`);
  db.exec(`INSERT INTO digests (number, created_at, sent_at, subject, html, text) VALUES (1, '2026-11-23T08:00:00.000Z', '2026-11-23T08:05:00.000Z', 'Issue one', '<p>one</p>', 'one');
    INSERT INTO digest_articles (digest_number, article_id, published) VALUES (1, 'a', '2026-11-20T00:00:00.000Z'), (1, 'b', '2026-11-21T00:00:00.000Z');
    INSERT INTO subscribers (id, email, email_key, status, source, created_at, updated_at) VALUES (1, 'ann@example.org', 'ann@example.org', 'confirmed', 'test', 'x', 'x'), (2, 'bob@example.org', 'bob@example.org', 'confirmed', 'test', 'x', 'x');
    INSERT INTO outbox (digest_number, subscriber_id, status, message_id, updated_at) VALUES (1, 1, 'sent', 'm1', 'x'), (1, 2, 'failed', 'm2', 'x');`);
  db.close();
  return dir;
}

describe('the digest log, brought up to editions', () => {
  it('keeps each earlier digest as its one edition, and what each reader was sent', () => {
    const db = openDatabase(stateBeforeEditions());
    try {
      expect(digestEditions(db, 1)).toEqual([{ edition: 1, subject: 'Issue one', html: '<p>one</p>', text: 'one' }]);
      expect(findDigest(db, 1)).toMatchObject({ number: 1, subject: 'Issue one', frequency: undefined, html: '<p>one</p>', articleCount: 2 });
      const sent = new ReaderHistories(db).between(1, 2);
      expect([...(sent.get(1)?.keys() ?? [])].sort()).toEqual(['a', 'b']);
      // Bob's row failed: nothing counts as sent to him.
      expect(sent.get(2)).toBeUndefined();
    } finally {
      db.close();
    }
  });
});
