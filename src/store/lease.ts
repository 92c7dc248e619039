import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Db } from './database.js';
import { PostgresDb } from './postgresDatabase.js';

/** A claim on one kind of work (sending a digest) that only one process may do at a time. */
export interface Lease {
  release(): void;
}

/**
 * Who runs under a pid: on Linux the pid with its start time and the boot, so that a pid a crashed holder
 * left, and the system then gave to another process (a container's restart), is not taken for the holder.
 * Elsewhere, or for a pid that is gone, the pid alone.
 */
export function processIdentity(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22, starttime, counted from the fields after the command name, which may hold spaces.
    const startTime = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return `${pid}@${startTime}@${boot}`;
  } catch {
    return String(pid);
  }
}

/**
 * A process that has exited but was never reaped: its parent died too, and in a container without an init
 * nobody ever reaps it (a `digest send` killed through `npx`). It answers signals, yet runs nothing.
 * State `Z` (or `X`, dead) in /proc/N/stat, Linux only; elsewhere, or for a pid that is gone, false.
 */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 3, the state, is the first after the command name, which may hold spaces and parentheses.
    return /^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}

/** Whether the process a lease names still runs: its pid is alive, not a zombie, and, where it can be told, the same process. */
function isHolderRunning(pid: number, identity: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (isZombie(pid)) return false;
  return identity === String(pid) || processIdentity(pid) === identity;
}

/**
 * Takes the lease `name` for `pid`, or answers which running process holds it. A lease whose holder died (a
 * crash, a kill -9, a zombie left unreaped) is taken over. The check and the claim are one IMMEDIATE transaction, so of processes
 * racing for the same lease, exactly one gets it.
 */
export function acquireLease(db: Db, name: string, now: Date, pid = process.pid): Lease | { heldBy: number } {
  if (db instanceof PostgresDb) return acquireAdvisoryLock(db, name, now, pid);
  const identity = processIdentity(pid);
  const claim = db.transaction((): number | undefined => {
    const holder = db.prepare('SELECT pid, process FROM leases WHERE name = ?').get(name) as { pid: number; process: string } | undefined;
    if (holder !== undefined && holder.process !== identity && isHolderRunning(holder.pid, holder.process)) return holder.pid;
    recordHolder(db, name, pid, identity, now);
    return undefined;
  });
  const heldBy = claim.immediate();
  if (heldBy !== undefined) return { heldBy };
  return { release: () => void db.prepare('DELETE FROM leases WHERE name = ? AND process = ?').run(name, identity) };
}

/** The advisory locks' first key, which keeps broadsheet's apart from any other program's on the same database. */
const LEASE_LOCKS = 0x6273; // "bs"

/**
 * On PostgreSQL the lease is a session's advisory lock, which the server releases the moment the holder's
 * connection ends (a crash, a kill -9, a machine that went away), wherever the holder ran: no pid to check.
 * The leases row only says who holds it, for the message of a process that finds it taken.
 */
function acquireAdvisoryLock(db: PostgresDb, name: string, now: Date, pid: number): Lease | { heldBy: number } {
  const taken = db.prepare(`SELECT pg_try_advisory_lock(${LEASE_LOCKS}, hashtext(?))`).pluck().get(name) === 1;
  if (!taken) return { heldBy: (db.prepare('SELECT pid FROM leases WHERE name = ?').pluck().get(name) as number | undefined) ?? 0 };
  const identity = `${processIdentity(pid)}@${hostname()}`;
  recordHolder(db, name, pid, identity, now);
  return {
    release: () => {
      db.prepare('DELETE FROM leases WHERE name = ? AND process = ?').run(name, identity);
      db.prepare(`SELECT pg_advisory_unlock(${LEASE_LOCKS}, hashtext(?))`).get(name);
    },
  };
}

function recordHolder(db: Db, name: string, pid: number, identity: string, now: Date): void {
  db.prepare(
    'INSERT INTO leases (name, pid, process, acquired_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET pid = excluded.pid, process = excluded.process, acquired_at = excluded.acquired_at',
  ).run(name, pid, identity, now.toISOString());
}
