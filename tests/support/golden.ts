import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { expect } from 'vitest';

const GOLDEN_DIR = resolve(import.meta.dirname, '../golden');

/**
 * Compares output with its golden file under tests/golden/. `UPDATE_GOLDEN=1 npx vitest run` rewrites the
 * files instead: do it on purpose, and review the diff before committing.
 */
export async function expectGolden(name: string, actual: string): Promise<void> {
  const path = resolve(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, actual);
    return;
  }
  const expected = await readFile(path, 'utf8').catch(() => {
    throw new Error(`no golden file ${path}: run UPDATE_GOLDEN=1 npx vitest run, then review it`);
  });
  expect(actual, `differs from ${path} (UPDATE_GOLDEN=1 regenerates it)`).toBe(expected);
}
