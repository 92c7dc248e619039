import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mjml2html from 'mjml';
import { loadConfig } from '../src/config/loadConfig.js';
import type { Mailer } from '../src/delivery/smtpMailer.js';
import type { MjmlRenderer } from '../src/digest/renderDigest.js';
import type { SendReport } from '../src/pipeline/sendDigest.js';
import { sendDigest } from '../src/pipeline/sendDigest.js';
import { openDatabase } from '../src/store/database.js';
import { parseEmailAddress } from '../src/subscribers/address.js';
import { SubscriberStore } from '../src/subscribers/subscriberStore.js';
import { timeIt } from './measure.js';

const TOPICS = ['culture', 'transport', 'sport', 'politics', 'science', 'business'];
/** Each topic alone and 14 of its pairs: 20 combinations. */
const COMBINATIONS = [...TOPICS.map((t) => [t]), ...TOPICS.flatMap((a, i) => TOPICS.slice(i + 1).map((b) => [a, b]))].slice(0, 20);
const DAY = 24 * 3600 * 1000;
const START = Date.UTC(2026, 10, 1, 6);

export interface TopicRunFigures {
  /** Distinct selections of articles among the run's subscribers: its editions. */
  editions: number;
  mjmlRenders: number;
  /** Selecting for every subscriber (their histories read from the outbox) and rendering: a dry run, nothing sent. */
  seconds: number;
}

export interface TopicsFigures {
  subscribers: number;
  topicCombinations: number;
  /** Everyone's first digest: no history yet. */
  firstRun: TopicRunFigures;
  /** The next day's, after the first was sent: every subscriber's history read. */
  laterRun: TopicRunFigures;
}

/** Three articles a day, each of one or two topics, from day `from` to day `to`. */
async function publish(content: string, from: number, to: number): Promise<void> {
  for (let day = from; day < to; day++) {
    for (let k = 0; k < 3; k++) {
      const n = day * 3 + k;
      const tags = n % 4 === 0 ? [TOPICS[n % 6], TOPICS[(n + 1) % 6]] : [TOPICS[n % 6]];
      const date = new Date(START + day * DAY + k * 60_000).toISOString();
      await writeFile(join(content, `news-${n}.md`), `---\ntitle: News ${n} of ${tags.join(' and ')}\ndate: ${date}\ntags: [${tags.join(', ')}]\n---\nThe news of the day, number ${n}, in a few sentences of plain text.\n`);
    }
  }
}

/**
 * `subscribers` readers spread over 20 topic combinations, through the real pipeline (SQLite state,
 * selection per subscriber, editions): the MJML renders counted through the pipeline's renderer, which must
 * equal the distinct selections, and the time of a run with and without history.
 */
export async function benchTopics(root: string, subscribers: number): Promise<TopicsFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-bench-topics-'));
  const content = join(dir, 'content');
  await mkdir(content);
  await publish(content, 0, 30);
  const configFile = join(dir, 'broadsheet.config.json');
  await writeFile(configFile, JSON.stringify({
    site: { title: 'bench', url: 'https://bench.example.org/' },
    paths: { content, templates: join(root, 'templates'), out: join(dir, 'out'), stateDir: join(dir, 'state') },
    digest: { topics: TOPICS.map((tag) => ({ tag, label: tag })) },
  }));
  const config = loadConfig({ cwd: dir, env: { BROADSHEET_SECRET: 'bench-secret-0123456789abcdef-0123' }, configFile });
  const db = openDatabase(config.paths.stateDir);
  const clock = { now: new Date(START + 30 * DAY) };
  const store = new SubscriberStore(db, () => clock.now);
  db.transaction(() => {
    for (let i = 0; i < subscribers; i++) {
      const { subscriber } = store.upsert(parseEmailAddress(`reader${i}@example.org`), 'confirmed', 'bench');
      store.setTopics(subscriber.id, COMBINATIONS[i % COMBINATIONS.length] ?? []);
    }
  })();
  let renders = 0;
  const counting: MjmlRenderer = async (mjml, options) => {
    renders++;
    return (mjml2html as unknown as MjmlRenderer)(mjml, options);
  };
  // Accepts every message at once: the figures are about choosing and rendering (deliveryBench.ts times SMTP).
  const nowhere: Mailer = { send: async () => ({ response: '250 accepted' }), close: () => {} };
  const send = (dryRun: boolean) =>
    sendDigest(config, { db, createMailer: async () => nowhere, now: () => clock.now, sleep: async () => {}, displayRoot: dir, onProgress: () => {}, renderMjml: counting }, { dryRun });
  const dryRun = async (): Promise<TopicRunFigures> => {
    renders = 0;
    let report: SendReport | undefined;
    const seconds = await timeIt(async () => (report = await send(true)));
    const editions = report?.kind === 'dry-run' ? (report.digest?.editions ?? 0) : 0;
    if (renders !== editions) throw new Error(`${renders} MJML renders for ${editions} distinct selections`);
    return { editions, mjmlRenders: renders, seconds };
  };
  try {
    const firstRun = await dryRun();
    await send(false);
    await publish(content, 30, 31);
    clock.now = new Date(START + 31 * DAY);
    const laterRun = await dryRun();
    return { subscribers, topicCombinations: COMBINATIONS.length, firstRun, laterRun };
  } finally {
    db.close();
  }
}
