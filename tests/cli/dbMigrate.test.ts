import { describe, expect, it } from 'vitest';
import { migrations } from '../../src/store/migrations.js';
import { connectPostgres } from '../../src/store/postgresDatabase.js';
import { runCli } from '../support/cli.js';
import { emptyPostgresUrl } from '../support/databases.js';
import { makeProject } from '../support/project.js';

const VERSION = migrations.length;

async function project(env: Record<string, string> = {}) {
  const made = await makeProject();
  return (...args: string[]) => runCli([...args, '--config', made.configFile], { cwd: made.dir, env: { ...made.env, ...env } });
}

describe('broadsheet db migrate', () => {
  it('brings an empty PostgreSQL database to the schema, which every other command refuses until then', async () => {
    const url = emptyPostgresUrl();
    const cli = await project({ BROADSHEET_DATABASE_URL: url });
    const refused = await cli('subscribers', 'list');
    expect(refused).toMatchObject({ code: 2, stdout: '' });
    expect(refused.stderr).toBe(`broadsheet: BROADSHEET_DATABASE_URL: the PostgreSQL database has schema version 0; this broadsheet needs ${VERSION}. Run \`broadsheet db migrate\` once (from any one machine), then start again.\n`);

    const migrated = await cli('db', 'migrate');
    expect(migrated).toEqual({ code: 0, stdout: `${url}: applied ${VERSION} migrations; the schema is at version ${VERSION}.\n`, stderr: '' });
    expect((await cli('db', 'migrate')).stdout).toBe(`${url}: the schema is up to date (version ${VERSION}).\n`);
    expect(await cli('subscribers', 'list')).toEqual({ code: 0, stdout: '', stderr: '0 subscribers\n' });
  });

  it('refuses, like every command, a database that a newer broadsheet has migrated', async () => {
    const url = emptyPostgresUrl();
    const cli = await project({ BROADSHEET_DATABASE_URL: url });
    expect((await cli('db', 'migrate')).code).toBe(0);
    const db = connectPostgres(url);
    db.prepare('INSERT INTO broadsheet_schema (version) VALUES (?)').run(VERSION + 1);
    db.close();
    const newer = `broadsheet: BROADSHEET_DATABASE_URL: the PostgreSQL database has schema version ${VERSION + 1}, newer than this broadsheet's ${VERSION}: a newer broadsheet has migrated it. Upgrade broadsheet on this machine to the version that migrated the database.\n`;
    expect(await cli('db', 'migrate')).toEqual({ code: 2, stdout: '', stderr: newer });
    expect(await cli('digest', 'stats')).toEqual({ code: 2, stdout: '', stderr: newer });
  });

  it('on SQLite, says that the state database migrates itself, and opens it so that it has', async () => {
    const cli = await project();
    expect(await cli('db', 'migrate')).toEqual({ code: 0, stdout: `state/broadsheet.db is SQLite, which migrates itself whenever broadsheet opens it: its schema is at version ${VERSION}.\n`, stderr: '' });
  });
});
