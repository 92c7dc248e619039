/** How long to pause between tries while another process holds the database's write lock. */
const LOCK_RETRY_MS = 250;

export interface LockWait {
  sleep: (ms: number) => Promise<void>;
  /** Told each time a try found the database locked, with how long the write has waited so far. */
  onLocked: (waitedMs: number) => void;
  now: () => Date;
}

/** SQLite's "another connection holds the lock" (busy_timeout already spent), as better-sqlite3 reports it. */
function isLocked(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/**
 * Runs `write` until it gets through, however long another process keeps the database locked (a backup, a
 * long import): a result the SMTP server already gave must be recorded, or the next run sends the message
 * again. Any other error is thrown as it is.
 */
export async function writeWhenUnlocked(write: () => void, wait: LockWait): Promise<void> {
  const start = wait.now().getTime();
  for (;;) {
    try {
      write();
      return;
    } catch (error) {
      if (!isLocked(error)) throw error;
      wait.onLocked(wait.now().getTime() - start);
      await wait.sleep(LOCK_RETRY_MS);
    }
  }
}
