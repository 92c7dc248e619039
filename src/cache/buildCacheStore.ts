import { resolve } from 'node:path';
import { codeFingerprint } from '../io/codeFingerprint.js';
import type { CachedFile, CachedRender, CachedVerdict } from '../content/contentMemo.js';
import type { Db } from '../store/database.js';
import type { BuildCache } from './buildCache.js';
import { emptyBuildCache } from './buildCache.js';
import { ContentCache } from './contentCache.js';
import { FeedPlanMemo } from './feedPlanMemo.js';
import { OutputMemo } from './outputMemo.js';
import type { StoredEntry } from './storedEntry.js';
import { reviveEntry, storeEntry } from './storedEntry.js';
import type { OutputRecord } from './outputMemo.js';

/**
 * What the cache was made by and for. Other code (an edit, a release from git, another version of a package
 * that shapes output) may parse or render differently, and another content folder holds other files under
 * the same paths: either empties the cache.
 */
function cacheScope(contentDir: string, reading: unknown): string {
  return JSON.stringify({ code: codeFingerprint(), format: STORED_FORMAT, contentDir: resolve(contentDir), reading });
}

/** The shape of the stored rows below: a cache saved in another shape is emptied, not misread. */
const STORED_FORMAT = 5;

const SCOPE_KEY = 'build_cache_scope';

/** The files not published (rejected, or pages), as one JSON row: there are few, and they change rarely. */
const VERDICTS_KEY = 'build_cache_unpublished';

/** A build cache as loaded from the store, with the scope it was loaded for. */
export interface StoredBuildCache extends BuildCache {
  readonly scope: string;
}

/**
 * The build cache of earlier runs for this content folder, or an empty one (also when `fresh`, and when the
 * files are read otherwise: `reading`, the read options, other than the cache's).
 */
export function loadBuildCache(db: Db, contentDir: string, options: { fresh?: boolean; reading?: unknown } = {}): StoredBuildCache {
  const scope = cacheScope(contentDir, options.reading ?? null);
  const stored = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(SCOPE_KEY) as string | undefined;
  if (options.fresh === true || stored !== scope) {
    db.transaction(() => {
      db.exec('DELETE FROM content_index; DELETE FROM content_renders; DELETE FROM outputs;');
      db.prepare('DELETE FROM meta WHERE key = ?').run(VERDICTS_KEY);
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(SCOPE_KEY, scope);
    })();
    return { ...emptyBuildCache(), scope };
  }
  const buckets = db.prepare('SELECT files FROM content_index').pluck().all() as string[];
  const files = buckets.flatMap((bucket) => (JSON.parse(bucket) as StoredFile[]).map(reviveFile));
  const renders = (db.prepare('SELECT source_path, source_hash, url, summary, html FROM content_renders').raw().all() as [string, string, string, string, string][]).map(
    ([path, sourceHash, url, summary, html]): [string, CachedRender] => [path, { sourceHash, url, body: { summary, html } }],
  );
  const outputs = (db.prepare('SELECT name, key, files FROM outputs').raw().all() as [string, string, string][]).map(
    ([name, key, written]): [string, OutputRecord] => [name, { key, files: JSON.parse(written) as OutputRecord['files'] }],
  );
  const verdicts = JSON.parse((db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(VERDICTS_KEY) as string | undefined) ?? '[]') as [string, CachedVerdict][];
  return { content: ContentCache.restore(files, renders, verdicts), feedPlans: new FeedPlanMemo(), outputs: OutputMemo.restore(outputs), scope };
}

/**
 * Writes what changed in the cache since it was loaded or last saved, in one transaction; nothing when another
 * process has meanwhile taken the store over for another content folder (its cache is the one kept).
 */
export function saveBuildCache(db: Db, cache: StoredBuildCache): void {
  const content = cache.content.takeChanges();
  const outputs = cache.outputs.takeChanges();
  const putBucket = db.prepare('INSERT INTO content_index (bucket, files) VALUES (?, ?) ON CONFLICT (bucket) DO UPDATE SET files = excluded.files');
  const changedBuckets = new Set(content.files.map(bucketOf));
  const buckets = new Map<number, StoredFile[]>([...changedBuckets].map((bucket) => [bucket, []]));
  if (changedBuckets.size > 0) for (const file of cache.content.knownFiles()) buckets.get(bucketOf(file[0]))?.push(storedFile(file));
  const putRender = db.prepare(
    `INSERT INTO content_renders (source_path, source_hash, url, summary, html) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (source_path) DO UPDATE SET source_hash = excluded.source_hash, url = excluded.url, summary = excluded.summary, html = excluded.html`,
  );
  const putOutput = db.prepare('INSERT INTO outputs (name, key, files) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET key = excluded.key, files = excluded.files');
  const removeRender = db.prepare('DELETE FROM content_renders WHERE source_path = ?');
  const removeOutput = db.prepare('DELETE FROM outputs WHERE name = ?');
  db.transaction(() => {
    if (db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(SCOPE_KEY) !== cache.scope) return;
    for (const [bucket, files] of buckets) putBucket.run(bucket, JSON.stringify(files));
    for (const [path, render] of content.renders) putRender.run(path, render.sourceHash, render.url, render.body.summary, render.body.html);
    for (const path of content.removedRenders) removeRender.run(path);
    for (const [name, record] of outputs.records) putOutput.run(name, record.key, JSON.stringify(record.files));
    for (const name of outputs.removed) removeOutput.run(name);
    if (content.verdicts) {
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(VERDICTS_KEY, JSON.stringify([...cache.content.knownVerdicts()]));
    }
  }).immediate();
}

/**
 * The index of files is saved in this many rows, each holding the files whose path hashes to it: loading a
 * few large JSON rows is far faster than a row per file, and after an edit only the edited file's row is
 * written again.
 */
const BUCKETS = 64;

function bucketOf(path: string): number {
  let hash = 0;
  for (let i = 0; i < path.length; i++) hash = (hash * 31 + path.charCodeAt(i)) | 0;
  return (hash >>> 0) % BUCKETS;
}

/** A file of the index as stored: its path, stat stamp and summary (URL and text, or 0), then its entry's fields (storedEntry.ts). */
type StoredFile = [path: string, size: number, mtimeMs: number, checkedAt: number, summary: [url: string, text: string] | 0, ...entry: StoredEntry];

function storedFile([path, { size, mtimeMs, checkedAt, entry, summary }]: [string, CachedFile]): StoredFile {
  return [path, size, mtimeMs, checkedAt, summary === undefined ? 0 : [summary.url, summary.text], ...storeEntry(entry)];
}

function reviveFile([path, size, mtimeMs, checkedAt, summary, ...entry]: StoredFile): [string, CachedFile] {
  return [path, { size, mtimeMs, checkedAt, entry: reviveEntry(path, entry), ...(summary === 0 ? {} : { summary: { url: summary[0], text: summary[1] } }) }];
}
