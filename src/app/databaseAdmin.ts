import { basename, dirname, relative, resolve } from 'node:path';
import type { ResolvedConfig } from '../config/resolvedConfig.js';
import { BroadsheetError } from '../errors.js';
import type { Db } from '../store/database.js';
import { DATABASE_FILE, databaseFile, isSqliteError, openDatabase, stateFailed } from '../store/database.js';
import { migrations } from '../store/migrations.js';
import type { PostgresDb } from '../store/postgresDatabase.js';
import { connectPostgres, migratePostgres, openPostgres } from '../store/postgresDatabase.js';
import type { CopiedTable } from '../store/stateCopy.js';
import { copyState } from '../store/stateCopy.js';

export type MigrateOutcome =
  | { dialect: 'postgres'; database: string; applied: number; version: number }
  | { dialect: 'sqlite'; database: string; version: number };

/**
 * `db migrate`: PostgreSQL's pending migrations, applied explicitly (every other process refuses a schema
 * that is not its own); SQLite migrates itself whenever a command opens it, so opening it is the migration.
 */
export function migrateStateOnce(config: ResolvedConfig, displayRoot: string): MigrateOutcome {
  if (config.databaseUrl === undefined) {
    openDatabase(config.paths.stateDir).close();
    return { dialect: 'sqlite', database: sourceName(config, displayRoot), version: migrations.length };
  }
  const db = connectPostgres(config.databaseUrl);
  try {
    return { dialect: 'postgres', database: sourceName(config, displayRoot), applied: migratePostgres(db), version: migrations.length };
  } finally {
    db.close();
  }
}

/**
 * `db copy --to`: the state of this config's store (SQLite in paths.stateDir, or BROADSHEET_DATABASE_URL)
 * into an empty PostgreSQL database (`postgres://...`, migrated first) or SQLite state folder (`sqlite:PATH`).
 */
export function copyStateOnce(config: ResolvedConfig, to: string, displayRoot: string): { source: string; target: string; tables: CopiedTable[] } {
  if (to === config.databaseUrl) throw new BroadsheetError('INPUT_INVALID', `${shownUrl(to)} is the database the state is in.`, { field: '--to', hint: 'Name another database to copy it to.' });
  const target = openTarget(to, displayRoot);
  try {
    // As it is: not through openStateDatabase, which would first drop choices the config no longer offers.
    const source = config.databaseUrl === undefined ? openDatabase(config.paths.stateDir) : openPostgres(config.databaseUrl);
    try {
      return { source: sourceName(config, displayRoot), target: target.name, tables: copyState(source, target.db, target.name) };
    } catch (error) {
      throw isSqliteError(error) ? stateFailed(error, databaseFile(config.paths.stateDir)) : error;
    } finally {
      source.close();
    }
  } finally {
    target.db.close();
  }
}

/** The database `--to` names, opened with the current schema. */
function openTarget(to: string, displayRoot: string): { db: Db; name: string } {
  if (to.startsWith('sqlite:')) {
    const path = resolve(displayRoot, to.slice('sqlite:'.length));
    // A state folder, or the broadsheet.db in one.
    const stateDir = basename(path) === DATABASE_FILE ? dirname(path) : path;
    return { db: openDatabase(stateDir), name: shownPath(databaseFile(stateDir), displayRoot) };
  }
  if (/^postgres(ql)?:\/\//.test(to)) {
    const name = shownUrl(to);
    let db: PostgresDb;
    try {
      db = connectPostgres(to);
    } catch (error) {
      if (!(error instanceof BroadsheetError)) throw error;
      throw new BroadsheetError(error.code, `${name}: ${error.message}`, { field: '--to', hint: 'Check the URL (postgres://user:password@host:5432/database), that the database exists and that its server is reachable.', cause: error });
    }
    try {
      migratePostgres(db);
      return { db, name };
    } catch (error) {
      db.close();
      throw error;
    }
  }
  throw new BroadsheetError('INPUT_INVALID', `"${to}" is neither a PostgreSQL URL nor a SQLite state folder.`, { field: '--to', hint: 'Give postgres://user:password@host:5432/database, or sqlite:PATH for a state folder.' });
}

function sourceName(config: ResolvedConfig, displayRoot: string): string {
  return config.databaseUrl === undefined ? shownPath(databaseFile(config.paths.stateDir), displayRoot) : shownUrl(config.databaseUrl);
}

/** A database URL as it may be printed: without its password. */
function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the PostgreSQL database';
  }
}

function shownPath(path: string, displayRoot: string): string {
  return relative(displayRoot, path) || path;
}
