import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';

// The physical floor: read every file of the archive and write the same bytes, no parsing. Plain
// JavaScript so that no compiler start-up is counted.
const [archive, out] = process.argv.slice(2);
for (const dir of readdirSync(archive)) {
  mkdirSync(join(out, dir), { recursive: true });
  for (const name of readdirSync(join(archive, dir))) writeFileSync(join(out, dir, name), readFileSync(join(archive, dir, name)));
}
