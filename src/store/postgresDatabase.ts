import { createRequire } from 'node:module';
import { DATABASE_URL_VARIABLE } from '../config/resolvedConfig.js';
import { BroadsheetError } from '../errors.js';
import type { ArgumentTypes, Db, Statement, Transaction, VariableArgFunction } from './database.js';
import { migrations } from './migrations.js';
import { postgresSchema, postgresStatement } from './postgresDialect.js';

/** The part of pg-native's Client that the store uses: libpq's synchronous calls. */
interface NativeClient {
  connectSync(url: string): void;
  querySync(text: string, values?: unknown[]): Record<string, unknown>[];
  prepareSync(name: string, text: string, parameters: number): void;
  executeSync(name: string, values: unknown[]): Record<string, unknown>[];
  end(): void;
  pq: { cmdTuples(): string; resultErrorFields(): Record<string, string> | undefined; finish(): void };
}
type NativeClientClass = new (options: { types: { getTypeParser: (oid: number) => (text: string) => unknown } }) => NativeClient;


/**
 * Every process that shares the database takes this transaction-level advisory lock in each of its
 * transactions, which gives PostgreSQL SQLite's one writer at a time: the store's modules were written for
 * that (a read inside a transaction decides its writes), and stay correct on both. Only a sender's claim of
 * a batch (src/delivery/outboxClaims.ts) runs beside others, by `FOR UPDATE SKIP LOCKED`.
 */
const WRITE_LOCK = 0x62736874; // "bsht"

/**
 * PostgreSQL through libpq's synchronous calls (pg-native), so that the store keeps the one synchronous
 * interface it has on SQLite (better-sqlite3), and every module, test and command works on both unchanged. A
 * query blocks its process's event loop for one round trip to the database (about 0.1 ms on a loopback or a
 * LAN); the senders' SMTP conversations, the slow part, stay asynchronous.
 */
export class PostgresDb implements Db {
  readonly dialect = 'postgres';
  private readonly statements = new Map<string, string>();
  private depth = 0;

  constructor(private readonly client: NativeClient) {}

  prepare(sql: string): Statement {
    return new PostgresStatement(this, postgresStatement(sql));
  }

  /** Rows of one statement, prepared once a connection (by its text). */
  query(text: string, values: unknown[]): { rows: Record<string, unknown>[]; changes: number } {
    let name = this.statements.get(text);
    if (name === undefined) {
      name = `s${this.statements.size + 1}`;
      this.guard(() => this.client.prepareSync(name as string, text, values.length));
      this.statements.set(text, name);
    }
    const rows = this.guard(() => this.client.executeSync(name as string, values.map(parameter)));
    return { rows, changes: Number.parseInt(this.client.pq.cmdTuples(), 10) || 0 };
  }

  exec(sql: string): void {
    this.guard(() => this.client.querySync(sql));
  }

  transaction<F extends VariableArgFunction>(fn: F): Transaction<F> {
    const locked = (...args: ArgumentTypes<F>) => this.inTransaction(true, () => fn(...args) as ReturnType<F>);
    return Object.assign(locked, { immediate: locked });
  }

  /** `fn` in a transaction without the write lock: for a claim that `FOR UPDATE SKIP LOCKED` keeps apart from the others'. */
  concurrently<T>(fn: () => T): T {
    return this.inTransaction(false, fn);
  }

  private inTransaction<T>(locked: boolean, fn: () => T): T {
    const savepoint = `t${this.depth}`;
    this.exec(this.depth === 0 ? 'BEGIN' : `SAVEPOINT ${savepoint}`);
    if (this.depth === 0 && locked) this.exec(`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`);
    this.depth++;
    let result: T;
    try {
      result = fn();
    } catch (error) {
      this.depth--;
      this.exec(this.depth === 0 ? 'ROLLBACK' : `ROLLBACK TO SAVEPOINT ${savepoint}`);
      throw error;
    }
    this.depth--;
    this.exec(this.depth === 0 ? 'COMMIT' : `RELEASE SAVEPOINT ${savepoint}`);
    return result;
  }

  close(): void {
    try {
      // The session's advisory locks (the leases) are free as soon as close returns, not once the server has
      // noticed that the connection ended: the next process to ask gets them.
      this.client.querySync('SELECT pg_advisory_unlock_all()');
    } catch {
      // A connection already lost holds no lock.
    }
    // libpq's own close: pg-native's end() stops a socket watcher that the synchronous calls never started.
    this.client.pq.finish();
    keepUntilClosed(this.client);
  }

  private guard<T>(call: () => T): T {
    try {
      return call();
    } catch (error) {
      throw postgresFailed(error, this.client.pq.resultErrorFields()?.sqlState);
    }
  }
}

class PostgresStatement implements Statement {
  private mode: 'rows' | 'pluck' | 'raw' = 'rows';

  constructor(
    private readonly db: PostgresDb,
    private readonly text: string,
  ) {}

  run(...params: unknown[]): { changes: number } {
    return { changes: this.db.query(this.text, params).changes };
  }

  get(...params: unknown[]): unknown {
    const [row] = this.db.query(this.text, params).rows;
    return row === undefined ? undefined : this.shape(row);
  }

  all(...params: unknown[]): unknown[] {
    return this.db.query(this.text, params).rows.map((row) => this.shape(row));
  }

