import type { Comparison, PeerFigures } from './compare.js';
import type { benchDelivery } from './deliveryBench.js';
import type { SizeFigures, WorkFigures } from './figures.js';
import type { Measurement } from './measure.js';
import type { OneChange } from './oneChange.js';
import type { benchTopics } from './topicsBench.js';

export interface OtherFigures {
  quick: boolean;
  digest: { subscribers: number; mjmlRenders: number; renderSeconds: number; personaliseSeconds: number; htmlBytes: number };
  delivery: Awaited<ReturnType<typeof benchDelivery>>;
  topics: Awaited<ReturnType<typeof benchTopics>>;
}

const seconds = (value: number) => `${value.toFixed(2)} s`;
const mb = (m: { peakRssMb: number }) => `${m.peakRssMb} MB`;
const times = (value: number) => `${value.toFixed(2)}x`;
const three = <T>(figures: OneChange<T>, format: (figure: T) => string) => [figures.changed, figures.added, figures.removed].map(format).join(' / ');
const WORKS = [
  ['feeds only', (r: SizeFigures) => r.feedsOnly],
  ['full site', (r: SizeFigures) => r.fullSite],
] as const;

/** The bench's tables, as the README's Performance section quotes them. */
export function printTables(results: SizeFigures[], other: OtherFigures): void {
  const notes: string[] = [];
  /** A footnote's mark: the reasons for a peer not run or not writing the same are too long for a cell. */
  const note = (text: string) => {
    if (!notes.includes(text)) notes.push(text);
    return `[${notes.indexOf(text) + 1}]`;
  };
  console.log('\nSame outputs from the same archive: the site\'s and each tag\'s RSS, Atom and JSON Feed of the newest 50 with full content, index and tag pages 20 a page, with article pages on a page per article.');
  console.log('Cold runs in turns (broadsheet, then each peer, again), medians; peer ÷ broadsheet above 1: broadsheet faster. Files and feed items are checked equal to broadsheet\'s.');
  console.log('| articles | work | peer | runs | broadsheet | peak RSS | peer | peak RSS | peer ÷ broadsheet | files | feed items |');
  console.log('| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    for (const [work, of] of WORKS) {
      const c: Comparison = of(r).comparison;
      const broadsheet = `${seconds(c.broadsheet.medianSeconds)} | ${mb(c.broadsheet)}`;
      const peers: (PeerFigures | undefined)[] = c.peers.length === 0 ? [undefined] : c.peers;
      for (const peer of peers) {
        if (peer === undefined) console.log(`| ${r.articles} | ${work} | none | ${c.pairs} | ${broadsheet} | - | - | - | ${c.counts.files} | ${c.counts.feedItems} |`);
        else if (!peer.ran) console.log(`| ${r.articles} | ${work} | ${peer.name} | ${c.pairs} | ${broadsheet} | not run ${note(`${peer.name}: ${peer.skipped}`)} | - | - | ${c.counts.files} | ${c.counts.feedItems} |`);
        else {
          const label = peer.difference === undefined ? work : `${work}, NOT the same outputs ${note(`${peer.name}, ${work}, ${r.articles}: wrote ${peer.difference} (broadsheet's first)`)}`;
          const count = (ours: number, theirs: number) => (ours === theirs ? `${ours}` : `${ours} vs ${theirs}`);
          console.log(`| ${r.articles} | ${label} | ${peer.name} | ${c.pairs} | ${broadsheet} | ${seconds(peer.medianSeconds)} | ${mb(peer)} | ${times(peer.overBroadsheet)} | ${count(c.counts.files, peer.counts.files)} | ${count(c.counts.feedItems, peer.counts.feedItems)} |`);
        }
      }
    }
    const rss = r.hugoRssOnly;
    const feeds = r.feedsOnly.comparison.broadsheet;
    const what = `not the same work: Hugo's default, one RSS feed of all ${r.articles}, vs feeds only`;
    if ('skipped' in rss) console.log(`| ${r.articles} | ${what} | Hugo | - | ${seconds(feeds.medianSeconds)} | ${mb(feeds)} | not run ${note(`Hugo: ${rss.skipped}`)} | - | - | - | - |`);
    else console.log(`| ${r.articles} | ${what} | Hugo | best of ${other.quick || r.articles >= 100_000 ? 1 : 3} | ${seconds(feeds.medianSeconds)} | ${mb(feeds)} | ${seconds(rss.measurement.wallSeconds)} | ${mb(rss.measurement)} | ${times(rss.overBroadsheetFeedsOnly)} | - | - |`);
  }
  notes.forEach((text, index) => console.log(`[${index + 1}] ${text}`));

  console.log('\nRebuilds after one file changed / added / removed (best of 3; 1 with --quick and at 100,000): from the CLI against the CLI rebuild floor');
  console.log('(bench/rebuildFloor.mjs: Node\'s start, the modules, the store, every file stat\'ed; target at most 1.5x), inside `start` against the cold build (target under 10%):');
  console.log('| articles | work | cold (median) | peak RSS | CLI rebuild | peak RSS | CLI floor | CLI ÷ floor | inside start | ÷ cold | idle scan |');
  console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    for (const [work, of] of WORKS) {
      const w: WorkFigures = of(r);
      const cli = w.rebuild.cli;
      const peak = Math.max(cli.changed.peakRssMb, cli.added.peakRssMb, cli.removed.peakRssMb);
      console.log(
        `| ${r.articles} | ${work} | ${seconds(w.comparison.broadsheet.medianSeconds)} | ${mb(w.comparison.broadsheet)} | ${three(cli, (m: Measurement) => m.wallSeconds.toFixed(2))} s | ${peak} MB | ${seconds(w.rebuild.floor.wallSeconds)} | ${three(w.rebuild.cliOverFloor, (x) => x.toFixed(2))}x | ${three(w.rebuild.serviceSeconds, (x) => x.toFixed(2))} s | ${three(w.rebuild.serviceOverCold, (x) => `${(x * 100).toFixed(1)}%`)} | ${seconds(w.rebuild.serviceIdleScanSeconds)} |`,
      );
    }
  }
  console.log(`\nI/O floor (bench/floor.mjs: every file read and written again, no parsing): ${results.map((r) => `${r.articles}: ${seconds(r.floor.wallSeconds)} (cold feeds only ${(r.feedsOnly.comparison.broadsheet.medianSeconds / r.floor.wallSeconds).toFixed(1)}x)`).join('; ')}`);
  const { digest, topics, delivery } = other;
  console.log(`\nDigest: ${digest.mjmlRenders} MJML render in ${digest.renderSeconds.toFixed(2)} s, ${digest.subscribers} personalised copies in ${digest.personaliseSeconds.toFixed(2)} s, ${Math.round(digest.htmlBytes / 1024)} KB of HTML`);
  console.log(`Topics: ${topics.subscribers} subscribers of ${topics.topicCombinations} topic combinations: first digest ${topics.firstRun.mjmlRenders} MJML renders for ${topics.firstRun.editions} distinct selections in ${topics.firstRun.seconds.toFixed(2)} s; the next day's ${topics.laterRun.mjmlRenders} for ${topics.laterRun.editions} in ${topics.laterRun.seconds.toFixed(2)} s`);
  console.log(`Delivery of ${delivery.messages} messages to a local SMTP sink, 5 pooled connections: nodemailer alone ${delivery.nodemailerPerSecond}/s, broadsheet with its SQLite outbox ${delivery.broadsheetPerSecond}/s (${Math.round(delivery.ratio * 100)}%)`);
}
