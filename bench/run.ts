import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import mjml2html from 'mjml';
import { loadConfig } from '../src/config/loadConfig.js';
import { emptyBuildCache } from '../src/cache/buildCache.js';
import { indexContent } from '../src/content/loadContent.js';
import { renderArticles } from '../src/content/renderArticles.js';
import { buildSite } from '../src/pipeline/buildSite.js';
import type { MjmlRenderer } from '../src/digest/renderDigest.js';
import { renderDigest } from '../src/digest/renderDigest.js';
import { personaliseDigest } from '../src/digest/personaliseDigest.js';
import { loadDigestTemplates } from '../src/digest/templates.js';
import { templateFolder } from '../src/templating/templateFolder.js';
import { benchDelivery } from './deliveryBench.js';
import { benchEnqueue, enqueueSummary } from './enqueueBench.js';
import { benchTopics } from './topicsBench.js';
import { benchWorkers } from './workerBench.js';
import { generateArchive } from './generateArchive.js';
import type { Comparison } from './compare.js';
import { compareCold } from './compare.js';
import type { Measurement } from './measure.js';
import { best, measureCommand, timeIt } from './measure.js';
import type { SizeFigures, WorkFigures } from './figures.js';
import { afterOneChange, eachChange } from './oneChange.js';
import type { PeerTool, Work } from './peers.js';
import { eleventyPeer, hugoPeer, reasonNotToRun } from './peers.js';
import { printTables } from './report.js';
import { removeSetAside } from './setAside.js';

/**
 * `npm run bench [-- --quick | --sizes 1000,10000 | --peers]`: builds synthetic archives of 1,000 / 10,000 / 100,000
 * articles with the real CLI, feeds only (article pages off) and the full site (on, the default): paired cold runs
 * against Hugo (when installed) and, with `--peers`, Eleventy (installed by the bench with npm into its own folder),
 * each asked for the same outputs as broadsheet, files and feed items checked equal; rebuilds after one change from
 * the CLI against their floor and inside `start` against the cold build; the I/O floor; a digest for 10,000
 * subscribers, SMTP delivery to a local sink, and digests for 10,000 subscribers of 20 topic combinations
 * (bench/topicsBench.ts). Prints the tables (bench/report.ts) and writes bench/results.json.
 */
const ROOT = resolve(import.meta.dirname, '..');
const quick = process.argv.includes('--quick');
const withPeers = process.argv.includes('--peers');
const sizesArgument = process.argv[process.argv.indexOf('--sizes') + 1];
const sizes = (process.argv.includes('--sizes') && sizesArgument !== undefined ? sizesArgument.split(',').map(Number) : quick ? [1_000] : [1_000, 10_000, 100_000]).sort((a, b) => a - b);
const subscribers = quick ? 1_000 : 10_000;
const work = join(tmpdir(), 'broadsheet-bench');
const cli = join(ROOT, 'bin/broadsheet.js');

async function archiveOf(size: number): Promise<string> {
  const dir = join(work, `archive-${size}`);
  const complete = `${dir}.complete`;
  if (!existsSync(complete)) {
    await rm(dir, { recursive: true, force: true });
    await generateArchive({ dir, count: size, seed: 42 });
    await writeFile(complete, '');
  }
  return dir;
}

/**
 * Each work's configurations: one for the paired cold runs (their own state, emptied before each run, so that
 * they leave the rebuild figures' cache alone) and one for the rebuilds.
 */
const CONFIGS: Record<Work, { articlePages: boolean; compare: string; rebuild: string; label: string }> = {
  feeds: { articlePages: false, compare: 'bench.compare.config.json', rebuild: 'bench.config.json', label: 'feeds only (article pages off)' },
  site: { articlePages: true, compare: 'bench.pages.config.json', rebuild: 'bench.site.config.json', label: 'full site (article pages on: the default)' },
};

function build(archive: string, out: string, config: string): Measurement {
  return measureCommand(process.execPath, [cli, 'build', '--config', join(work, config), '--content', archive, '--out', out], work);
}

/** Each peer's highest peak RSS at each size, to estimate whether it fits at the next. */
const peerPeaks = new Map<string, Map<number, number>>();

