import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeNewFile } from '../io/writeNewFile.js';

/**
 * The key `dev` signs its subscription links with: random, made once and kept in the dev state folder, so
 * the links in the dev inbox keep working across restarts and a production secret never signs a test link.
 */
export async function devSecret(dir: string): Promise<string> {
  const path = join(dir, 'secret');
  const read = async () => (await readFile(path, 'utf8').catch(() => '')).trim();
  const kept = await read();
  if (kept !== '') return kept;
  // Two dev servers starting together: the first one's secret wins, and both use it.
  await writeNewFile(path, `${randomBytes(32).toString('hex')}\n`);
  return read();
}
