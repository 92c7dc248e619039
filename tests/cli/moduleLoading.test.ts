import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cli.js';

/**
 * The packages a CLI process loaded after running `args`: MJML takes ~0.7 s to load and nodemailer ~0.13 s,
 * so commands that render no digest and send no mail must not load them (a speed property, checked without
 * timing anything).
 */
async function packagesLoadedBy(args: string[]): Promise<string[]> {
  const script = `
    import { createRequire } from 'node:module';
    const { main } = await import(${JSON.stringify(`${REPO_ROOT}/dist/cli/main.js`)});
    await main(['node', 'broadsheet', ...${JSON.stringify(args)}]);
    const packages = Object.keys(createRequire(import.meta.url).cache).map((path) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(path)?.[1]);
    process.stderr.write(JSON.stringify([...new Set(packages)]));
  `;
  const { stderr } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO_ROOT });
  return JSON.parse(stderr) as string[];
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
    expect(loaded).not.toContain('mjml');
    expect(loaded).not.toContain('nodemailer');
  });
});
