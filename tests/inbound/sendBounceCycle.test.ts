import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { createSmtpMailer } from '../../src/delivery/smtpMailer.js';
import { inboundReportsFor } from '../../src/inbound/inboundReports.js';
import { startInboundSmtp } from '../../src/inbound/inboundSmtpServer.js';
import { silentLogger } from '../../src/log/logger.js';
import { sendDigest } from '../../src/pipeline/sendDigest.js';
import { openDatabase } from '../../src/store/database.js';
import { digestStats } from '../../src/store/digestStats.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';
import { makeProject } from '../support/project.js';
import { reportMail } from '../support/reportMails.js';
import { startSmtpSink } from '../support/smtpSink.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('the whole cycle against a real SMTP server', () => {
  it('sends with signed envelope addresses, and the bounce, the complaint and the mailto that come back reach the records and the stats', async () => {
    const sink = await startSmtpSink();
    const project = await makeProject({ smtpUrl: sink.url, email: { bounceAddress: 'bounces@news.example.org' } });
    const db = openDatabase(project.config.paths.stateDir);
    cleanups.push(() => db.close(), () => sink.close());
    const now = () => new Date('2026-11-25T08:00:00Z');
    const store = new SubscriberStore(db, now);
    for (const email of ['ann@example.net', 'bob@example.net', 'cy@example.net', 'dee@example.net']) store.upsert(parseEmailAddress(email), 'confirmed', 'test');
    const report = await sendDigest(project.config, { db, createMailer: () => createSmtpMailer(project.config.email), now, sleep: async () => {}, displayRoot: project.dir, onProgress: () => {} }, { dryRun: false });
    expect(report).toMatchObject({ kind: 'sent', passes: [{ summary: { sent: 4 } }] });
    const mailTo = (email: string) => sink.received.find((m) => m.to.includes(email)) as (typeof sink.received)[number];
    expect(mailTo('ann@example.net').from).toMatch(/^bounces\+1-1-[0-9a-f]{16}@news\.example\.org$/);
    const mailto = /<mailto:(unsubscribe\+1-4-[0-9a-f]{16}@news\.example\.org)\?subject=unsubscribe>/.exec(mailTo('dee@example.net').raw)?.[1] as string;
    expect(mailto).toBeDefined();

    const inbound = inboundReportsFor(project.config, db, silentLogger, now);
    const listener = await startInboundSmtp({ host: '127.0.0.1', port: 0, domain: 'news.example.org', handle: (mail) => inbound.mail(mail), logger: silentLogger });
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, ignoreTLS: true });
    cleanups.unshift(() => transport.close(), () => listener.close());
    // The bounce goes to the Return-Path the sink saw; the reader answers the mailto of List-Unsubscribe.
    await transport.sendMail({ envelope: { from: '', to: [mailTo('ann@example.net').from] }, raw: reportMail('postfix-user-unknown.eml', { digestNumber: 1, subscriberId: 1, recipient: 'ann@example.net' }) });
    await transport.sendMail({ envelope: { from: '', to: ['fbl@news.example.org'] }, raw: reportMail('ses-complaint.eml', { digestNumber: 1, subscriberId: 2, recipient: 'bob@example.net' }) });
    await transport.sendMail({ envelope: { from: 'dee@example.net', to: [mailto] }, raw: Buffer.from(`From: dee@example.net\r\nTo: ${mailto}\r\nSubject: unsubscribe\r\n\r\n`) });

    expect(['ann', 'bob', 'cy', 'dee'].map((n) => store.find(parseEmailAddress(`${n}@example.net`))?.status)).toEqual(['bounced', 'unsubscribed', 'confirmed', 'unsubscribed']);
    expect(digestStats(db, 10)).toMatchObject([{ number: 1, queued: 4, sent: 4, failed: 0, hardBounces: 1, softBounces: 0, complaints: 1, unsubscribed: 2 }]);
    // A complaint keeps the address out: an import or add --confirmed does not bring it back; the web form does.
    expect(store.upsert(parseEmailAddress('bob@example.net'), 'confirmed', 'import:list.csv')).toMatchObject({ changed: false, subscriber: { status: 'unsubscribed' } });
    expect(store.upsert(parseEmailAddress('bob@example.net'), 'pending', 'cli')).toMatchObject({ changed: false });
    expect(store.upsert(parseEmailAddress('bob@example.net'), 'pending', 'web')).toMatchObject({ changed: true, subscriber: { status: 'pending' } });
  });
});
