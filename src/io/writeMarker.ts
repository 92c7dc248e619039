import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { removeTempFiles } from './tempFiles.js';

/** In out/, while a build writes there: the writer's pid. A dotfile, which `serve` never serves. */
const MARKER = '.broadsheet-writing';

/**
 * Runs a build's writes into `dir` under a marker naming this process. A write that fails removes its own
 * temporary file, but a process that is killed (or crashes) mid-write cannot, and leaves the marker behind:
 * the next build that finds the marker of a process no longer running removes broadsheet's temporary files
 * below `dir`. Only then, because walking an out/ of 10,000 pages costs more than a whole rebuild.
 */
export async function withWriteMarker<T>(dir: string, write: () => Promise<T>): Promise<T> {
  const marker = join(dir, MARKER);
  const holder = await readFile(marker, 'utf8').catch(() => undefined);
  // Another build is writing here now: its marker stays, and so do its temporary files.
  if (holder !== undefined && isOtherLiveProcess(Number(holder))) return write();
  if (holder !== undefined) await removeTempFiles(dir);
  const own = String(process.pid);
  // On a full disk even the marker may not fit; the writes then fail, each removing its own temporary file.
  await mkdir(dir, { recursive: true })
    .then(() => writeFile(marker, own))
    .catch(() => undefined);
  try {
    return await write();
  } finally {
    await rm(marker, { force: true });
  }
}

/** A build still running elsewhere (`start` and a `build` by hand): its temporary files are not leftovers. */
function isOtherLiveProcess(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