  pluck(toggle = true): this {
    this.mode = toggle ? 'pluck' : 'rows';
    return this;
  }

  raw(toggle = true): this {
    this.mode = toggle ? 'raw' : 'rows';
    return this;
  }

  private shape(row: Record<string, unknown>): unknown {
    if (this.mode === 'rows') return row;
    const values = Object.values(row);
    return this.mode === 'pluck' ? values[0] : values;
  }
}

const closing = new Set<NativeClient>();

/**
 * libpq's addon closes the connection's socket watcher (uv_close) inside the client object, and the event
 * loop completes that close in its next close phase: a client collected before then leaves the loop reading
 * freed memory, and the process dies on a libuv assertion. So the client is held until two turns of the loop
 * have passed.
 */
function keepUntilClosed(client: NativeClient): void {
  closing.add(client);
  setImmediate(() => setImmediate(() => closing.delete(client)).unref()).unref();
}

/** A value as libpq takes it: text, or NULL. */
function parameter(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return `\\x${value.toString('hex')}`;
  return String(value);
}

/**
 * Columns come back as SQLite gives them: integers (BIGINT, COUNT's and SUM's results) as numbers, the rest as
 * text. The store keeps times as ISO text on both, so no date parsing is needed.
 */
const TYPES = {
  getTypeParser: (oid: number) => (oid === 20 || oid === 21 || oid === 23 || oid === 1700 ? Number : oid === 16 ? (text: string) => (text === 't' ? 1 : 0) : (text: string) => text),
};

/**
 * Connects to the database `url` names and checks that its schema is the one this version of broadsheet
 * writes: a process never works on a database that `broadsheet db migrate` has not brought up to date, nor
 * on one a newer version has moved on.
 */
export function openPostgres(url: string, options: { migrate?: boolean } = {}): PostgresDb {
  const db = connectPostgres(url);
  try {
    if (options.migrate === true) migratePostgres(db);
    else checkSchemaVersion(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** A connection to `url`, its schema unchecked: for `openPostgres`, and for a database's server-wide work (creating one). */
export function connectPostgres(url: string): PostgresDb {
  const Client = nativeClient();
  const client = new Client({ types: TYPES });
  try {
    client.connectSync(url);
  } catch (error) {
    throw new BroadsheetError('STORE_FAILED', `cannot connect to the PostgreSQL database (${oneLine(error)}).`, {
      field: DATABASE_URL_VARIABLE,
      hint: `Check ${DATABASE_URL_VARIABLE} (postgres://user:password@host:5432/database) and that the server is running and reachable.`,
      cause: error,
    });
  }
  return new PostgresDb(client);
}

/** The schema version the database holds, 0 for an empty one. */
export function postgresSchemaVersion(db: PostgresDb): number {
  if (db.prepare(`SELECT to_regclass('broadsheet_schema') IS NOT NULL`).pluck().get() !== 1) return 0;
  return (db.prepare('SELECT MAX(version) FROM broadsheet_schema').pluck().get() as number | null) ?? 0;
}

function checkSchemaVersion(db: PostgresDb): void {
  const version = postgresSchemaVersion(db);
  if (version === migrations.length) return;
  const older = version < migrations.length;
  throw new BroadsheetError(
    'STORE_SCHEMA_VERSION',
    older
      ? `the PostgreSQL database has schema version ${version}; this broadsheet needs ${migrations.length}.`
      : `the PostgreSQL database has schema version ${version}, newer than this broadsheet's ${migrations.length}: a newer broadsheet has migrated it.`,
    { field: DATABASE_URL_VARIABLE, hint: older ? 'Run `broadsheet db migrate` once (from any one machine), then start again.' : 'Upgrade broadsheet on this machine to the version that migrated the database.' },
  );
}

/**
 * Applies the migrations the database lacks, in one transaction under the write lock, so that two machines
 * running `db migrate` at once apply each step once. Returns how many were applied.
 */
export function migratePostgres(db: PostgresDb): number {
  return db.transaction(() => {
    const version = postgresSchemaVersion(db);
    if (version > migrations.length) checkSchemaVersion(db);
    if (version === 0) db.exec('CREATE TABLE broadsheet_schema (version BIGINT NOT NULL)');
    for (const sql of migrations.slice(version)) db.exec(postgresSchema(sql));
    if (version < migrations.length) db.prepare('INSERT INTO broadsheet_schema (version) VALUES (?)').run(migrations.length);
    return migrations.length - version;
  })();
}

function nativeClient(): NativeClientClass {
  try {
    return createRequire(import.meta.url)('pg-native') as NativeClientClass;
  } catch (error) {
    throw new BroadsheetError('STORE_POSTGRES_CLIENT', `${DATABASE_URL_VARIABLE} is set, but PostgreSQL's client library is not installed (${oneLine(error)}).`, {
      field: DATABASE_URL_VARIABLE,
      hint: 'Install libpq (Debian: apt-get install -y libpq-dev), then `npm install` again so that pg-native is built; or unset the variable to use SQLite.',
      cause: error,
    });
  }
}

function postgresFailed(error: unknown, sqlState: string | undefined): Error {
  if (error instanceof BroadsheetError) return error;
  return Object.assign(new Error(oneLine(error)), { code: sqlState === undefined ? 'POSTGRES' : `POSTGRES_${sqlState}`, cause: error });
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]?.replace(/^ERROR:\s+/, '').trim() ?? '';
}
