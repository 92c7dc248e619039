import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BroadsheetError } from '../errors.js';
import { isProcessAlive } from '../store/lease.js';

export const LOCK_FILE = 'scheduler.lock';

export interface Lock {
  release(): Promise<void>;
}

/**
 * Creates `path` holding `pid`, or answers false when it exists. The pid is written to a file of our own
 * first and then linked into place (atomic, and it fails if the name is taken): with `writeFile(..., 'wx')`
 * another starter could read the lock between its creation and its write, find no pid, and take it over.
 */
async function createHoldingPid(path: string, pid: number): Promise<boolean> {
  const draft = `${path}.${pid}.${randomUUID()}`;
  await writeFile(draft, `${pid}\n`);
  try {
    await link(draft, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(draft, { force: true });
  }
}

/**
 * One scheduler per state folder: a lock file holding the owner's pid, created atomically (`wx`). A lock
 * left by a process that no longer runs (a crash, a kill -9) is taken over.
 */
export async function acquireLock(stateDir: string, pid = process.pid): Promise<Lock> {
  const path = join(stateDir, LOCK_FILE);
  await mkdir(stateDir, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await createHoldingPid(path, pid)) return { release: async () => void (await rm(path, { force: true })) };
    const holder = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(holder) && holder !== pid && isProcessAlive(holder)) {
      throw new BroadsheetError('STORE_FAILED', `another broadsheet scheduler (pid ${holder}) already runs on this state folder.`, {
        file: path,
        hint: 'Stop it first, or give this one another paths.stateDir.',
      });
    }
    await rm(path, { force: true });
  }
  throw new BroadsheetError('STORE_FAILED', 'could not take the scheduler lock.', { file: path, hint: 'Another scheduler started at the same moment; try again.' });
}
