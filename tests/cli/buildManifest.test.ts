import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StaticFiles } from '../../src/server/staticFiles.js';
import { runCli } from '../support/cli.js';
import { makeProject } from '../support/project.js';

interface Manifest {
  builtAt: string;
  written: string[];
  removed: string[];
}

/** A project with its own copy of the sample content, and `build` run on it as a publisher runs it. */
async function project() {
  const made = await makeProject({ ownContent: true });
  const out = join(made.dir, 'out');
  const build = async (...args: string[]) => {
    const result = await runCli(['build', '--config', made.configFile, ...args], { cwd: made.dir, env: made.env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  };
  const manifest = async (file = join(out, '.broadsheet-manifest.json')): Promise<Manifest> => JSON.parse(await readFile(file, 'utf8')) as Manifest;
  return { ...made, out, build, manifest };
}

/** Every file below `dir`, relative to it, but the dotfiles broadsheet keeps there for itself. */
async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && !entry.name.startsWith('.')).map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1)).sort();
}

describe('the build manifest: what each build wrote and removed below out/', () => {
  it('lists every file of a cold build, sorted, and not itself', async () => {
    const { out, build, manifest } = await project();
    await build();
    const first = await manifest();
    expect(first.written).toEqual(await filesBelow(out));
    expect(first.removed).toEqual([]);
    expect(Number.isNaN(Date.parse(first.builtAt))).toBe(false);
  });

  it('lists nothing after an unchanged rebuild, and only what an edit changed after an edit', async () => {
    const { out, content, build, manifest } = await project();
    await build();
    await build();
    expect(await manifest()).toMatchObject({ written: [], removed: [] });
    const article = join(content, '2026/night-trains-return.md');
    await writeFile(article, `${await readFile(article, 'utf8')}\nA correction, added later.\n`);
    await build();
    const edited = await manifest();
    expect(edited.written).toContain('articles/night-trains-return-to-the-coast-line/index.html');
    expect(edited.written).toContain('rss.xml');
    expect(edited.written).not.toContain('articles/council-approves-offshore-wind-farm-after-a-year-of-debate/index.html');
    expect(edited.written).not.toContain('style.css');
    expect(edited.written.length).toBeLessThan((await filesBelow(out)).length);
    expect(edited.removed).toEqual([]);
  });

  it('lists the files of a removed article as removed', async () => {
    const { content, build, manifest } = await project();
    await build();
    const before = await manifest();
    const page = before.written.find((path) => path.startsWith('articles/night-trains-return-to-the-coast-line/'));
    expect(page).toBeDefined();
    await rm(join(content, '2026/night-trains-return.md'));
    await build();
    const after = await manifest();
    expect(after.removed).toContain(page);
    expect(after.written).not.toContain(page);
  });

  it('goes where --manifest says, and out/ keeps none', async () => {
    const { dir, out, build, manifest } = await project();
    await build('--manifest', 'deploy/manifest.json');
    expect((await manifest(join(dir, 'deploy/manifest.json'))).written).toContain('index.html');
    expect(await readdir(out)).not.toContain('.broadsheet-manifest.json');
  });

  it('is not served by serve', async () => {
    const { out, build } = await project();
    await build();
    expect(await new StaticFiles(out).get('/.broadsheet-manifest.json')).toBeUndefined();
  });
});
