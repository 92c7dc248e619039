import type { Db } from '../store/database.js';

/** A topic a subscriber chose, and when: a topic added later starts from its newest `digest.firstIssueSize`. */
export interface TopicChoice {
  tag: string;
  addedAt: Date;
}

interface TopicRow {
  subscriber_id: number;
  tag: string;
  added_at: string;
}

/** The topics of the subscribers whose ids are from `firstId` to `lastId`, by subscriber, each in tag order. */
export function topicsBetween(db: Db, firstId: number, lastId: number): Map<number, TopicChoice[]> {
  const rows = db.prepare('SELECT subscriber_id, tag, added_at FROM subscriber_topics WHERE subscriber_id BETWEEN ? AND ? ORDER BY subscriber_id, tag').all(firstId, lastId) as TopicRow[];
  const topics = new Map<number, TopicChoice[]>();
  for (const row of rows) {
    const chosen = topics.get(row.subscriber_id) ?? [];
    topics.set(row.subscriber_id, chosen);
    chosen.push({ tag: row.tag, addedAt: new Date(row.added_at) });
  }
  return topics;
}

/** Replaces a subscriber's topics with `tags`; a topic kept keeps the time it was first chosen. */
export function replaceTopics(db: Db, subscriberId: number, tags: readonly string[], now: Date): void {
  const chosen = [...new Set(tags)];
  db.transaction(() => {
    db.prepare(`DELETE FROM subscriber_topics WHERE subscriber_id = ? AND tag NOT IN (SELECT value FROM json_each(?))`).run(subscriberId, JSON.stringify(chosen));
    const insert = db.prepare('INSERT INTO subscriber_topics (subscriber_id, tag, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
    for (const tag of chosen) insert.run(subscriberId, tag, now.toISOString());
  })();
}

/** What the publisher offers: the tags of `digest.topics` and the names of `digest.frequencies`. */
export interface OfferedChoices {
  topics: readonly { tag: string }[];
  frequencies: Readonly<Record<string, string>>;
}

/**
 * A topic the publisher no longer offers is dropped from every subscriber's choice (one left with none gets
 * every article), and a frequency no longer offered becomes the default one. Run where the state database
 * is opened for writing, so that the sender, the pages and the CLI never see a choice the config lacks.
 */
export function dropWithdrawnChoices(db: Db, offered: OfferedChoices): { topics: number; frequencies: number } {
  return db.transaction(() => ({
    topics: db.prepare('DELETE FROM subscriber_topics WHERE tag NOT IN (SELECT value FROM json_each(?))').run(JSON.stringify(offered.topics.map((topic) => topic.tag))).changes,
    frequencies: db.prepare('UPDATE subscribers SET frequency = NULL WHERE frequency IS NOT NULL AND frequency NOT IN (SELECT value FROM json_each(?))').run(JSON.stringify(Object.keys(offered.frequencies))).changes,
  }))();
}
