import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cli.js';

const UNIT = join(REPO_ROOT, 'deploy/broadsheet.service');
const ANALYZE = '/usr/bin/systemd-analyze';

function verify(path: string): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile(ANALYZE, ['verify', path], (error, stdout, stderr) => done({ code: error === null ? 0 : Number(error.code ?? 1), output: `${stdout}${stderr}` }));
  });
}

describe('the systemd unit (deploy/broadsheet.service)', () => {
  it('runs `broadsheet start` in the site folder, with the secrets from an environment file and a stop it handles', async () => {
    const unit = await readFile(UNIT, 'utf8');
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/node \S+\/bin\/broadsheet\.js start$/m);
    expect(unit).toMatch(/^EnvironmentFile=\S+$/m);
    expect(unit).toMatch(/^KillSignal=SIGTERM$/m);
    expect(unit).toMatch(/^ReadWritePaths=.*\/out .*\/\.broadsheet$/m);
    expect(unit).toMatch(/^WantedBy=multi-user\.target$/m);
  });

  // systemd-analyze reads units without systemd running; it prints (and still exits 0 for) a key it cannot parse.
  it.runIf(existsSync(ANALYZE))('passes systemd-analyze verify without a warning', async () => {
    const copy = join(await mkdtemp(join(tmpdir(), 'broadsheet-unit-')), 'broadsheet.service');
    await copyFile(UNIT, copy);
    expect(await verify(copy)).toEqual({ code: 0, output: '' });
  });
});
