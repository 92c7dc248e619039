import type { Comparison } from './compare.js';
import type { Measurement } from './measure.js';
import type { OneChange } from './oneChange.js';

/** What `npm run bench` measures of builds, as bench/results.json records it (`builds`, one entry a size). */

export interface RebuildFigures {
  /** The least a CLI rebuild can take (bench/rebuildFloor.mjs): Node's start, the build's modules, this build's store opened, every file listed and stat'ed. */
  floor: Measurement;
  /** CLI rebuilds after one file changed, one added, one removed. */
  cli: OneChange<Measurement>;
  /** Each CLI rebuild over the CLI rebuild floor (target: at most 1.5). */
  cliOverFloor: OneChange<number>;
  /** Inside the `start` service, with the cache of the previous scan: seconds after one change, add, remove. */
  serviceSeconds: OneChange<number>;
  /** Each over the cold build's median (target: under 0.1). */
  serviceOverCold: OneChange<number>;
  /** Inside `start`: a scan that finds no file changed (what the service does every minute most of the day). */
  serviceIdleScanSeconds: number;
}

export interface WorkFigures {
  /** Paired cold runs: broadsheet's median is the cold build. */
  comparison: Comparison;
  rebuild: RebuildFigures;
}

export interface SizeFigures {
  articles: number;
  /** The physical floor: every file read and written again, no parsing (bench/floor.mjs). */
  floor: Measurement;
  feedsOnly: WorkFigures;
  fullSite: WorkFigures;
  /** Hugo's default RSS (one feed of every article, nothing else) against broadsheet's feeds only: not the same work. */
  hugoRssOnly: { measurement: Measurement; overBroadsheetFeedsOnly: number } | { skipped: string };
}
