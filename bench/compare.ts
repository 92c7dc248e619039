import { join } from 'node:path';
import type { Measurement } from './measure.js';
import type { OutputCounts, Tool } from './outputCounts.js';
import { countOutputs, differenceBetween } from './outputCounts.js';
import { setAsideForRun } from './setAside.js';

export interface ToolFigures {
  runs: Measurement[];
  medianSeconds: number;
  /** The highest peak over the runs. */
  peakRssMb: number;
}

/** Another tool asked for the same outputs as broadsheet. */
export interface Peer {
  /** With its version, as the table prints it: "Hugo 0.111.3". */
  name: string;
  tool: Exclude<Tool, 'broadsheet'>;
  /** Stop the bench when it did not write what broadsheet wrote (its figures would not compare), or only say so. */
  mustMatch: boolean;
  run: (into: string) => Measurement;
}

export type PeerFigures =
  | (ToolFigures & {
      name: string;
      ran: true;
      /** Ratio of the medians; above 1, broadsheet is faster. */
      overBroadsheet: number;
      counts: OutputCounts;
      /** Whether it wrote as many files and feed items as broadsheet; if not, `difference` says how ("files 1163 vs 1160"). */
      sameOutputs: boolean;
      difference: string | undefined;
    })
  | { name: string; ran: false; skipped: string };

export interface Comparison {
  pairs: number;
  broadsheet: ToolFigures;
  /** What broadsheet wrote; each peer's counts are checked against these. */
  counts: OutputCounts;
  peers: PeerFigures[];
}

export interface ColdComparison {
  label: string;
  pairs: number;
  /** Each run writes into its own empty folder under here. */
  out: string;
  broadsheet: (into: string) => Measurement;
  peers: Peer[];
  /** Peers not run at this size, and why: they are listed so that the table says so. */
  skipped: { name: string; skipped: string }[];
}

/**
 * Cold runs of broadsheet and each peer in turns (A B C A B C ...), so that a slow minute of this shared machine
 * falls on all of them, and the ratio of their medians; then checks that each peer wrote the same number of
 * files and feed items as broadsheet.
 */
export async function compareCold(options: ColdComparison): Promise<Comparison> {
  const broadsheetOut = join(options.out, 'broadsheet');
  const broadsheetRuns: Measurement[] = [];
  const peerRuns = options.peers.map((): Measurement[] => []);
  for (let i = 0; i < options.pairs; i++) {
    setAsideForRun(broadsheetOut);
    broadsheetRuns.push(options.broadsheet(broadsheetOut));
    options.peers.forEach((peer, index) => {
      const into = join(options.out, peer.tool);
      setAsideForRun(into);
      peerRuns[index]?.push(peer.run(into));
    });
  }
  const counts = await countOutputs(broadsheetOut, 'broadsheet');
  const broadsheet = figures(broadsheetRuns);
  const peers: PeerFigures[] = [];
  for (const [index, peer] of options.peers.entries()) {
    const peerCounts = await countOutputs(join(options.out, peer.tool), peer.tool);
    const difference = differenceBetween(counts, peerCounts);
    if (difference !== undefined && peer.mustMatch) {
      throw new Error(`${options.label}: broadsheet and ${peer.name} did not write the same outputs (${difference}), so their times do not compare. Make the bench ask ${peer.name} for what broadsheet writes.`);
    }
    const peerFigures = figures(peerRuns[index] ?? []);
    peers.push({ name: peer.name, ran: true, ...peerFigures, overBroadsheet: peerFigures.medianSeconds / broadsheet.medianSeconds, counts: peerCounts, sameOutputs: difference === undefined, difference });
  }
  for (const skip of options.skipped) peers.push({ ...skip, ran: false });
  return { pairs: options.pairs, broadsheet, counts, peers };
}

function figures(runs: Measurement[]): ToolFigures {
  const seconds = runs.map((r) => r.wallSeconds).sort((a, b) => a - b);
  const middle = Math.floor(seconds.length / 2);
  const medianSeconds = seconds.length % 2 === 1 ? (seconds[middle] as number) : ((seconds[middle - 1] as number) + (seconds[middle] as number)) / 2;
  return { runs, medianSeconds, peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)) };
}
