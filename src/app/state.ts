import type { ResolvedConfig } from '../config/resolvedConfig.js';
import type { Db } from '../store/database.js';
import { databaseFile, isSqliteError, openDatabaseForReading, stateFailed } from '../store/database.js';
import { openPostgres } from '../store/postgresDatabase.js';
import { SubscriberStore } from '../subscribers/subscriberStore.js';
import { openStateDatabase } from './stateDatabase.js';

export interface State {
  db: Db;
  subscribers: SubscriberStore;
}

/**
 * The state database for one command, closed when `run` ends. `read` is for the commands that change
 * nothing (list, export, show, stats): they work on a state folder that cannot be written.
 */
export async function withState<T>(config: ResolvedConfig, access: 'read' | 'write', run: (state: State) => T | Promise<T>): Promise<T> {
  const db = access === 'write' ? openStateDatabase(config) : config.databaseUrl === undefined ? openDatabaseForReading(config.paths.stateDir) : openPostgres(config.databaseUrl);
  try {
    return await run({ db, subscribers: new SubscriberStore(db, () => new Date()) });
  } catch (error) {
    // A database damaged past its first pages opens, and fails only when a query reaches the damage.
    throw isSqliteError(error) ? stateFailed(error, databaseFile(config.paths.stateDir)) : error;
  } finally {
    db.close();
  }
}
