import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BroadsheetError } from '../errors.js';
import { errorCode } from '../io/systemErrors.js';
import { migrations } from './migrations.js';

/** A prepared statement, as the store uses one on either database (better-sqlite3's shape). */
export interface Statement {
  run(...params: unknown[]): { changes: number };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  /** Rows as their first column's value. */
  pluck(toggle?: boolean): this;
  /** Rows as arrays of their columns' values. */
  raw(toggle?: boolean): this;
}

/** `fn` run in a transaction; `immediate` takes the database's write lock first, so that a read inside it decides the writes. */
export interface Transaction<F extends VariableArgFunction> {
  (...args: ArgumentTypes<F>): ReturnType<F>;
  immediate(...args: ArgumentTypes<F>): ReturnType<F>;
}

// better-sqlite3's own definitions, so that its Database is a Db as it is.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type VariableArgFunction = (...params: any[]) => unknown;
export type ArgumentTypes<F extends VariableArgFunction> = F extends (...args: infer A) => unknown ? A : never;

/**
 * The state database: SQLite in paths.stateDir, or PostgreSQL when BROADSHEET_DATABASE_URL names one
 * (src/store/postgresDatabase.ts). The store's modules see only this, and one SQL for both
 * (src/store/postgresDialect.ts says where the two differ).
 */
export interface Db {
  readonly dialect: 'sqlite' | 'postgres';
  prepare(sql: string): Statement;
  transaction<F extends VariableArgFunction>(fn: F): Transaction<F>;
  exec(sql: string): void;
  close(): void;
}

/** SQLite's own connection, for what only it has (pragmas, the build cache's local file). */
export type SqliteDb = Database.Database & { readonly dialect: 'sqlite' };

export const DATABASE_FILE = 'broadsheet.db';

/**
 * Opens (creating if needed) the state database in `stateDir` and brings its schema up to date. One
 * connection per process; WAL so that the server can read while a send is writing.
 */
export function openDatabase(stateDir: string): SqliteDb {
  const file = databaseFile(stateDir);
  return opened(file, () => {
    mkdirSync(stateDir, { recursive: true });
    const db = sqlite(new Database(file));
    try {
      // First, so that switching a new file to WAL waits for another process opening it at the same moment.
      db.pragma('busy_timeout = 5000');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      migrate(db);
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  });
}

/**
 * The state database for a command that only reads it (subscribers list, export and show, digest preview
 * and stats), which must change nothing and works on a folder it cannot write (a read-only mount, a
 * backup). A folder without a database reads as an empty one.
 */
export function openDatabaseForReading(stateDir: string): SqliteDb {
  const file = databaseFile(stateDir);
  if (!existsSync(file)) return inMemory(undefined);
  return opened(file, () => {
    const db = sqlite(new Database(file, { readonly: true, fileMustExist: true }));
    try {
      if (db.pragma('user_version', { simple: true }) === migrations.length) return db;
    } catch (error) {
      // SQLITE_CANTOPEN: a WAL database needs its -shm file, which a folder it cannot write cannot hold.
      if (errorCode(error) !== 'SQLITE_CANTOPEN') {
        db.close();
        throw error;
      }
    }
    db.close();
    // A copy in memory, brought up to date there when an older version wrote it: the file stays as it is.
    return inMemory(readFileSync(file));
  });
}

/** An empty database, or a copy of one file's bytes, in memory with the current schema. */
function inMemory(bytes: Buffer | undefined): SqliteDb {
  if (bytes !== undefined && bytes.length >= 20) {
    // Bytes 18 and 19 of the header say WAL (2); a database in memory has no WAL, so the copy says rollback (1).
    bytes[18] = 1;
    bytes[19] = 1;
  }
  const db = sqlite(bytes === undefined ? new Database(':memory:') : new Database(bytes));
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

/** Where the state database of `stateDir` is. */
export function databaseFile(stateDir: string): string {
  return join(stateDir, DATABASE_FILE);
}

function sqlite(db: Database.Database): SqliteDb {
  return Object.assign(db, { dialect: 'sqlite' as const });
}

function opened(file: string, open: () => SqliteDb): SqliteDb {
  try {
    return open();
  } catch (error) {
    throw stateFailed(error, file);
  }
}

/** An error of SQLite's own (better-sqlite3's SqliteError carries its result code, `SQLITE_CORRUPT`). */
export function isSqliteError(error: unknown): boolean {
  return errorCode(error)?.startsWith('SQLITE_') === true;
}

/** SQLite's error in one line that says what to do: a damaged file is not the same trouble as a read-only folder. */
export function stateFailed(error: unknown, file: string): BroadsheetError {
  if (error instanceof BroadsheetError) return error;
  const code = errorCode(error);
  const damaged = code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT';
  return new BroadsheetError('STORE_FAILED', damaged ? `the state database is damaged (${(error as Error).message}).` : `cannot open the state database (${(error as Error).message}).`, {
    file,
    hint: damaged ? 'Restore it from a backup, or move it away to start a new one (the subscribers and the digest log are in it).' : 'Check that paths.stateDir is a writable folder.',
    cause: error,
  });
}

function migrate(db: SqliteDb): void {
  if (db.pragma('user_version', { simple: true }) === migrations.length) return;
  // The version read again under the write lock: of processes opening a new state folder at once, one migrates it.
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    for (const sql of migrations.slice(current)) db.exec(sql);
    db.pragma(`user_version = ${migrations.length}`);
  }).immediate();
}
