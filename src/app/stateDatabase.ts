import type { ResolvedConfig } from '../config/resolvedConfig.js';
import type { Db } from '../store/database.js';
import { databaseFile, openDatabase, stateFailed } from '../store/database.js';
import type { PostgresDb } from '../store/postgresDatabase.js';
import { openPostgres } from '../store/postgresDatabase.js';
import { dropWithdrawnChoices } from '../subscribers/subscriberTopics.js';

/**
 * The state database for writing (PostgreSQL when BROADSHEET_DATABASE_URL names one, else SQLite in
 * paths.stateDir), its subscribers' choices brought in line with the config first: a topic or frequency the
 * publisher withdrew is nobody's choice any more (src/subscribers/subscriberTopics.ts).
 */
export function openStateDatabase(config: ResolvedConfig): Db {
  return config.databaseUrl === undefined ? inLine(openDatabase(config.paths.stateDir), config) : openSharedDatabase(config.databaseUrl, config);
}

/** The PostgreSQL state database `url` names, for what only runs there (the sender workers). */
export function openSharedDatabase(url: string, config: ResolvedConfig): PostgresDb {
  return inLine(openPostgres(url), config);
}

function inLine<T extends Db>(db: T, config: ResolvedConfig): T {
  try {
    dropWithdrawnChoices(db, config.digest);
    return db;
  } catch (error) {
    db.close();
    throw stateFailed(error, databaseFile(config.paths.stateDir));
  }
}

/**
 * Where the build cache is kept: in the state database on SQLite; beside a PostgreSQL store, in the SQLite
 * file of paths.stateDir, since the cache describes this machine's content folder and out/, not anything
 * the machines that share the database have in common. `close` closes what this opened.
 */
export function openBuildCacheDatabase(config: ResolvedConfig, state: Db): { db: Db; close(): void } {
  if (state.dialect === 'sqlite') return { db: state, close: () => undefined };
  const db = openDatabase(config.paths.stateDir);
  return { db, close: () => db.close() };
}
