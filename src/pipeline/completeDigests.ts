import type { ResolvedConfig } from '../config/resolvedConfig.js';
import type { ContentMemo } from '../content/contentMemo.js';
import { giveUpDeferred, outboxCounts } from '../delivery/outbox.js';
import { recordSoftBounce } from '../inbound/recordReport.js';
import type { Db } from '../store/database.js';
import type { StoredDigest } from '../store/digestLog.js';
import { markDigestSent, unfinishedDigests } from '../store/digestLog.js';
import { writeArchive } from './archiveDigests.js';

/** Fails the rows past email.retryFor, each a soft bounce of its subscriber (not a count towards email.bounceAfter). */
export function giveUpStale(config: ResolvedConfig, deps: { db: Db; now: () => Date }): number {
  const rows = giveUpDeferred(deps.db, deps.now(), config.email.retryFor);
  for (const row of rows) recordSoftBounce({ db: deps.db, email: config.email, now: deps.now }, { digestNumber: row.digestNumber, subscriberId: row.subscriberId, diagnostic: row.reason });
  return rows.length;
}

/**
 * Every unfinished digest whose last row is settled, marked sent and published in the archive. Several
 * senders may see the same digest finished at once (workers on PostgreSQL): the mark is set once, and only
 * the process that set it has the digest among those it returns, to report it.
 */
export async function completeFinished(config: ResolvedConfig, deps: { db: Db; now: () => Date; displayRoot: string; cache?: ContentMemo | undefined }): Promise<{ finished: StoredDigest[]; archiveFiles: string[] }> {
  const { db } = deps;
  const finished = unfinishedDigests(db).filter((d) => outboxCounts(db, d.number).queued === 0 && markDigestSent(db, d.number, deps.now()));
  const archiveFiles = finished.length > 0 ? await writeArchive(db, config, { now: deps.now(), displayRoot: deps.displayRoot, ...(deps.cache === undefined ? {} : { cache: deps.cache }) }) : [];
  return { finished, archiveFiles };
}
