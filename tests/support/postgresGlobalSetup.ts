import type { TestProject } from 'vitest/node';
import { connectPostgres, openPostgres } from '../../src/store/postgresDatabase.js';
import { startPostgresCluster } from './postgresCluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test run's PostgreSQL server, as a URL without a database name (tests/support/databases.ts). */
    postgresBaseUrl: string;
  }
}

/**
 * One PostgreSQL server for the whole run, with a template database already migrated, so that each test's
 * fresh database is a quick copy of it (tests/support/databases.ts).
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startPostgresCluster();
  const admin = connectPostgres(`${cluster.baseUrl}postgres`);
  admin.exec('CREATE DATABASE broadsheet_template');
  admin.close();
  openPostgres(`${cluster.baseUrl}broadsheet_template`, { migrate: true }).close();
  project.provide('postgresBaseUrl', cluster.baseUrl);
  return () => cluster.stop();
}