async function benchWork(size: number, archive: string, workKind: Work, peers: PeerTool[], skipped: { name: string; skipped: string }[], times: number): Promise<WorkFigures> {
  const config = CONFIGS[workKind];
  const pairs = quick ? 2 : size >= 100_000 ? 1 : 5;
  const comparison = await compareCold({
    label: `${config.label}, ${size} articles`,
    pairs,
    out: join(work, `compare-${size}`),
    broadsheet: (into) => {
      rmSync(join(work, 'state-compare'), { recursive: true, force: true });
      return build(archive, into, config.compare);
    },
    peers: peers.map((peer) => ({ name: peer.name, tool: peer.tool, mustMatch: peer.mustMatch, run: (into) => peer.run(size, workKind, into) })),
    skipped,
  });
  for (const figures of comparison.peers) {
    if (!figures.ran) continue;
    const peaks = peerPeaks.get(figures.name) ?? new Map<number, number>();
    peaks.set(size, Math.max(peaks.get(size) ?? 0, figures.peakRssMb));
    peerPeaks.set(figures.name, peaks);
  }
  const cold = comparison.broadsheet.medianSeconds;
  const out = join(work, `out-${size}-${workKind}`);
  const stateDir = join(work, `state-${workKind}`);
  await rm(out, { recursive: true, force: true });
  await rm(stateDir, { recursive: true, force: true });
  build(archive, out, config.rebuild);
  const rebuildFloor = await best(times, () => measureCommand(process.execPath, [join(ROOT, 'bench/rebuildFloor.mjs'), archive, stateDir], ROOT));
  const cliFigures = await afterOneChange(archive, times, () => build(archive, out, config.rebuild));
  const loaded = loadConfig({ cwd: work, env: {}, configFile: join(work, config.rebuild), overrides: { content: archive, out } });
  const cache = emptyBuildCache();
  const scan = () => buildSite(loaded, { now: new Date(), displayRoot: work, cache });
  await scan();
  const serviceSeconds = await afterOneChange(archive, times, () => timeIt(scan));
  const serviceIdleScanSeconds = await best(times, () => timeIt(scan));
  return {
    comparison,
    rebuild: {
      floor: rebuildFloor,
      cli: cliFigures,
      cliOverFloor: eachChange(cliFigures, (m) => m.wallSeconds / rebuildFloor.wallSeconds),
      serviceSeconds,
      serviceOverCold: eachChange(serviceSeconds, (seconds) => seconds / cold),
      serviceIdleScanSeconds,
    },
  };
}

async function hugoRssOnlyFigures(rssOnly: (size: number) => Measurement, size: number, times: number, broadsheetFeedsOnlySeconds: number) {
  const measurement = await best(times, () => rssOnly(size));
  return { measurement, overBroadsheetFeedsOnly: measurement.wallSeconds / broadsheetFeedsOnlySeconds };
}

async function benchSize(size: number, peerTools: PeerTool[]): Promise<SizeFigures> {
  const archive = await archiveOf(size);
  const times = quick || size >= 100_000 ? 1 : 3;
  const floor = await best(times, async () => {
    await rm(join(work, 'floor'), { recursive: true, force: true });
    return measureCommand(process.execPath, [join(ROOT, 'bench/floor.mjs'), archive, join(work, 'floor')], ROOT);
  });
  const peers: PeerTool[] = [];
  const skipped: { name: string; skipped: string }[] = hugoTool === undefined ? [{ name: 'Hugo', skipped: 'not installed (apt-get install -y hugo)' }] : [];
  for (const peer of peerTools) {
    const reason = reasonNotToRun(peer, size, peerPeaks.get(peer.name) ?? new Map());
    if (reason !== undefined) skipped.push({ name: peer.name, skipped: reason });
    else {
      await peer.prepare(archive, size);
      peers.push(peer);
    }
  }
  const feedsOnly = await benchWork(size, archive, 'feeds', peers, skipped, times);
  const fullSite = await benchWork(size, archive, 'site', peers, skipped, times);
  const hugo = peers.find((peer) => peer.tool === 'hugo');
  const hugoRssOnly =
    hugo?.rssOnly === undefined
      ? { skipped: skipped.find((skip) => skip.name.startsWith('Hugo'))?.skipped ?? 'not run' }
      : await hugoRssOnlyFigures(hugo.rssOnly, size, times, feedsOnly.comparison.broadsheet.medianSeconds);
  return { articles: size, floor, feedsOnly, fullSite, hugoRssOnly };
}

