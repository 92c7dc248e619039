import { readdirSync, readFileSync } from 'node:fs';

/** The children of `parent` with their state letter (R, S, Z...), from /proc: Linux only, as the zombie tests are. */
export function childrenOf(parent: number): { pid: number; state: string }[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const [state = '', ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return Number(ppid) === parent ? [{ pid: Number(pid), state }] : [];
      } catch {
        // Gone between the listing and the read.
        return [];
      }
    });
}

/** Polls until `find` returns something, or fails after `timeoutMs`. */
export async function waitFor<T>(find: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
