import { BroadsheetError } from '../errors.js';
import type { Db } from './database.js';
import type { StateTable } from './stateTables.js';
import { stateTables } from './stateTables.js';

/** Rows a table holds after a copy, as counted on both databases. */
export interface CopiedTable {
  name: string;
  rows: number;
}

/**
 * At most this many values in one INSERT (SQLite takes 32,766, PostgreSQL 65,535), and at most `ROWS` rows: a
 * batch read from the source is one statement on the target, and memory holds one batch whatever the tables' size.
 */
const VALUES = 30_000;
const ROWS = 1_000;

/**
 * Copies every state table of `source` (src/store/stateTables.ts) into `target`, which has the same schema
 * and no state yet (`targetName` names it in the refusal): each table in the order of its primary key, a batch
 * at a time, columns by name, ids kept; in one transaction on the target, so that a failure leaves it empty.
 * PostgreSQL's identity sequences then start after the copied ids, and each table's rows are counted on both
 * sides before the target commits.
 */
export function copyState(source: Db, target: Db, targetName: string): CopiedTable[] {
  return source.transaction(() =>
    target.transaction(() => {
      const tables = stateTables(source);
      refuseStateIn(target, tables, targetName);
      const copied = tables.map((table) => ({ name: table.name, rows: copyTable(source, target, table) }));
      if (target.dialect === 'postgres') for (const table of stateTables(target)) restartIdentities(target, table);
      for (const { name, rows } of copied) {
        const counts = [rowCount(source, name), rowCount(target, name)];
        if (counts.some((n) => n !== rows)) throw new BroadsheetError('STORE_FAILED', `the copy of ${name} does not add up: ${rows} rows copied, ${counts[0]} in the source, ${counts[1]} in ${targetName}; nothing was copied.`);
      }
      return copied;
    }).immediate(),
  )();
}

function refuseStateIn(target: Db, tables: readonly StateTable[], targetName: string): void {
  const held = tables.map(({ name }) => ({ name, rows: rowCount(target, name) })).filter(({ rows }) => rows > 0);
  if (held.length === 0) return;
  throw new BroadsheetError('STORE_NOT_EMPTY', `${targetName} already holds state (${held.map(({ name, rows }) => `${name}: ${rows}`).join(', ')}); nothing was copied.`, {
    field: '--to',
    hint: 'Copy into a new, empty database (createdb), or a state folder without a broadsheet.db: a copy never merges two lists.',
  });
}

/** Copies `table`'s rows a batch at a time, each batch read after the last one's key (keyset paging). */
function copyTable(source: Db, target: Db, table: StateTable): number {
  if (table.key.length === 0) throw new BroadsheetError('STORE_FAILED', `the state table ${table.name} has no primary key, so it cannot be copied in batches.`);
  const columns = table.columns.map(quoted).join(', ');
  const key = table.key.map(quoted).join(', ');
  const keyAt = table.key.map((column) => table.columns.indexOf(column));
  const size = Math.max(1, Math.min(ROWS, Math.floor(VALUES / table.columns.length)));
  const first = source.prepare(`SELECT ${columns} FROM ${quoted(table.name)} ORDER BY ${key} LIMIT ${size}`).raw();
  const next = source.prepare(`SELECT ${columns} FROM ${quoted(table.name)} WHERE (${key}) > (${table.key.map(() => '?').join(', ')}) ORDER BY ${key} LIMIT ${size}`).raw();
  const inserts = new Map<number, ReturnType<Db['prepare']>>();
  const insert = (rows: number) => {
    let statement = inserts.get(rows);
    if (statement === undefined) {
      const values = Array.from({ length: rows }, () => `(${table.columns.map(() => '?').join(', ')})`).join(', ');
      statement = target.prepare(`INSERT INTO ${quoted(table.name)} (${columns}) VALUES ${values}`);
      inserts.set(rows, statement);
    }
    return statement;
  };
  let copied = 0;
  let batch = first.all() as unknown[][];
  while (batch.length > 0) {
    insert(batch.length).run(...batch.flat());
    copied += batch.length;
    if (batch.length < size) break;
    const last = batch[batch.length - 1] as unknown[];
    batch = next.all(...keyAt.map((i) => last[i])) as unknown[][];
  }
  return copied;
}

/** PostgreSQL numbers the next row of an identity column after the highest id copied, not from 1. */
function restartIdentities(target: Db, table: StateTable): void {
  for (const column of table.identity) {
    target.prepare(`SELECT setval(pg_get_serial_sequence('${quoted(table.name)}', '${column}'), COALESCE(MAX(${quoted(column)}), 0) + 1, false) FROM ${quoted(table.name)}`).get();
  }
}

function rowCount(db: Db, table: string): number {
  return db.prepare(`SELECT COUNT(*) FROM ${quoted(table)}`).pluck().get() as number;
}

/** A name from the schema as SQL's quoted identifier (both databases take "..."). */
function quoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
