import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { outputFailed } from './systemErrors.js';
import { tempPathFor } from './tempFiles.js';

export type WriteOutcome = 'written' | 'unchanged';

/**
 * Writes through a temporary file in the same folder and renames it into place, so a reader (or a crash)
 * never sees half a file. Leaves the file alone when its bytes would not change, which keeps mtimes, and so
 * HTTP Last-Modified and feed readers' caches, honest.
 */
export async function writeFileAtomic(path: string, contents: string | Uint8Array): Promise<WriteOutcome> {
  const bytes = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : Buffer.from(contents);
  const existing = await readFile(path).catch(() => undefined);
  if (existing !== undefined && existing.equals(bytes)) return 'unchanged';
  await throughTempFile(path, (temp) => writeFile(temp, bytes));
  return 'written';
}

/** Copies `from` to `path` the same way (an image, a static file): its bytes are not read, whatever its size. */
export async function copyFileAtomic(from: string, path: string): Promise<void> {
  await throughTempFile(path, (temp) => copyFile(from, temp));
}

async function throughTempFile(path: string, fill: (temp: string) => Promise<void>): Promise<void> {
  const temp = tempPathFor(path);
  try {
    await mkdir(dirname(path), { recursive: true });
    await fill(temp);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw outputFailed(error, path);
  }
}
