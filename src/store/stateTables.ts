import type { Db } from './database.js';

/** A table of the state database as its schema describes it, for `db copy`. */
export interface StateTable {
  name: string;
  columns: string[];
  /** The primary key's columns, in the key's order: a copy reads the table in that order, a batch at a time. */
  key: string[];
  /** Columns PostgreSQL numbers itself (identity): their sequences must start after the copied ids. */
  identity: string[];
  /** The tables its foreign keys name: they are copied first. */
  references: string[];
}

/**
 * Tables the state database has that are not state: the build cache (content_index, content_renders,
 * outputs, and meta, which holds only the cache's keys) describes one machine's content folder and is
 * rebuilt by the next build; a lease belongs to a running process; request_limits counts the web clients'
 * requests of the last minutes; broadsheet_schema is PostgreSQL's schema version, which each database keeps
 * itself.
 */
const NOT_STATE = new Set(['content_index', 'content_renders', 'outputs', 'meta', 'leases', 'request_limits', 'broadsheet_schema']);

/**
 * The state tables, read from the schema itself (sqlite_master, information_schema), so that a table a
 * later migration adds is copied too. Referenced tables come before those that reference them.
 */
export function stateTables(db: Db): StateTable[] {
  const names = (db.dialect === 'sqlite'
    ? db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all()
    : db.prepare(`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`).pluck().all()) as string[];
  // Sorted here, not by the database: PostgreSQL's collation may order names differently from SQLite's.
  const tables = names.sort().filter((name) => !NOT_STATE.has(name)).map((name) => (db.dialect === 'sqlite' ? sqliteTable(db, name) : postgresTable(db, name)));
  return referencedFirst(tables);
}

function sqliteTable(db: Db, name: string): StateTable {
  const columns = db.prepare('SELECT name, pk FROM pragma_table_info(?) ORDER BY cid').all(name) as { name: string; pk: number }[];
  return {
    name,
    columns: columns.map((c) => c.name),
    key: columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
    identity: [],
    references: [...new Set(db.prepare('SELECT "table" FROM pragma_foreign_key_list(?)').pluck().all(name) as string[])],
  };
}

function postgresTable(db: Db, name: string): StateTable {
  const columns = db
    .prepare(`SELECT column_name, is_identity FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = CAST(? AS TEXT) ORDER BY ordinal_position`)
    .all(name) as { column_name: string; is_identity: string }[];
  const key = db
    .prepare(
      `SELECT k.column_name FROM information_schema.table_constraints c
       JOIN information_schema.key_column_usage k ON k.constraint_schema = c.constraint_schema AND k.constraint_name = c.constraint_name
       WHERE c.table_schema = current_schema() AND c.table_name = CAST(? AS TEXT) AND c.constraint_type = 'PRIMARY KEY' ORDER BY k.ordinal_position`,
    )
    .pluck()
    .all(name) as string[];
  const references = db
    .prepare(
      `SELECT DISTINCT u.table_name FROM information_schema.table_constraints c
       JOIN information_schema.constraint_column_usage u ON u.constraint_schema = c.constraint_schema AND u.constraint_name = c.constraint_name
       WHERE c.table_schema = current_schema() AND c.table_name = CAST(? AS TEXT) AND c.constraint_type = 'FOREIGN KEY'`,
    )
    .pluck()
    .all(name) as string[];
  return { name, columns: columns.map((c) => c.column_name), key, identity: columns.filter((c) => c.is_identity === 'YES').map((c) => c.column_name), references };
}

/** `tables` in an order where each comes after the tables it references (the schema has no cycles). */
function referencedFirst(tables: StateTable[]): StateTable[] {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const ordered: StateTable[] = [];
  const placed = new Set<string>();
  const place = (table: StateTable): void => {
    if (placed.has(table.name)) return;
    placed.add(table.name);
    for (const name of table.references) {
      const referenced = byName.get(name);
      if (referenced !== undefined) place(referenced);
    }
    ordered.push(table);
  };
  for (const table of tables) place(table);
  return ordered;
}
