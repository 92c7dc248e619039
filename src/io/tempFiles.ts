import { randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** broadsheet's temporary files, and only them: `.<name>.<12 hex digits>.tmp`. */
const TEMP_FILE_NAME = /^\..+\.[0-9a-f]{12}\.tmp$/;

/** Where a write of `path` goes first: beside it, so the rename into place stays on one file system. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Removes every file below `dir` named as broadsheet names its temporary files (never another file); returns how many. */
export async function removeTempFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const temps = entries.filter((entry) => entry.isFile() && TEMP_FILE_NAME.test(entry.name));
  for (const entry of temps) await rm(join(entry.parentPath, entry.name), { force: true });
  return temps.length;
}
