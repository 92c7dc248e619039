import { statSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';

// The floor of a CLI rebuild: what every `broadsheet build` must do before it can know what changed, and
// nothing more. Start Node, load the modules `build` loads, open the state store, list the content folder
// and stat every article file; no cache is read, nothing is parsed, rendered or written. Plain JavaScript
// over dist/, as the CLI runs.
const [contentDir, stateDir] = process.argv.slice(2);
await import('../dist/cli/main.js');
await import('../dist/cli/buildCommand.js');
const { openDatabase } = await import('../dist/store/database.js');
const { listArticleFiles } = await import('../dist/content/loadContent.js');
openDatabase(stateDir).close();
for (const path of listArticleFiles(contentDir)) statSync(join(contentDir, path));
