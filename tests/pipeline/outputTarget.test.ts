import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyBuildCache } from '../../src/cache/buildCache.js';
import { buildSite } from '../../src/pipeline/buildSite.js';
import { memoryTarget } from '../support/memoryTarget.js';
import { makeProject } from '../support/project.js';

const now = new Date('2026-11-25T12:00:00Z');

describe('a build into another output target', () => {
  it('writes into memory exactly what it writes into the out folder, and nothing to disk', async () => {
    const { dir, config } = await makeProject();
    const target = memoryTarget();
    const inMemory = await buildSite(config, { now, displayRoot: dir, target });
    expect(await readdir(dir)).not.toContain('out');
    const onDisk = await buildSite(config, { now, displayRoot: dir });
    expect([...target.files.keys()].sort()).toEqual([...onDisk.written].sort());
    for (const [path, text] of target.files) expect(text).toBe(await readFile(join(config.paths.out, path), 'utf8'));
    expect(inMemory.written.sort()).toEqual(onDisk.written.sort());
  });

  it('keeps the cache with the target: a second build into memory writes nothing, and a tag no article carries is removed', async () => {
    const { dir, config } = await makeProject();
    const target = memoryTarget();
    const cache = emptyBuildCache();
    await buildSite(config, { now, displayRoot: dir, target, cache });
    await target.write('tags/forgotten/rss.xml', '<rss/>');
    const second = await buildSite(config, { now, displayRoot: dir, target, cache });
    expect(second.written).toEqual([]);
    expect(second.removed).toEqual(['tags/forgotten/']);
    expect([...target.files.keys()].some((path) => path.startsWith('tags/forgotten/'))).toBe(false);
  });
});
