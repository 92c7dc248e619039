import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/database.js';
import { openDatabase } from '../../src/store/database.js';
import { openPostgres } from '../../src/store/postgresDatabase.js';
import { stateTables } from '../../src/store/stateTables.js';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { freshPostgresUrl } from '../support/databases.js';
import { makeProject } from '../support/project.js';

const EVERY_TABLE = readFileSync(join(REPO_ROOT, 'tests/fixtures/state/everyTable.sql'), 'utf8');

/**
 * More subscribers and outbox rows than a batch of the copy holds (1,000), so that the copy reads on from
 * the last key, a single one (subscribers.id) and a pair (outbox's digest and subscriber).
 */
const MANY_ROWS = `WITH RECURSIVE n(i) AS (SELECT 100 UNION ALL SELECT i + 1 FROM n WHERE i < 2600)
  INSERT INTO subscribers (id, email, email_key, status, source, created_at, updated_at) SELECT i, 'r' || i || '@example.org', 'r' || i || '@example.org', 'confirmed', 'test', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z' FROM n;
  INSERT INTO outbox (digest_number, subscriber_id, status, message_id, updated_at, edition) SELECT 4, id, 'queued', '<4.' || id || '@x>', '2026-01-17T08:00:00.000Z', 2 FROM subscribers WHERE id >= 100;`;

/** A project whose SQLite state has rows in every state table, and `broadsheet` run in it. */
async function projectWithState(options: { many?: boolean } = {}) {
  const project = await makeProject();
  const db = openDatabase(project.config.paths.stateDir);
  db.exec(EVERY_TABLE);
  if (options.many === true) db.exec(MANY_ROWS);
  db.close();
  const cli = (args: string[], env: Record<string, string> = {}) => runCli([...args, '--config', project.configFile], { cwd: project.dir, env: { ...project.env, ...env } });
  return { project, cli };
}

/** Every state table's rows, in key order. */
function stateRows(db: Db): Record<string, unknown[]> {
  return Object.fromEntries(stateTables(db).map((table) => [table.name, db.prepare(`SELECT ${table.columns.join(', ')} FROM ${table.name} ORDER BY ${table.key.join(', ')}`).all()]));
}

function rowsOf<T>(open: () => Db, read: (db: Db) => T): T {
  const db = open();
  try {
    return read(db);
  } finally {
    db.close();
  }
}

describe('broadsheet db copy', () => {
  it('moves every state table from SQLite to PostgreSQL and back, row for row with the same ids, and leaves the build cache and leases behind', async () => {
    const { project, cli } = await projectWithState({ many: true });
    const original = rowsOf(() => openDatabase(project.config.paths.stateDir), stateRows);
    expect(Object.entries(original).filter(([, rows]) => rows.length === 0)).toEqual([]);

    const url = freshPostgresUrl();
    const there = await cli(['db', 'copy', '--to', url]);
    expect(there.stderr).toBe('');
    expect(there.code).toBe(0);
    expect(there.stdout).toContain(`Copied the state of state/broadsheet.db to ${url}:`);
    expect(there.stdout).toMatch(/^ {2}subscribers +2503$/m);
    expect(there.stdout).toMatch(/^ {2}outbox +2503$/m);
    expect(rowsOf(() => openPostgres(url), stateRows)).toEqual(original);

    const back = await cli(['db', 'copy', '--to', 'sqlite:back'], { BROADSHEET_DATABASE_URL: url });
    expect(back.stderr).toBe('');
    expect(back.code).toBe(0);
    const backDir = join(project.dir, 'back');
    expect(rowsOf(() => openDatabase(backDir), stateRows)).toEqual(original);
    expect(rowsOf(() => openDatabase(backDir), (db) => db.prepare(`SELECT (SELECT COUNT(*) FROM meta) + (SELECT COUNT(*) FROM outputs) + (SELECT COUNT(*) FROM leases)`).pluck().get())).toBe(0);
  });

  it('lets PostgreSQL number a new subscriber after the highest id copied', async () => {
    const { cli } = await projectWithState();
    const url = freshPostgresUrl();
    expect((await cli(['db', 'copy', '--to', url])).code).toBe(0);
    const added = await cli(['subscribers', 'add', 'cy@example.org', '--confirmed'], { BROADSHEET_DATABASE_URL: url });
    expect(added.stderr).toBe('');
    expect(rowsOf(() => openPostgres(url), (db) => db.prepare('SELECT id, email FROM subscribers ORDER BY id').all())).toEqual([
      { id: 3, email: 'Ann@example.org' },
      { id: 7, email: 'bo@example.org' },
      { id: 8, email: 'cy@example.org' },
    ]);
  });

  it('refuses a target that already holds state, naming it and what it holds, and copies nothing', async () => {
    const { project, cli } = await projectWithState();
    const url = freshPostgresUrl();
    rowsOf(() => openPostgres(url), (db) => db.exec(EVERY_TABLE));
    const again = await cli(['db', 'copy', '--to', url]);
    expect(again.code).toBe(2);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(new RegExp(`^broadsheet: --to: ${url} already holds state \\(archive_pages: 2, subscribers: 2, .*outbox: 2, .*\\); nothing was copied\\. Copy into a new, empty database .*\\n$`));
    const intoItself = await cli(['db', 'copy', '--to', `sqlite:${project.config.paths.stateDir}`]);
    expect(intoItself.code).toBe(2);
    expect(intoItself.stderr).toMatch(/^broadsheet: --to: state\/broadsheet\.db already holds state \(.*subscribers: 2.*\); nothing was copied\./);
  });

  it('says in one line what is wrong with a target it cannot use', async () => {
    const { cli } = await projectWithState();
    for (const [to, message] of [
      ['mysql://db.example.org/news', 'broadsheet: --to: "mysql://db.example.org/news" is neither a PostgreSQL URL nor a SQLite state folder.'],
      ['postgres://broadsheet:hunter2@127.0.0.1:1/news', 'broadsheet: --to: postgres://broadsheet:***@127.0.0.1:1/news: cannot connect to the PostgreSQL database ('],
    ] as const) {
      const result = await cli(['db', 'copy', '--to', to]);
      expect(result.code).toBe(2);
      expect(result.stderr.startsWith(message)).toBe(true);
      expect(result.stderr.split('\n')).toHaveLength(2);
      expect(result.stderr).not.toContain('hunter2');
    }
  });
});
