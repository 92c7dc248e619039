import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputFolder } from '../../src/io/outputTarget.js';

const outFolder = () => mkdtemp(join(tmpdir(), 'broadsheet-out-'));

describe('the out folder as a build writes it', () => {
  it('reads back only files in folders it did not make: a same-bytes file in an existing folder is left alone', async () => {
    const dir = await outFolder();
    await writeFile(join(dir, 'index.html'), 'same');
    const target = outputFolder(dir);
    expect(await target.write('index.html', 'same')).toBe('unchanged');
    expect(await target.write('2026/post/index.html', 'page')).toBe('written');
    // A folder between the out folder and one this build made is new too: nothing there to compare.
    expect(await target.write('2026/index.html', 'year')).toBe('written');
    const next = outputFolder(dir);
    expect(await next.write('2026/post/index.html', 'page')).toBe('unchanged');
    expect(await next.write('2026/index.html', 'changed')).toBe('written');
    expect(await readFile(join(dir, '2026/index.html'), 'utf8')).toBe('changed');
    expect((await readdir(join(dir, '2026'))).sort()).toEqual(['index.html', 'post']);
  });

  it('makes a folder again after a removal emptied it, within the same build', async () => {
    const dir = await outFolder();
    const target = outputFolder(dir);
    await target.write('tags/a/index.html', 'a');
    await target.remove('tags/a/index.html');
    await expect(stat(join(dir, 'tags'))).rejects.toThrow();
    expect(await target.write('tags/a/index.html', 'again')).toBe('written');
    expect(await readFile(join(dir, 'tags/a/index.html'), 'utf8')).toBe('again');
  });
});
