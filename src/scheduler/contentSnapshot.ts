import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Relative path -> sha256 of the bytes: what the content folder holds, independent of mtimes. */
export type ContentSnapshot = ReadonlyMap<string, string>;

export async function snapshotContent(dir: string): Promise<ContentSnapshot> {
  const snapshot = new Map<string, string>();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile() || entry.name.startsWith('.')) continue;
    const path = join(entry.parentPath, entry.name);
    snapshot.set(relative(dir, path), createHash('sha256').update(await readFile(path)).digest('hex'));
  }
  return snapshot;
}

export interface ContentChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

export function diffSnapshots(before: ContentSnapshot, after: ContentSnapshot): ContentChanges {
  const changes: ContentChanges = { added: [], changed: [], removed: [] };
  for (const [path, hash] of after) {
    const old = before.get(path);
    if (old === undefined) changes.added.push(path);
    else if (old !== hash) changes.changed.push(path);
  }
  for (const path of before.keys()) if (!after.has(path)) changes.removed.push(path);
  return changes;
}

export function hasChanges(changes: ContentChanges): boolean {
  return changes.added.length + changes.changed.length + changes.removed.length > 0;
}
