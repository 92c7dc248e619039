import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { appendFile, mkdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
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
import { benchTopics } from './topicsBench.js';
import { benchWorkers } from './workerBench.js';
import { generateArchive } from './generateArchive.js';
import { HUGO_CONFIGS, prepareHugoSite } from './hugoSite.js';
import type { Comparison } from './compare.js';
import { compareCold } from './compare.js';
import type { Measurement } from './measure.js';
import { measureCommand, timeIt } from './measure.js';

/**
 * `npm run bench [-- --quick | --sizes 1000,10000]`: builds synthetic archives of 1,000 / 10,000 / 100,000 articles with the
 * real CLI, measures warm rebuilds and their floor, the I/O floor, Hugo asked for the same outputs as broadsheet (when installed: paired cold runs, files and feed items checked equal), a digest for
 * 10,000 subscribers, SMTP delivery to a local sink, and digests for 10,000 subscribers of 20 topic combinations (bench/topicsBench.ts); prints a table and writes bench/results.json.
 */
const ROOT = resolve(import.meta.dirname, '..');
const quick = process.argv.includes('--quick');
const sizesArgument = process.argv[process.argv.indexOf('--sizes') + 1];
const sizes = process.argv.includes('--sizes') && sizesArgument !== undefined ? sizesArgument.split(',').map(Number) : quick ? [1_000] : [1_000, 10_000, 100_000];
const subscribers = quick ? 1_000 : 10_000;
const work = join(tmpdir(), 'broadsheet-bench');
const cli = join(ROOT, 'bin/broadsheet.js');
const hugo = spawnSync('hugo', ['version'], { encoding: 'utf8' }).status === 0 ? 'hugo' : undefined;

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

/** bench.config.json: article pages off (feeds and list pages); bench.pages.config.json: the default build. */
function build(archive: string, out: string, config = 'bench.config.json'): Measurement {
  return measureCommand(process.execPath, [cli, 'build', '--config', join(work, config), '--content', archive, '--out', out], work);
}

interface SizeFigures {
  articles: number;
  cold: Measurement;
  warmChanged: Measurement;
  warmAdded: Measurement;
  warmRemoved: Measurement;
  floor: Measurement;
  /** The least a CLI rebuild can take: Node's start, the build's modules, the store opened, every file listed and stat'ed. */
  rebuildFloor: Measurement;
  /** Hugo's default RSS (one feed of every article, nothing else): not the same work as broadsheet's. */
  hugoRssOnly: Measurement | undefined;
  /** Paired cold runs of both tools asked for the same outputs: article pages off, and on (the default). */
  feedsOnly: Comparison;
  fullSite: Comparison;
  /** Inside the `start` service, with the cache of the previous scan: a rebuild after one file changed, one added, one removed. */
  serviceChangedSeconds: number;
  serviceAddedSeconds: number;
  serviceRemovedSeconds: number;
  /** Inside `start`: a scan that finds no file changed (what the service does every minute most of the day). */
  serviceIdleScanSeconds: number;
}

/** The best of `times` runs: this machine is shared, and the best run is the one least disturbed. */
async function best<T extends Measurement | number>(times: number, run: () => Promise<T> | T): Promise<T> {
  const results: T[] = [];
  for (let i = 0; i < times; i++) results.push(await run());
  const seconds = (r: T) => (typeof r === 'number' ? r : r.wallSeconds);
  return results.reduce((a, b) => (seconds(b) < seconds(a) ? b : a));
}

async function benchSize(size: number): Promise<SizeFigures> {
  const archive = await archiveOf(size);
  const out = join(work, `out-${size}`);
  const times = quick || size >= 100_000 ? 1 : 3;
  const cold = await best(times, async () => {
    // Cold: no output and no state, so no build cache either.
    await rm(out, { recursive: true, force: true });
    await rm(join(work, 'state'), { recursive: true, force: true });
    return build(archive, out);
  });
  const first = join(archive, '000', 'article-0.md');
  const added = join(archive, '000', 'bench-added.md');
  const addedText = '---\ntitle: Added for the benchmark\ndate: 2025-12-31\n---\nNew.\n';
  /** `rebuild` timed after one file was appended to, one added and one removed; the archive is left as it was. */
  const afterOneChange = async <T extends Measurement | number>(rebuild: () => Promise<T> | T) => {
    const changed = await best(times, async () => {
      await appendFile(first, '\nAn edit.\n');
      return rebuild();
    });
    const addedFigure = await best(times, async () => {
      await writeFile(added, addedText);
      const measured = await rebuild();
      await unlink(added);
      await rebuild();
      return measured;
    });
    await writeFile(added, addedText);
    await rebuild();
    const removed = await best(times, async () => {
      await unlink(added);
      const measured = await rebuild();
      await writeFile(added, addedText);
      await rebuild();
      return measured;
    });
    await unlink(added);
    await rebuild();
    return { changed, added: addedFigure, removed };
  };
  const warm = await afterOneChange(() => build(archive, out));
  const floor = await best(times, async () => {
    await rm(join(work, 'floor'), { recursive: true, force: true });
    return measureCommand(process.execPath, [join(ROOT, 'bench/floor.mjs'), archive, join(work, 'floor')], ROOT);
  });
  const rebuildFloor = await best(times, () => measureCommand(process.execPath, [join(ROOT, 'bench/rebuildFloor.mjs'), archive, join(work, 'state')], ROOT));
  let hugoRssOnly: Measurement | undefined;
  // Hugo needs ~9x broadsheet's memory on the same work (0.9 GB at 10,000): at 100,000 it would not fit this machine.
  const hugoSite = hugo !== undefined && size < 100_000 ? join(work, `hugo-${size}`) : undefined;
  if (hugoSite !== undefined) {
    if (!existsSync(join(hugoSite, `${HUGO_CONFIGS.site}`))) await prepareHugoSite(archive, hugoSite, { feedLimit: 50, pageSize: 20 });
    hugoRssOnly = await best(times, async () => {
      await rm(join(hugoSite, 'public'), { recursive: true, force: true });
      return measureCommand('hugo', ['--quiet', '--source', hugoSite, '--config', HUGO_CONFIGS.rssOnly], hugoSite);
    });
  }
  const pairs = quick ? 2 : size >= 100_000 ? 1 : 5;
  const compare = (label: string, config: string, hugoConfig: string) =>
    compareCold({
      label: `${label}, ${size} articles`,
      pairs,
      out: join(work, `compare-${size}`),
      broadsheet: (into) => {
        rmSync(join(work, 'state-compare'), { recursive: true, force: true });
        return build(archive, into, config);
      },
      hugo: hugoSite === undefined ? undefined : (into) => measureCommand('hugo', ['--quiet', '--source', hugoSite, '--config', hugoConfig, '--destination', into], hugoSite),
    });
  const feedsOnly = await compare('feeds only', 'bench.compare.config.json', HUGO_CONFIGS.feeds);
  const fullSite = await compare('full site', 'bench.pages.config.json', HUGO_CONFIGS.site);
  const config = loadConfig({ cwd: work, env: {}, configFile: join(work, 'bench.config.json'), overrides: { content: archive, out } });
  const cache = emptyBuildCache();
  const scan = () => buildSite(config, { now: new Date(), displayRoot: work, cache });
  await scan();
  const service = await afterOneChange(() => timeIt(scan));
  const serviceIdleScanSeconds = await best(times, () => timeIt(scan));
  return {
    articles: size,
    cold,
    warmChanged: warm.changed,
    warmAdded: warm.added,
    warmRemoved: warm.removed,
    floor,
    rebuildFloor,
    hugoRssOnly,
    feedsOnly,
    fullSite,
    serviceChangedSeconds: service.changed,
    serviceAddedSeconds: service.added,
    serviceRemovedSeconds: service.removed,
    serviceIdleScanSeconds,
  };
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

const s = (m: Measurement | undefined) => (m === undefined ? 'n/a' : `${m.wallSeconds.toFixed(2)} s`);
const mb = (m: Measurement | undefined) => (m === undefined ? 'n/a' : `${m.peakRssMb} MB`);
const ratio = (c: Comparison) => (c.hugoOverBroadsheet === undefined ? 'no hugo' : `Hugo ÷ broadsheet ${c.hugoOverBroadsheet.toFixed(2)}x`);

await mkdir(work, { recursive: true });
const benchConfig = (articlePages: boolean, stateDir: string) => JSON.stringify({ site: { title: 'bench', url: 'https://bench.example.org/', articlePages }, paths: { templates: join(ROOT, 'templates'), stateDir: join(work, stateDir) } });
await writeFile(join(work, 'bench.config.json'), benchConfig(false, 'state'));
// The paired comparisons keep their state apart, so that they leave the rebuild figures' cache alone.
await writeFile(join(work, 'bench.compare.config.json'), benchConfig(false, 'state-compare'));
await writeFile(join(work, 'bench.pages.config.json'), benchConfig(true, 'state-compare'));
execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
const results: SizeFigures[] = [];
for (const size of sizes) {
  results.push(await benchSize(size));
  const r = results.at(-1) as SizeFigures;
  console.log(`N=${size}: cold ${s(r.cold)} ${mb(r.cold)} | changed ${s(r.warmChanged)} added ${s(r.warmAdded)} removed ${s(r.warmRemoved)} (floor ${s(r.rebuildFloor)}) | service changed ${r.serviceChangedSeconds.toFixed(2)} added ${r.serviceAddedSeconds.toFixed(2)} removed ${r.serviceRemovedSeconds.toFixed(2)} s, idle scan ${r.serviceIdleScanSeconds.toFixed(2)} s | floor ${s(r.floor)} | same outputs as Hugo: feeds ${ratio(r.feedsOnly)}, full site ${ratio(r.fullSite)}`);
}
const digest = await benchDigest();
const delivery = await benchDelivery(digest.digest, digest.email, subscribers);
const topics = await benchTopics(ROOT, subscribers);

console.log('\n| articles | cold build (pages off) | peak RSS | CLI rebuild: changed / added / removed | CLI rebuild floor (÷ cold) | service: changed / added / removed / idle scan | floor | broadsheet ÷ floor |');
console.log('| ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |');
for (const r of results) {
  console.log(`| ${r.articles} | ${s(r.cold)} | ${mb(r.cold)} | ${s(r.warmChanged)} / ${s(r.warmAdded)} / ${s(r.warmRemoved)} | ${s(r.rebuildFloor)} (${Math.round((r.rebuildFloor.wallSeconds / r.cold.wallSeconds) * 100)}%) | ${[r.serviceChangedSeconds, r.serviceAddedSeconds, r.serviceRemovedSeconds, r.serviceIdleScanSeconds].map((x) => x.toFixed(2)).join(' / ')} s | ${s(r.floor)} | ${(r.cold.wallSeconds / r.floor.wallSeconds).toFixed(1)}x |`);
}
const hugoVersion = hugo === undefined ? 'Hugo' : `Hugo ${/v([\d.]+)/.exec(spawnSync('hugo', ['version'], { encoding: 'utf8' }).stdout)?.[1] ?? ''}`;
console.log(`\nSame outputs from the same archive (site + tag feeds as RSS, Atom and JSON Feed, newest 50 with full content; index and tag pages, 20 a page; with pages on, a page per article), paired cold runs A B A B, medians:`);
console.log(`| articles | work | pairs | broadsheet | peak RSS | ${hugoVersion} | peak RSS | Hugo ÷ broadsheet | files | feed items |`);
console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) {
  for (const [work, c] of [['feeds only (article pages off)', r.feedsOnly], ['full site (article pages on: the default)', r.fullSite]] as const) {
    console.log(`| ${r.articles} | ${work} | ${c.pairs} | ${c.broadsheet.medianSeconds.toFixed(2)} s | ${c.broadsheet.peakRssMb} MB | ${c.hugo === undefined ? 'not run' : `${c.hugo.medianSeconds.toFixed(2)} s`} | ${c.hugo === undefined ? '-' : `${c.hugo.peakRssMb} MB`} | ${c.hugoOverBroadsheet === undefined ? '-' : `${c.hugoOverBroadsheet.toFixed(2)}x`} | ${c.counts.files} | ${c.counts.feedItems} |`);
  }
  console.log(`| ${r.articles} | not the same work: Hugo's default, one RSS feed of all ${r.articles} articles, vs broadsheet's feeds only | best of ${quick ? 1 : 3} | ${s(r.cold)} | ${mb(r.cold)} | ${s(r.hugoRssOnly)} | ${mb(r.hugoRssOnly)} | ${r.hugoRssOnly === undefined ? '-' : `${(r.hugoRssOnly.wallSeconds / r.cold.wallSeconds).toFixed(2)}x`} | - | - |`);
}
if (hugo === undefined) console.log('(Hugo is not installed: apt-get install -y hugo to compare.)');
console.log(`\nDigest: ${digest.figures.mjmlRenders} MJML render in ${digest.figures.renderSeconds.toFixed(2)} s, ${subscribers} personalised copies in ${digest.figures.personaliseSeconds.toFixed(2)} s, ${Math.round(digest.figures.htmlBytes / 1024)} KB of HTML`);
console.log(`Topics: ${topics.subscribers} subscribers of ${topics.topicCombinations} topic combinations: first digest ${topics.firstRun.mjmlRenders} MJML renders for ${topics.firstRun.editions} distinct selections in ${topics.firstRun.seconds.toFixed(2)} s; the next day's ${topics.laterRun.mjmlRenders} for ${topics.laterRun.editions} in ${topics.laterRun.seconds.toFixed(2)} s`);
console.log(`Delivery of ${delivery.messages} messages to a local SMTP sink, 5 pooled connections: nodemailer alone ${delivery.nodemailerPerSecond}/s, broadsheet with its SQLite outbox ${delivery.broadsheetPerSecond}/s (${Math.round(delivery.ratio * 100)}%)`);

const cpu = cpus()[0]?.model ?? 'unknown';
await writeFile(
  join(ROOT, 'bench/results.json'),
  `${JSON.stringify({ date: new Date().toISOString(), machine: { cpu, cores: cpus().length, node: process.version }, quick, builds: results, digest: digest.figures, delivery, topics }, null, 2)}\n`,
);
console.log(`\nwritten bench/results.json (${cpu}, ${cpus().length} cores, Node ${process.version}); archives kept in ${work}`);

// Sender workers on PostgreSQL (issue 23, bench/workerBench.ts): the same messages by 1, 2 and 4 `broadsheet worker` processes.
const workerFigures = await benchWorkers(ROOT, { messages: quick ? 2_000 : 20_000, workers: [1, 2, 4], delayMs: 20 });
console.log(`Workers on PostgreSQL, ${workerFigures[0]?.messages ?? 0} messages to a sink answering each after 20 ms: ${workerFigures.map((f) => `${f.workers} worker${f.workers === 1 ? '' : 's'} ${f.perSecond}/s (${f.ratio}x)`).join(', ')}`);
const resultsFile = join(ROOT, 'bench/results.json');
await writeFile(resultsFile, `${JSON.stringify({ ...(JSON.parse(await readFile(resultsFile, 'utf8')) as object), workers: workerFigures }, null, 2)}\n`);
