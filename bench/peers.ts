import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freemem } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import type { Peer } from './compare.js';
import { ELEVENTY_CONFIGS, eleventyArguments, installEleventy, prepareEleventySite } from './eleventySite.js';
import { HUGO_CONFIGS, prepareHugoSite } from './hugoSite.js';
import type { Measurement } from './measure.js';
import { measureCommand } from './measure.js';
import { setAsideForRun } from './setAside.js';

/** The bench's two builds: broadsheet with article pages off, and its default (on). */
export type Work = 'feeds' | 'site';

/** A peer the bench can run at any size, once its site is prepared for that size's archive. */
export interface PeerTool {
  name: string;
  tool: Peer['tool'];
  mustMatch: boolean;
  prepare: (archive: string, size: number) => Promise<void>;
  run: (size: number, work: Work, into: string) => Measurement;
  /** Hugo's default RSS (one feed of every article), for the extra row that is not the same work. */
  rssOnly?: (size: number) => Measurement;
  /** The memory it may take at most, and what that limit is, for the table when it is not run. */
  memoryLimit: { mb: number; what: string };
}

const MB = 1024 * 1024;
const freeMemory = () => ({ mb: Math.round((freemem() / MB) * 0.75), what: 'three quarters of the memory free on this machine' });

/** Hugo from PATH, when installed; asked for broadsheet's outputs by the site bench/hugoSite.ts prepares. */
export function hugoPeer(work: string): PeerTool | undefined {
  const version = spawnSync('hugo', ['version'], { encoding: 'utf8' });
  if (version.status !== 0) return undefined;
  const site = (size: number) => join(work, `hugo-${size}`);
  return {
    name: `Hugo ${/v([\d.]+)/.exec(version.stdout)?.[1] ?? ''}`,
    tool: 'hugo',
    mustMatch: true,
    prepare: async (archive, size) => {
      if (!existsSync(join(site(size), HUGO_CONFIGS.site))) await prepareHugoSite(archive, site(size), { feedLimit: 50, pageSize: 20 });
    },
    run: (size, work, into) => measureCommand('hugo', ['--quiet', '--source', site(size), '--config', HUGO_CONFIGS[work], '--destination', into], site(size)),
    rssOnly: (size) => {
      setAsideForRun(join(site(size), 'public'));
      return measureCommand('hugo', ['--quiet', '--source', site(size), '--config', HUGO_CONFIGS.rssOnly, '--destination', join(site(size), 'public')], site(size));
    },
    get memoryLimit() {
      return freeMemory();
    },
  };
}

/**
 * Eleventy 3 and its RSS plugin, installed with npm into the bench's folder (`--peers`), with the bench's
 * project (bench/eleventy/). Eleventy counts as not the same work when it writes otherwise than broadsheet:
 * the table says what differs.
 */
export function eleventyPeer(work: string): PeerTool {
  const folder = join(work, 'peers');
  const eleventy = installEleventy(folder);
  const site = (size: number) => join(folder, `site-${size}`);
  const heapMb = Math.round(getHeapStatistics().heap_size_limit / MB);
  return {
    name: `Eleventy ${eleventy.version}`,
    tool: 'eleventy',
    mustMatch: false,
    prepare: (archive, size) => prepareEleventySite(archive, site(size)),
    run: (size, work, into) => measureCommand(process.execPath, eleventyArguments(eleventy, site(size), ELEVENTY_CONFIGS[work], into), site(size)),
    get memoryLimit() {
      const free = freeMemory();
      return free.mb < heapMb ? free : { mb: heapMb, what: "Node's default heap limit, at which Eleventy would stop" };
    },
  };
}

/** Sizes at which every peer runs without a memory estimate first. */
const ALWAYS_RUN = 10_000;

/**
 * Why `peer` is not run at `size`, or undefined when it is: above 10,000 articles, its peak at the largest smaller
 * size measured in this run, scaled by the number of articles, must fit its memory limit.
 */
export function reasonNotToRun(peer: PeerTool, size: number, peaks: Map<number, number>): string | undefined {
  if (size <= ALWAYS_RUN) return undefined;
  const measured = [...peaks.keys()].filter((s) => s < size).sort((a, b) => b - a)[0];
  if (measured === undefined) return `not run at ${size}: no smaller size measured in this run to estimate its memory from (add ${ALWAYS_RUN} to --sizes)`;
  const peak = peaks.get(measured) as number;
  const estimate = Math.round((peak * size) / measured);
  const limit = peer.memoryLimit;
  if (estimate <= limit.mb) return undefined;
  return `not run at ${size}: its peak of ${peak} MB at ${measured} scales to ~${estimate} MB, over ${limit.what} (${limit.mb} MB)`;
}
