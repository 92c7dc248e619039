import { existsSync, renameSync, rmSync } from 'node:fs';

const setAside: string[] = [];

/**
 * Empties the way for a cold run by renaming `path` beside itself instead of deleting it: deleting 10,000
 * files took 10 to 14 s of kernel time here, and the disk's work after it fell on the next measured run.
 * Everything set aside is deleted once the measurements are over (removeSetAside).
 */
export function setAsideForRun(path: string): void {
  if (!existsSync(path)) return;
  const aside = `${path}.aside-${setAside.length}`;
  rmSync(aside, { recursive: true, force: true });
  renameSync(path, aside);
  setAside.push(aside);
}

export function removeSetAside(): void {
  for (const path of setAside.splice(0)) rmSync(path, { recursive: true, force: true });
}
