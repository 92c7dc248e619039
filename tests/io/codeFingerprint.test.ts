import { execFile } from 'node:child_process';
import { appendFile, cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { codeFingerprint } from '../../src/io/codeFingerprint.js';
import { REPO_ROOT } from '../support/cli.js';

const run = promisify(execFile);

/** A copy of the built code (npm test builds it first), with a node_modules of its own holding `feed` at `version`. */
async function installedCopy(feedVersion: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-code-'));
  await cp(join(REPO_ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
  await mkdir(join(dir, 'node_modules', 'feed'), { recursive: true });
  await writeFile(join(dir, 'node_modules', 'feed', 'package.json'), JSON.stringify({ name: 'feed', version: feedVersion }));
  return dir;
}

async function fingerprintOf(dir: string): Promise<string> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', `import { codeFingerprint } from ${JSON.stringify(join(dir, 'dist/io/codeFingerprint.js'))}; console.log(codeFingerprint());`]);
  return stdout.trim();
}

describe('codeFingerprint', () => {
  it('is one short hex string for the code that runs', () => {
    expect(codeFingerprint()).toMatch(/^[0-9a-f]{16}$/);
    expect(codeFingerprint()).toBe(codeFingerprint());
  });

  it('is the same for the same code and changes with an edit of a built file or a package release', async () => {
    const copy = await installedCopy('6.0.0');
    const before = await fingerprintOf(copy);
    expect(await fingerprintOf(await installedCopy('6.0.0'))).toBe(before);
    expect(await fingerprintOf(await installedCopy('6.0.1'))).not.toBe(before);
    await appendFile(join(copy, 'dist/feeds/rss.js'), '\n// a contributor was here\n');
    expect(await fingerprintOf(copy)).not.toBe(before);
  });
});
