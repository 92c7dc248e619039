import type { Db } from '../../src/store/database.js';
import type { DatabaseKind } from './databases.js';
import { freshDatabase, openFreshDatabase } from './databases.js';

/**
 * The database the store suite runs on: SQLite, and PostgreSQL in the vitest project `store on postgres`
 * (vitest.config.ts), which runs the same files again with BROADSHEET_TEST_STORE=postgres.
 */
export const storeUnderTest: DatabaseKind = process.env.BROADSHEET_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

/** A new, empty state database, as the commands open it, on the store suite's database. */
export function openTempDatabase(): Db {
  return openFreshDatabase(storeUnderTest);
}

/** A new, empty state database on the store suite's database, to open several connections to: each one another process's. */
export function sharedTempDatabase(): { address: string; connect(): Db } {
  return freshDatabase(storeUnderTest);
}
