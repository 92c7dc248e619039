import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');

/** The seed test run in a clone without the seed: vitest in a child process, with the seeds folder empty. */
async function seedTestWithoutSeed(ci: boolean): Promise<{ code: number; output: string }> {
  const seeds = await mkdtemp(join(tmpdir(), 'broadsheet-no-seeds-'));
  const env = { ...process.env };
  delete env.CI;
  try {
    const { stdout, stderr } = await run(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'tests/content/parsePlainTextArticle.test.ts', '--reporter=verbose'], {
      cwd: root,
      env: { ...env, BROADSHEET_TEST_SEEDS: seeds, NO_COLOR: '1', ...(ci ? { CI: 'true' } : {}) },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe('the seed test in a clone without ../shared/seeds', { timeout: 60_000 }, () => {
  it('is skipped outside CI, saying why, and the rest of its file runs', async () => {
    const { code, output } = await seedTestWithoutSeed(false);
    expect(code, output).toBe(0);
    expect(output).toMatch(/the seed news article: skipped, .*000_6871edb721403190\.txt is missing/);
  });

  it('fails with CI=true', async () => {
    const { code, output } = await seedTestWithoutSeed(true);
    expect(code, output).toBe(1);
    expect(output).toMatch(/000_6871edb721403190\.txt is missing/);
  });
});
