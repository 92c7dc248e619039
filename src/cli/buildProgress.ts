import type { BuildProgress } from '../pipeline/buildSite.js';

/** A build that ends within this long shows no progress, only its summary: a line that flashes by says nothing. */
const QUIET_MS = 1000;
/** Redraws at most this often: a terminal need not be told of each of 10,000 files. */
const REDRAW_MS = 100;

export interface BuildProgressLine {
  onProgress: (progress: BuildProgress) => void;
  /** Wipes the line, if one was drawn, so that what is printed next (a warning, the summary) starts clean. */
  clear: () => void;
}

/**
 * `build`'s progress on a terminal: one line, redrawn in place (`\r`, erase line), once the build has taken a
 * second: files indexed, then files written. Not on a terminal (a log, CI, a pipe) it draws nothing, and
 * the summary line is all there is.
 */
export function buildProgressLine(stream: NodeJS.WriteStream, now: () => number = Date.now): BuildProgressLine {
  if (stream.isTTY !== true) return { onProgress: () => {}, clear: () => {} };
  const started = now();
  const seen: Partial<Record<BuildProgress['stage'], BuildProgress>> = {};
  let drawnAt: number | undefined;
  return {
    onProgress(progress) {
      seen[progress.stage] = progress;
      const at = now();
      if (at - started < QUIET_MS || (drawnAt !== undefined && at - drawnAt < REDRAW_MS && progress.done !== progress.total)) return;
      drawnAt = at;
      const line = `building: ${[seen.index === undefined ? [] : [`${seen.index.done}/${seen.index.total} files indexed`], seen.write === undefined ? [] : [`${seen.write.done}/${seen.write.total} files written`]].flat().join(', ')}`;
      stream.write(`\r\x1b[2K${line.slice(0, Math.max(20, (stream.columns || 80) - 1))}`);
    },
    clear() {
      if (drawnAt === undefined) return;
      stream.write('\r\x1b[2K');
      drawnAt = undefined;
    },
  };
}
