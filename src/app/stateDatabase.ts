import type { ResolvedConfig } from '../config/resolvedConfig.js';
import type { Db } from '../store/database.js';
import { databaseFile, openDatabase, stateFailed } from '../store/database.js';
import { dropWithdrawnChoices } from '../subscribers/subscriberTopics.js';

/**
 * The state database for writing, its subscribers' choices brought in line with the config first: a topic
 * or frequency the publisher withdrew is nobody's choice any more (src/subscribers/subscriberTopics.ts).
 */
export function openStateDatabase(config: ResolvedConfig): Db {
  const db = openDatabase(config.paths.stateDir);
  try {
    dropWithdrawnChoices(db, config.digest);
    return db;
  } catch (error) {
    db.close();
    throw stateFailed(error, databaseFile(config.paths.stateDir));
  }
}
