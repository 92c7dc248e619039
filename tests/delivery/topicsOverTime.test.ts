import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import mjml2html from 'mjml';
import { afterEach, describe, expect, it } from 'vitest';
import { createSmtpMailer } from '../../src/delivery/smtpMailer.js';
import type { MjmlRenderer } from '../../src/digest/renderDigest.js';
import type { SendOptions, SendReport } from '../../src/pipeline/sendDigest.js';
import { sendDigest } from '../../src/pipeline/sendDigest.js';
import { openDatabase } from '../../src/store/database.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';
import { makeProject } from '../support/project.js';
import { startSmtpSink } from '../support/smtpSink.js';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
/** Sunday 29 November 2026, 00:00 UTC: day 0. Mondays are days 1, 8 and 15. */
const DAY_0 = Date.UTC(2026, 10, 29);
const at = (day: number, hour: number) => new Date(DAY_0 + day * DAY + hour * HOUR);

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

interface Published {
  title: string;
  tags: string[];
  published: Date;
}

/**
 * Five culture articles before anyone subscribes, then every day from day 1 to 14 at 06:00 one culture and
 * one transport article, and on even days one of both topics, on odd days one of sport.
 */
function twoWeeksOfNews(): Published[] {
  const backlog = [5, 4, 3, 2, 1].map((n) => ({ title: `Older culture ${n}`, tags: ['culture'], published: at(-n - 4, 6) }));
  const daily = Array.from({ length: 14 }, (_, i) => i + 1).flatMap((day) => {
    const dd = String(day).padStart(2, '0');
    return [
      { title: `Culture day ${dd}`, tags: ['culture'], published: at(day, 6) },
      { title: `Transport day ${dd}`, tags: ['transport'], published: at(day, 6) },
      day % 2 === 0 ? { title: `Culture and transport day ${dd}`, tags: ['culture', 'transport'], published: at(day, 6) } : { title: `Sport day ${dd}`, tags: ['sport'], published: at(day, 6) },
    ];
  });
  return [...backlog, ...daily];
}

async function newsroom() {
  const sink = await startSmtpSink();
  const project = await makeProject({
    smtpUrl: sink.url,
    ownContent: 'empty',
    schedule: { timezone: 'UTC' },
    digest: {
      firstIssueSize: 3,
      topics: [{ tag: 'culture', label: 'Culture' }, { tag: 'transport', label: 'Transport' }, { tag: 'sport', label: 'Sport' }],
      frequencies: { daily: '0 7 * * *', weekly: '0 8 * * 1' },
    },
  });
  const news = twoWeeksOfNews();
  for (const [i, article] of news.entries()) {
    await writeFile(join(project.content, `article-${i}.md`), `---\ntitle: ${article.title}\ndate: ${article.published.toISOString()}\ntags: [${article.tags.join(', ')}]\n---\nNews.\n`);
  }
  const db = openDatabase(project.config.paths.stateDir);
  cleanups.push(() => db.close(), () => sink.close());
  const clock = { now: at(0, 6) };
  const store = new SubscriberStore(db, () => clock.now);
  const reader = (email: string, topics: string[], frequency: string) => {
    const { subscriber } = store.upsert(parseEmailAddress(email), 'confirmed', 'test');
    store.setTopics(subscriber.id, topics);
    store.setFrequency(subscriber.id, frequency);
    return subscriber.id;
  };
  let renders = 0;
  const counting: MjmlRenderer = async (mjml, options) => {
    renders += 1;
    return (mjml2html as unknown as MjmlRenderer)(mjml, options);
  };
  const send = (options: Partial<SendOptions> = {}): Promise<SendReport> =>
    sendDigest(project.config, { db, createMailer: () => createSmtpMailer(project.config.email), now: () => clock.now, sleep: async () => {}, displayRoot: project.dir, onProgress: () => {}, renderMjml: counting }, { dryRun: false, ...options });
  /** Every title each address received, one entry per time it was received, and each mail's titles. */
  const received = async () => {
    const titles = new Map<string, string[]>();
    const mails: { to: string; digest: number; titles: string[] }[] = [];
    for (const mail of sink.received) {
      const text = (await simpleParser(mail.raw)).text ?? '';
      // In the mail's order: newest first.
      const inMail = news.map((a) => a.title).filter((title) => text.includes(title)).sort((a, b) => text.indexOf(a) - text.indexOf(b));
      const to = mail.to[0] as string;
      titles.set(to, [...(titles.get(to) ?? []), ...inMail]);
      mails.push({ to, digest: Number(/^Message-ID: <digest-(\d+)\./m.exec(mail.raw)?.[1]), titles: inMail });
    }
    return { titles, mails };
  };
  return { news, clock, store, reader, send, received, renders: () => renders };
}

