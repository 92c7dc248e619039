import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cli.js';

/**
 * The packages a CLI process imported while running `args`: MJML takes ~0.7 s to load and nodemailer ~0.13 s,
 * so commands that render no digest and send no mail must not load them (a speed property, checked without
 * timing anything).
 */
async function packagesLoadedBy(args: string[]): Promise<string[]> {
  const record = join(await mkdtemp(join(tmpdir(), 'broadsheet-modules-')), 'modules.txt');
  await promisify(execFile)(process.execPath, ['--import', join(REPO_ROOT, 'tests/support/recordModules.mjs'), join(REPO_ROOT, 'bin/broadsheet.js'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, RECORD_MODULES: record },
  });
  const urls = (await readFile(record, 'utf8')).split('\n');
  return [...new Set(urls.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []))];
}

describe('what a command loads', () => {
  it('help lists every command without loading MJML or nodemailer', async () => {
    const loaded = await packagesLoadedBy(['help']);
    expect(loaded).toContain('commander');
    expect(loaded).not.toContain('mjml');
    expect(loaded).not.toContain('nodemailer');
  });

  it('build loads neither MJML nor nodemailer', async () => {
    const loaded = await packagesLoadedBy(['build', '--help']);
    expect(loaded).toContain('better-sqlite3');
    expect(loaded).not.toContain('mjml');
    expect(loaded).not.toContain('nodemailer');
  });
});
