import type { OutputMemo } from '../cache/outputMemo.js';
import type { OutputTarget } from '../io/outputTarget.js';
import type { CopiedFile } from './planFiles.js';
import type { SitePlan } from './planSite.js';
import type { RenderedGroups } from './renderGroups.js';

/** What a build did to its target: paths relative to it. */
export interface WrittenOutputs {
  /** In the order written. */
  written: string[];
  /** Rendered, and found already holding these bytes. */
  unchanged: string[];
  /** Stale outputs deleted: a tag's feed folder (`tags/x/`), a removed article's page, a file no article links any more. */
  removed: string[];
}

/**
 * The only work on the outputs: each batch of rendered files written (atomically, for a folder), the
 * complete groups remembered, the `copies` made (the plan's copies whose source or copy moved since), and
 * then what no group writes and no copy makes any more deleted: a tag's feed folder that no article
 * carries, the page of an article that is gone or whose slug changed, a file no article links any more.
 * Returns what was written and removed, which is what a sync step or a WebSub ping needs to know.
 */
export async function writeOutputs(target: OutputTarget, plan: SitePlan, batches: AsyncIterable<Pick<RenderedGroups, 'files' | 'complete'>>, copies: readonly CopiedFile[], memo?: OutputMemo): Promise<WrittenOutputs> {
  const outputs: WrittenOutputs = { written: [], unchanged: [], removed: [] };
  /** Files a group wrote at an earlier build and no longer writes: the old page of an article whose slug changed. */
  const moved: string[] = [];
  for await (const batch of batches) {
    for (const [path, text] of batch.files) (await target.write(path, text) === 'written' ? outputs.written : outputs.unchanged).push(path);
    // A group with an article that failed to render is not remembered, so the next build tries it again.
    for (const group of batch.complete) moved.push(...(memo?.record(group.name, group.key, group.paths, target.stat) ?? []));
  }
  for (const copy of copies) {
    await target.copy(copy.path, copy.from);
    outputs.written.push(copy.path);
    memo?.record(copy.name, copy.key, [copy.path], target.stat);
  }
  const groups = [...plan.shared, ...plan.pages, ...plan.copies.map(({ name, path }) => ({ name, paths: [path] }))];
  const current = new Set(groups.flatMap((group) => group.paths));
  const gone = [...moved, ...(memo?.retain(new Set(groups.map((group) => group.name))) ?? [])];
  const staleTags = await removeStaleTagFeeds(target, current);
  const orphans = gone.filter((path) => !current.has(path) && !staleTags.some((dir) => path.startsWith(dir)));
  for (const path of orphans) await target.remove(path);
  outputs.removed = [...staleTags, ...orphans];
  return outputs;
}

/** A tag no article carries any more loses its feed folder, so readers stop seeing a feed that never updates. */
async function removeStaleTagFeeds(target: OutputTarget, paths: ReadonlySet<string>): Promise<string[]> {
  const inUse = new Set([...paths].flatMap((path) => (path.startsWith('tags/') ? [path.slice(0, path.indexOf('/', 5) + 1)] : [])));
  const removed: string[] = [];
  for (const name of await target.folders('tags')) {
    const dir = `tags/${name}/`;
    if (inUse.has(dir)) continue;
    await target.removeFolder(dir);
    removed.push(dir);
  }
  return removed;
}