/** The titles of the articles a reader of `topics` (none: every article) is owed, sorted. */
function owed(news: Published[], topics: string[]): string[] {
  const mine = news.filter((a) => topics.length === 0 || a.tags.some((tag) => topics.includes(tag)));
  // Of what was published before they subscribed, only the newest three (digest.firstIssueSize).
  const before = mine.filter((a) => a.published < at(0, 6)).slice(-3);
  return [...before, ...mine.filter((a) => a.published >= at(0, 6))].map((a) => a.title).sort();
}

describe('daily and weekly digests of chosen topics over two weeks', () => {
  it('bring each reader each article of their topics exactly once, none of others, across a change of frequency and a pause, one render per distinct selection', async () => {
    const { news, clock, store, reader, send, received, renders } = await newsroom();
    const ann = reader('ann@example.org', ['culture'], 'daily');
    reader('fay@example.org', ['culture'], 'daily');
    reader('bob@example.org', ['transport'], 'weekly');
    const cy = reader('cy@example.org', ['culture', 'transport'], 'daily');
    reader('dee@example.org', [], 'weekly');
    const eve = reader('eve@example.org', ['sport'], 'daily');

    const editionsPerRun: number[] = [];
    // `digest send` at 07:00 and at 08:00 every day, as a crontab might: each run sends what is due.
    for (let day = 0; day <= 15; day++) {
      for (const hour of [7, 8]) {
        clock.now = at(day, hour);
        if (day === 2 && hour === 8) store.setPause(eve, at(8, 12));
        if (day === 6 && hour === 8) store.setFrequency(cy, 'weekly');
        const before = renders();
        const report = await send();
        const composed = report.kind === 'sent' ? report.passes.filter((p) => !p.resumed) : [];
        expect(composed.every((p) => p.complete)).toBe(true);
        expect(renders() - before).toBe(composed.reduce((n, p) => n + p.editions, 0));
        editionsPerRun.push(...composed.map((p) => p.editions));
      }
    }

    const { titles, mails } = await received();
    const expected = { 'ann@example.org': ['culture'], 'fay@example.org': ['culture'], 'bob@example.org': ['transport'], 'cy@example.org': ['culture', 'transport'], 'dee@example.org': [], 'eve@example.org': ['sport'] };
    for (const [email, topics] of Object.entries(expected)) expect([...(titles.get(email) ?? [])].sort(), email).toEqual(owed(news, topics));

    // One render per distinct selection: readers of a run who got the same articles got the same edition.
    const runs = [...new Set(mails.map((mail) => mail.digest))];
    expect(runs.map((digest) => new Set(mails.filter((mail) => mail.digest === digest).map((mail) => mail.titles.join('|'))).size)).toEqual(editionsPerRun);
    expect(renders()).toBe(editionsPerRun.reduce((a, b) => a + b, 0));
    // Ann and Fay read the same topics at the same frequency: never a render of their own each.
    expect(mails.filter((m) => m.to === 'ann@example.org').map((m) => m.digest)).toEqual(mails.filter((m) => m.to === 'fay@example.org').map((m) => m.digest));
    expect(store.get(ann)?.topics.map((t) => t.tag)).toEqual(['culture']);

    // Paused from day 2 until day 8 at noon: nothing in between, then the sport of the pause in one digest.
    const eveMails = mails.filter((m) => m.to === 'eve@example.org');
    expect(eveMails.map((m) => m.titles)).toEqual([['Sport day 01'], ['Sport day 09', 'Sport day 07', 'Sport day 05', 'Sport day 03'], ['Sport day 11'], ['Sport day 13']]);
    // Daily until day 6, weekly after it: the first weekly digest (day 8) starts where the last daily one stopped.
    const cyMails = mails.filter((m) => m.to === 'cy@example.org');
    expect(cyMails.at(-3)?.titles.sort()).toEqual(['Culture and transport day 06', 'Culture day 06', 'Transport day 06']);
    expect(cyMails.at(-2)?.titles.sort()).toEqual(['Culture and transport day 08', 'Culture day 07', 'Culture day 08', 'Transport day 07', 'Transport day 08']);
  });

  it('runs one frequency now when asked, due or not, and says so when a name is not one of digest.frequencies', async () => {
    const { clock, reader, send, received } = await newsroom();
    reader('ann@example.org', ['culture'], 'daily');
    reader('bob@example.org', ['transport'], 'weekly');
    clock.now = at(3, 12);
    expect(await send({ frequency: 'weekly' })).toMatchObject({ kind: 'sent', passes: [{ number: 1, frequency: 'weekly', editions: 1, summary: { sent: 1 } }] });
    expect((await received()).mails.map((m) => m.to)).toEqual(['bob@example.org']);
    await expect(send({ frequency: 'hourly' })).rejects.toThrow('there is no frequency "hourly" in digest.frequencies.');
  });
});
