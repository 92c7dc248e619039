import { appendFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Measurement } from './measure.js';
import { best } from './measure.js';

export interface OneChange<T> {
  changed: T;
  added: T;
  removed: T;
}

/**
 * `rebuild` timed (best of `times`) after one file of the archive was appended to, one added and one removed;
 * the archive is left as it was, but for the appended lines.
 */
export async function afterOneChange<T extends Measurement | number>(archive: string, times: number, rebuild: () => Promise<T> | T): Promise<OneChange<T>> {
  const first = join(archive, '000', 'article-0.md');
  const added = join(archive, '000', 'bench-added.md');
  const addedText = '---\ntitle: Added for the benchmark\ndate: 2025-12-31\n---\nNew.\n';
  const changed = await best(times, async () => {
    await appendFile(first, '\nAn edit.\n');
    return rebuild();
  });
  const addedFigure = await best(times, async () => {
    await writeFile(added, addedText);
    const measured = await rebuild();
    await unlink(added);
    await rebuild();
    return measured;
  });
  await writeFile(added, addedText);
  await rebuild();
  const removed = await best(times, async () => {
    await unlink(added);
    const measured = await rebuild();
    await writeFile(added, addedText);
    await rebuild();
    return measured;
  });
  await unlink(added);
  await rebuild();
  return { changed, added: addedFigure, removed };
}

export const eachChange = <T, U>(figures: OneChange<T>, map: (figure: T) => U): OneChange<U> => ({ changed: map(figures.changed), added: map(figures.added), removed: map(figures.removed) });
