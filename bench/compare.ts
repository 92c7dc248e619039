import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Measurement } from './measure.js';
import type { OutputCounts } from './outputCounts.js';
import { countOutputs, differenceBetween } from './outputCounts.js';

export interface ToolFigures {
  runs: Measurement[];
  medianSeconds: number;
  /** The highest peak over the runs. */
  peakRssMb: number;
}

export interface Comparison {
  pairs: number;
  broadsheet: ToolFigures;
  hugo: ToolFigures | undefined;
  /** Ratio of the medians; above 1, broadsheet is faster. */
  hugoOverBroadsheet: number | undefined;
  /** What each tool wrote (checked equal). */
  counts: OutputCounts;
}

export interface ColdComparison {
  label: string;
  pairs: number;
  /** Each run writes into its own empty folder under here. */
  out: string;
  broadsheet: (into: string) => Measurement;
  hugo: ((into: string) => Measurement) | undefined;
}

/**
 * Cold runs of both tools in turns (A B A B ...), so that a slow minute of this shared machine falls on both,
 * and the ratio of their medians; then checks that both wrote the same number of files and feed items.
 */
export async function compareCold(options: ColdComparison): Promise<Comparison> {
  const broadsheetOut = join(options.out, 'broadsheet');
  const hugoOut = join(options.out, 'hugo');
  const broadsheetRuns: Measurement[] = [];
  const hugoRuns: Measurement[] = [];
  for (let i = 0; i < options.pairs; i++) {
    rmSync(broadsheetOut, { recursive: true, force: true });
    broadsheetRuns.push(options.broadsheet(broadsheetOut));
    if (options.hugo === undefined) continue;
    rmSync(hugoOut, { recursive: true, force: true });
    hugoRuns.push(options.hugo(hugoOut));
  }
  const counts = await countOutputs(broadsheetOut, 'broadsheet');
  if (options.hugo !== undefined) {
    const difference = differenceBetween(options.label, counts, await countOutputs(hugoOut, 'hugo'));
    if (difference !== undefined) throw new Error(difference);
  }
  const broadsheet = figures(broadsheetRuns);
  const hugo = options.hugo === undefined ? undefined : figures(hugoRuns);
  return { pairs: options.pairs, broadsheet, hugo, hugoOverBroadsheet: hugo === undefined ? undefined : hugo.medianSeconds / broadsheet.medianSeconds, counts };
}

function figures(runs: Measurement[]): ToolFigures {
  const seconds = runs.map((r) => r.wallSeconds).sort((a, b) => a - b);
  const middle = Math.floor(seconds.length / 2);
  const medianSeconds = seconds.length % 2 === 1 ? (seconds[middle] as number) : ((seconds[middle - 1] as number) + (seconds[middle] as number)) / 2;
  return { runs, medianSeconds, peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)) };
}
