import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cli.js';
import { freshPostgresUrl } from '../support/databases.js';

describe('closing PostgreSQL connections', () => {
  // libpq closes a connection's poll handle at the end of the event loop's turn; an addon object collected
  // before that made node abort ("uv__finish_close: Assertion"), which killed a test worker once.
  it('survives many closed in one turn and a garbage collection before the turn ends', () => {
    const module = pathToFileURL(join(REPO_ROOT, 'dist/store/postgresDatabase.js')).href;
    const script = `
      const { connectPostgres } = await import(${JSON.stringify(module)});
      for (let i = 0; i < 50; i++) { const db = connectPostgres(process.argv[1]); db.prepare('SELECT 1').get(); db.close(); }
      gc(); for (let i = 0; i < 1e5; i++) new Array(100); gc();
      await new Promise((resolve) => setTimeout(resolve, 10));
      gc(); console.log('closed');`;
    const run = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script, freshPostgresUrl()], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('closed');
    expect(run.status).toBe(0);
  });
});
