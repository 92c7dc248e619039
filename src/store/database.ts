import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BroadsheetError } from '../errors.js';
import { migrations } from './migrations.js';

export type Db = Database.Database;

export const DATABASE_FILE = 'broadsheet.db';

/**
 * Opens (creating if needed) the state database in `stateDir` and brings its schema up to date. One
 * connection per process; WAL so that the server can read while a send is writing.
 */
export function openDatabase(stateDir: string): Db {
  const file = join(stateDir, DATABASE_FILE);
  let db: Db;
  try {
    mkdirSync(stateDir, { recursive: true });
    db = new Database(file);
  } catch (error) {
    throw new BroadsheetError('STORE_FAILED', `cannot open the state database (${(error as Error).message}).`, {
      file,
      hint: 'Check that paths.stateDir is a writable folder.',
      cause: error,
    });
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/**
 * The state database for reading only (previews, which must change nothing), or undefined when no
 * digest has ever been recorded.
 */
export function openExistingDatabaseReadOnly(stateDir: string): Db | undefined {
  try {
    return new Database(join(stateDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  } catch {
    return undefined;
  }
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = migrations.slice(current);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const sql of pending) db.exec(sql);
    db.pragma(`user_version = ${migrations.length}`);
  })();
}
