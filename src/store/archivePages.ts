import type { ArchiveAssignment, ArchiveAssignments } from '../feeds/archivePlan.js';
import type { Db } from './database.js';

/**
 * The archive pages of every channel (feeds.archive), as the builds put articles on them: loaded once by a
 * command or the service, and added to after each build, in memory and in the store alike.
 */
export class ArchivePages {
  private readonly channels = new Map<string, Map<string, number>>();

  constructor(private readonly db: Db) {
    for (const [channel, id, page] of db.prepare('SELECT channel, article_id, page FROM archive_pages').raw().all() as [string, string, number][]) {
      this.channelOf(channel).set(id, page);
    }
  }

  current(): ArchiveAssignments {
    return this.channels;
  }

  /** Remembers the pages a build put new articles on (BuildReport.archiveAdded); an article already placed keeps its page. */
  add(added: ArchiveAssignments): void {
    if (added.size === 0) return;
    const insert = this.db.prepare('INSERT INTO archive_pages (channel, article_id, page) VALUES (?, ?, ?) ON CONFLICT (channel, article_id) DO NOTHING');
    this.db.transaction((channels: [string, ArchiveAssignment][]) => {
      for (const [channel, pages] of channels) for (const [id, page] of pages) insert.run(channel, id, page);
    }).immediate([...added]);
    for (const [channel, pages] of added) {
      const known = this.channelOf(channel);
      for (const [id, page] of pages) if (!known.has(id)) known.set(id, page);
    }
  }

  private channelOf(channel: string): Map<string, number> {
    return this.channels.get(channel) ?? (this.channels.set(channel, new Map()).get(channel) as Map<string, number>);
  }
}
