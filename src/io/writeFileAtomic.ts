import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { outputFailed } from './systemErrors.js';
import { tempPathFor } from './tempFiles.js';

export type WriteOutcome = 'written' | 'unchanged';

/**
 * What the caller knows of the file's folder: `made` (it made the folder itself, so no file is there it did not
 * write: nothing is read back), `exists`, or `unknown` (made when missing).
 */
export type FolderState = 'made' | 'exists' | 'unknown';

/**
 * Writes through a temporary file in the same folder and renames it into place, so a reader (or a crash)
 * never sees half a file. Leaves the file alone when its bytes would not change, which keeps mtimes, and so
 * HTTP Last-Modified and feed readers' caches, honest. Synchronous: a build writes thousands of small files,
 * and the promise API's open, write, close and rename, each a round trip through the thread pool, took twice
 * the CPU time of these calls (11,000 files: 4.2 s against 2.0 s).
 */
export function writeFileAtomic(path: string, contents: string | Uint8Array, folder: FolderState = 'unknown'): WriteOutcome {
  const bytes = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : Buffer.from(contents);
  if (folder !== 'made' && readExisting(path)?.equals(bytes) === true) return 'unchanged';
  throughTempFile(path, folder, (temp) => writeFileSync(temp, bytes));
  return 'written';
}

/** Copies `from` to `path` the same way (an image, a static file): its bytes are not read, whatever its size. */
export function copyFileAtomic(from: string, path: string, folder: FolderState = 'unknown'): void {
  throughTempFile(path, folder, (temp) => copyFileSync(from, temp));
}

function readExisting(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

function throughTempFile(path: string, folder: FolderState, fill: (temp: string) => void): void {
  const temp = tempPathFor(path);
  try {
    if (folder === 'unknown') mkdirSync(dirname(path), { recursive: true });
    fill(temp);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw outputFailed(error, path);
  }
}
