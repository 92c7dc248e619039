import { join } from 'node:path';
import type { ResolvedConfig } from '../config/resolvedConfig.js';
import { renderArchiveIssues } from '../digest/renderArchive.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import { renderArchiveIndex } from '../pages/archiveIndexPage.js';
import type { Db } from '../store/database.js';
import { listSentDigests } from '../store/digestLog.js';

/** Writes every finished digest's page and the archive index (by number, whatever order they finished in); returns the paths under out/. */
export async function writeArchive(db: Db, config: ResolvedConfig): Promise<string[]> {
  const archived = listSentDigests(db).map((d) => ({ number: d.number, subject: d.subject, sentAt: d.sentAt ?? d.createdAt, html: d.html }));
  const archive = renderArchiveIssues(archived, config.site).set('archive/index.html', renderArchiveIndex(archived, config.site));
  for (const [path, body] of archive) await writeFileAtomic(join(config.paths.out, path), body);
  return [...archive.keys()];
}
