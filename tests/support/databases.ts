import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { Db } from '../../src/store/database.js';
import { openDatabase } from '../../src/store/database.js';
import { connectPostgres, openPostgres } from '../../src/store/postgresDatabase.js';

/** The two databases the store runs on; a store test runs on each (`describe.each(DATABASES)`). */
export const DATABASES = ['sqlite', 'postgres'] as const;
export type DatabaseKind = (typeof DATABASES)[number];

let created = 0;

/**
 * A URL of a new, empty PostgreSQL database with the current schema, on the test run's server
 * (tests/support/postgresGlobalSetup.ts): a copy of its migrated template, so it takes a few milliseconds.
 */
export function freshPostgresUrl(): string {
  return newPostgresDatabase('broadsheet_template');
}

/** A URL of a new PostgreSQL database without broadsheet's schema: what `broadsheet db migrate` starts from. */
export function emptyPostgresUrl(): string {
  return newPostgresDatabase('template1');
}

function newPostgresDatabase(template: string): string {
  const base = inject('postgresBaseUrl');
  const name = `test_${process.pid}_${++created}`;
  const admin = connectPostgres(`${base}postgres`);
  try {
    admin.exec(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    admin.close();
  }
  return `${base}${name}`;
}

/**
 * A new, empty state database of `kind` with the current schema: where it is (a state folder, or a URL) and
 * a way to open another connection to it, as another process would.
 */
export function freshDatabase(kind: DatabaseKind): { address: string; connect(): Db } {
  if (kind === 'sqlite') {
    const stateDir = mkdtempSync(join(tmpdir(), 'broadsheet-state-'));
    return { address: stateDir, connect: () => openDatabase(stateDir) };
  }
  const url = freshPostgresUrl();
  return { address: url, connect: () => openPostgres(url) };
}

/** A new, empty state database of `kind` with the current schema. */
export function openFreshDatabase(kind: DatabaseKind): Db {
  return freshDatabase(kind).connect();
}
