/**
 * The schema, one step per entry, applied in order and counted in `PRAGMA user_version`. Never edit a
 * step that has shipped: append a new one.
 */
export const migrations: readonly string[] = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
];
