import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cli.js';

const run = promisify(execFile);

/** broadsheet installed in a folder of its own (the built code, npm test builds it first), with a project beside it. */
async function installed() {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-install-'));
  for (const part of ['bin', 'dist', 'templates', 'package.json']) await cp(join(REPO_ROOT, part), join(dir, part), { recursive: true });
  await symlink(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
  await cp(join(REPO_ROOT, 'content'), join(dir, 'project/content'), { recursive: true });
  const build = () => run(process.execPath, [join(dir, 'bin/broadsheet.js'), 'build'], { cwd: join(dir, 'project') });
  return { dir, build, rss: () => readFile(join(dir, 'project/out/rss.xml'), 'utf8') };
}

describe('the build cache after the code changed', () => {
  it('is started over, so a changed renderer rewrites every output without --fresh', async () => {
    const { dir, build, rss } = await installed();
    await build();
    expect(await rss()).toContain('<generator>broadsheet</generator>');
    // A contributor's edit of the renderer; the package version stays what it was.
    const feedPackage = join(dir, 'dist/feeds/feedPackage.js');
    await writeFile(feedPackage, (await readFile(feedPackage, 'utf8')).replace("generator: 'broadsheet'", "generator: 'broadsheet, edited'"));
    await build();
    expect(await rss()).toContain('<generator>broadsheet, edited</generator>');
  });
});
