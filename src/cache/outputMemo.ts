import type { OutputStat } from '../io/outputTarget.js';

/** One output group as last written: the hash of its inputs and the stat of each file it wrote. */
export interface OutputRecord {
  key: string;
  files: { path: string; size: number; mtimeMs: number }[];
}

/**
 * What each output group (a channel's three feeds, the index page, an article page) was last built from: a group whose
 * inputs hash the same and whose files are still as written is neither rendered nor written again, so a
 * rebuild costs the groups an edit touched. Changes are recorded for a store to persist.
 */
export class OutputMemo {
  private readonly records = new Map<string, OutputRecord>();
  private changed = new Set<string>();
  private removed = new Set<string>();

  static restore(records: Iterable<[string, OutputRecord]>): OutputMemo {
    const memo = new OutputMemo();
    for (const [name, record] of records) memo.records.set(name, record);
    return memo;
  }

  /** True when the group was built from inputs with this key and its files (as `stat` sees them) are untouched since. */
  isFresh(name: string, key: string, stat: (path: string) => OutputStat | undefined): boolean {
    const record = this.records.get(name);
    if (record?.key !== key) return false;
    return record.files.every((file) => {
      const now = stat(file.path);
      return now !== undefined && now.size === file.size && now.mtimeMs === file.mtimeMs;
    });
  }

  /** Remembers what the group wrote; returns the files it wrote last time and no longer does (a page whose slug changed). */
  record(name: string, key: string, paths: readonly string[], stat: (path: string) => OutputStat | undefined): string[] {
    const files = paths.map((path) => {
      // A path the target does not hold gets a stat no file has, so the group is stale at the next build.
      const { size, mtimeMs } = stat(path) ?? { size: -1, mtimeMs: -1 };
      return { path, size, mtimeMs };
    });
    const left = (this.records.get(name)?.files ?? []).map((file) => file.path).filter((path) => !paths.includes(path));
    this.records.set(name, { key, files });
    this.changed.add(name);
    this.removed.delete(name);
    return left;
  }

  /** Forgets groups that no longer exist (a removed article, a tag nobody uses) and returns the files they wrote. */
  retain(names: ReadonlySet<string>): string[] {
    const orphaned: string[] = [];
    for (const [name, record] of this.records) {
      if (names.has(name)) continue;
      orphaned.push(...record.files.map((file) => file.path));
      this.records.delete(name);
      this.changed.delete(name);
      this.removed.add(name);
    }
    return orphaned;
  }

  takeChanges(): { records: [string, OutputRecord][]; removed: string[] } {
    const changes = { records: [...this.changed].map((name) => [name, this.records.get(name) as OutputRecord] as [string, OutputRecord]), removed: [...this.removed] };
    this.changed = new Set();
    this.removed = new Set();
    return changes;
  }
}
