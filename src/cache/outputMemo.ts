import { statSync } from 'node:fs';
import { join } from 'node:path';

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

  /** True when the group was built from inputs with this key and its files in `outDir` are untouched since. */
  isFresh(name: string, key: string, outDir: string): boolean {
    const record = this.records.get(name);
    if (record?.key !== key) return false;
    return record.files.every((file) => {
      const stat = statSync(join(outDir, file.path), { throwIfNoEntry: false });
      return stat !== undefined && stat.size === file.size && stat.mtimeMs === file.mtimeMs;
    });
  }

  /** Remembers what the group wrote; returns the files it wrote last time and no longer does (a page whose slug changed). */
  record(name: string, key: string, outDir: string, paths: readonly string[]): string[] {
    const files = paths.map((path) => {
      const { size, mtimeMs } = statSync(join(outDir, path));
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