async function benchDigest() {
  const config = loadConfig({ cwd: work, env: {}, configFile: join(work, 'bench.config.json') });
  const archive = await archiveOf(1_000);
  const options = { contentDir: archive, site: config.site, now: new Date(), displayRoot: work };
  const { articles } = await renderArticles((await indexContent(options)).entries.slice(0, 20), options);
  let renders = 0;
  const counting: MjmlRenderer = async (mjml, options) => {
    renders++;
    return (mjml2html as unknown as MjmlRenderer)(mjml, options);
  };
  const templates = await loadDigestTemplates(templateFolder(config.paths.templates, (p) => p), config.site.language);
  let digest: Awaited<ReturnType<typeof renderDigest>> | undefined;
  const renderSeconds = await timeIt(async () => {
    digest = await renderDigest({
      content: { groups: [{ tag: undefined, articles }], moreCount: 0 },
      issue: { number: 1, date: new Date(), archiveUrl: 'https://bench.example.org/archive/1/' },
      site: config.site, digest: config.digest, templates, feedUrl: 'https://bench.example.org/rss.xml', displayPath: (p) => p, renderMjml: counting,
    });
  });
  const rendered = digest as NonNullable<typeof digest>;
  const personaliseSeconds = await timeIt(async () => {
    for (let i = 0; i < subscribers; i++) personaliseDigest(rendered, { unsubscribeUrl: `https://bench.example.org/unsubscribe?token=t${i}`, preferencesUrl: `https://bench.example.org/preferences?token=p${i}`, name: `Reader ${i}`, firstName: `Reader` });
  });
  return { figures: { subscribers, mjmlRenders: renders, renderSeconds, personaliseSeconds, htmlBytes: Buffer.byteLength(rendered.html) }, digest: rendered, email: config.email };
}

await mkdir(work, { recursive: true });
const benchConfig = (articlePages: boolean, stateDir: string) => JSON.stringify({ site: { title: 'bench', url: 'https://bench.example.org/', articlePages }, paths: { templates: join(ROOT, 'templates'), stateDir: join(work, stateDir) } });
for (const [kind, config] of Object.entries(CONFIGS)) {
  await writeFile(join(work, config.compare), benchConfig(config.articlePages, 'state-compare'));
  await writeFile(join(work, config.rebuild), benchConfig(config.articlePages, `state-${kind}`));
}
execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
const hugoTool = hugoPeer(work);
const peerTools = [...(hugoTool === undefined ? [] : [hugoTool]), ...(withPeers ? [eleventyPeer(work)] : [])];
const results: SizeFigures[] = [];
for (const size of sizes) {
  const started = performance.now();
  const figures = await benchSize(size, peerTools);
  results.push(figures);
  const ratios = (c: Comparison) => c.peers.map((p) => (p.ran ? `${p.name} ${p.overBroadsheet.toFixed(2)}x` : `${p.name} not run`)).join(', ') || 'no peers';
  console.log(`N=${size} (${Math.round((performance.now() - started) / 1000)} s): cold feeds ${figures.feedsOnly.comparison.broadsheet.medianSeconds.toFixed(2)} s, full site ${figures.fullSite.comparison.broadsheet.medianSeconds.toFixed(2)} s | peer ÷ broadsheet, feeds: ${ratios(figures.feedsOnly.comparison)}; full site: ${ratios(figures.fullSite.comparison)}`);
}
removeSetAside();
const digest = await benchDigest();
const delivery = await benchDelivery(digest.digest, digest.email, subscribers);
const topics = await benchTopics(ROOT, subscribers);
printTables(results, { quick, digest: digest.figures, delivery, topics });
const enqueue = await benchEnqueue(quick ? 100_000 : 1_000_000);
console.log(enqueueSummary(enqueue));

const cpu = cpus()[0]?.model ?? 'unknown';
await writeFile(
  join(ROOT, 'bench/results.json'),
  `${JSON.stringify({ date: new Date().toISOString(), machine: { cpu, cores: cpus().length, node: process.version }, quick, peers: withPeers, builds: results, digest: digest.figures, delivery, topics, enqueue }, null, 2)}\n`,
);
console.log(`\nwritten bench/results.json (${cpu}, ${cpus().length} cores, Node ${process.version}); archives kept in ${work}`);

// Sender workers on PostgreSQL (issue 23, bench/workerBench.ts): the same messages by 1, 2 and 4 `broadsheet worker` processes.
const workerFigures = await benchWorkers(ROOT, { messages: quick ? 2_000 : 20_000, workers: [1, 2, 4], delayMs: 20 });
console.log(`Workers on PostgreSQL, ${workerFigures[0]?.messages ?? 0} messages to a sink answering each after 20 ms: ${workerFigures.map((f) => `${f.workers} worker${f.workers === 1 ? '' : 's'} ${f.perSecond}/s (${f.ratio}x)`).join(', ')}`);
const resultsFile = join(ROOT, 'bench/results.json');
await writeFile(resultsFile, `${JSON.stringify({ ...(JSON.parse(await readFile(resultsFile, 'utf8')) as object), workers: workerFigures }, null, 2)}\n`);
