import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../src/store/database.js';
import { openDatabase } from '../../src/store/database.js';

/** The state database as the commands open it, in a state folder of its own under the system's temp folder. */
export function openTempDatabase(): Db {
  return openDatabase(mkdtempSync(join(tmpdir(), 'broadsheet-state-')));
}
