import type { Db } from './database.js';

/** A claim on one kind of work (sending a digest) that only one process may do at a time. */
export interface Lease {
  release(): void;
}

/** Whether a process with this pid runs; EPERM means it does, under another user. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the lease `name` for `pid`, or answers which live process holds it. A lease whose holder died (a
 * crash, a kill -9) is taken over. The check and the claim are one IMMEDIATE transaction, so of processes
 * racing for the same lease, exactly one gets it.
 */
export function acquireLease(db: Db, name: string, now: Date, pid = process.pid, isAlive = isProcessAlive): Lease | { heldBy: number } {
  const claim = db.transaction((): number | undefined => {
    const holder = db.prepare('SELECT pid FROM leases WHERE name = ?').pluck().get(name) as number | undefined;
    if (holder !== undefined && holder !== pid && isAlive(holder)) return holder;
    db.prepare('INSERT INTO leases (name, pid, acquired_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET pid = excluded.pid, acquired_at = excluded.acquired_at').run(
      name,
      pid,
      now.toISOString(),
    );
    return undefined;
  });
  const heldBy = claim.immediate();
  if (heldBy !== undefined) return { heldBy };
  return { release: () => void db.prepare('DELETE FROM leases WHERE name = ? AND pid = ?').run(name, pid) };
}
