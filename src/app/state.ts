import type { ResolvedConfig } from '../config/resolvedConfig.js';
import type { Db } from '../store/database.js';
import { databaseFile, isSqliteError, openDatabaseForReading, stateFailed } from '../store/database.js';
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
  const db = access === 'read' ? openDatabaseForReading(config.paths.stateDir) : openStateDatabase(config);
  try {
    return await run({ db, subscribers: new SubscriberStore(db, () => new Date()) });
  } catch (error) {
    // A database damaged past its first pages opens, and fails only when a query reaches the damage.
    throw isSqliteError(error) ? stateFailed(error, databaseFile(config.paths.stateDir)) : error;
  } finally {
    db.close();
  }
}
