import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { startInboundSmtp } from '../../src/inbound/inboundSmtpServer.js';
import { silentLogger } from '../../src/log/logger.js';
import { deliveryEventsOf } from '../../src/store/deliveryEvents.js';
import { reportedDigest } from '../support/reportedDigest.js';
import { reportMail, testVerp } from '../support/reportMails.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const people = ['ann@example.net', 'bob@example.net', 'cy@example.net', 'dee@example.net', 'eve@example.net', 'fay@example.net', 'gus@example.net'];

async function listener(inbound: ReturnType<typeof reportedDigest>['inbound']) {
  const server = await startInboundSmtp({ host: '127.0.0.1', port: 0, domain: 'news.example.org', handle: (mail) => inbound.mail(mail), logger: silentLogger });
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: server.port, ignoreTLS: true });
  cleanups.push(() => transport.close(), () => server.close());
  /** Delivers a raw mail as an MTA would: a null sender for reports, the envelope recipient given. */
  return (raw: Buffer, to: string, from = '') => transport.sendMail({ envelope: { from, to: [to] }, raw });
}

describe('reports mailed to the inbound SMTP listener on 127.0.0.1', () => {
  it('mark hard bounces bounced, count soft ones, ignore delays and auto-replies, and unsubscribe on a complaint', async () => {
    const setup = reportedDigest(people);
    const send = await listener(setup.inbound);
    const verp = testVerp();
    const mail = async (name: string, email: string) => {
      const row = setup.row(email);
      await send(reportMail(name, row), verp.bounce(row));
    };
    await mail('postfix-user-unknown.eml', 'ann@example.net');
    await mail('gmail-address-not-found.eml', 'bob@example.net');
    await mail('exim-user-unknown.eml', 'cy@example.net');
    await mail('gmail-over-quota.eml', 'dee@example.net');
    await mail('postfix-delayed.eml', 'eve@example.net');
    await mail('outlook-automatic-reply.eml', 'eve@example.net');
    await mail('microsoft-jmrp-complaint.eml', 'fay@example.net');
    await mail('ses-complaint.eml', 'gus@example.net');
    expect(Object.fromEntries(people.map((p) => [p, setup.statusOf(p)]))).toEqual({
      'ann@example.net': 'bounced',
      'bob@example.net': 'bounced',
      'cy@example.net': 'bounced',
      'dee@example.net': 'confirmed',
      'eve@example.net': 'confirmed',
      'fay@example.net': 'unsubscribed',
      'gus@example.net': 'unsubscribed',
    });
    expect(deliveryEventsOf(setup.db, setup.row('dee@example.net').subscriberId)).toMatchObject([{ kind: 'soft-bounce', digestNumber: 1, source: 'mail', diagnostic: expect.stringMatching(/^4\.2\.2 452-4\.2\.2/) }]);
    expect(deliveryEventsOf(setup.db, setup.row('eve@example.net').subscriberId)).toMatchObject([{ kind: 'delayed', digestNumber: 1 }]);
  });

  it('records the same report received twice once', async () => {
    const setup = reportedDigest(people);
    const send = await listener(setup.inbound);
    const row = setup.row('ann@example.net');
    const raw = reportMail('ses-bounce.eml', row);
    await send(raw, testVerp().bounce(row));
    await send(raw, testVerp().bounce(row));
    await send(reportMail('postfix-user-unknown.eml', row), 'bounces@news.example.org');
    expect(deliveryEventsOf(setup.db, row.subscriberId)).toHaveLength(1);
  });

  it('unsubscribes whoever the signed List-Unsubscribe mailto names, and ignores a forged one', async () => {
    const setup = reportedDigest(people);
    const send = await listener(setup.inbound);
    const ann = setup.row('ann@example.net');
    const raw = (to: string) => Buffer.from(`From: Ann <ann@example.net>\r\nTo: ${to}\r\nSubject: unsubscribe\r\nMessage-ID: <u-${to}>\r\n\r\n`);
    await send(raw(testVerp().unsubscribe(ann)), testVerp().unsubscribe(ann), 'ann@example.net');
    expect(setup.statusOf('ann@example.net')).toBe('unsubscribed');
    const forged = testVerp().unsubscribe(setup.row('bob@example.net')).replace(/-[0-9a-f]{16}@/, '-0123456789abcdef@');
    await send(raw(forged), forged, 'mallory@example.com');
    expect(setup.statusOf('bob@example.net')).toBe('confirmed');
  });

  it('refuses mail for any other domain: it relays nothing', async () => {
    const setup = reportedDigest(people);
    const send = await listener(setup.inbound);
    await expect(send(Buffer.from('Subject: hi\r\n\r\nhi\r\n'), 'someone@example.com', 'spammer@example.com')).rejects.toMatchObject({ responseCode: 550 });
  });

  it('marks an address bounced after email.softBounceLimit soft bounces within email.softBounceWindow', async () => {
    const setup = reportedDigest(['dee@example.net'], { softBounceLimit: 2, softBounceWindow: 7 * 24 * 3600 });
    const dee = setup.row('dee@example.net');
    const soft = (reportId: string) => setup.inbound.report({ kind: 'soft-bounce', source: 'postmark', verp: undefined, recipient: 'dee@example.net', messageId: undefined, diagnostic: 'mailbox full', reportId });
    soft('a');
    setup.clock.now = new Date('2026-12-05T08:00:00Z');
    soft('b');
    expect(setup.statusOf('dee@example.net')).toBe('confirmed');
    setup.clock.now = new Date('2026-12-06T08:00:00Z');
    soft('c');
    expect(setup.statusOf('dee@example.net')).toBe('bounced');
    expect(deliveryEventsOf(setup.db, dee.subscriberId)).toHaveLength(3);
  });
});

describe('reports delivered to a Maildir', () => {
  it('are read once each and moved to cur/', async () => {
    const setup = reportedDigest(people);
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-maildir-'));
    for (const sub of ['new', 'cur', 'tmp']) await mkdir(join(dir, sub));
    await writeFile(join(dir, 'new', '1764057672.M1P1.mail'), reportMail('exim-mailbox-full.eml', setup.row('ann@example.net')));
    await writeFile(join(dir, 'new', '1764057673.M2P1.mail'), reportMail('microsoft-recipient-not-found.eml', setup.row('bob@example.net')));
    await writeFile(join(dir, 'new', '1764057674.M3P1.mail'), reportMail('vacation-out-of-office.eml', setup.row('cy@example.net')));
    expect(await setup.inbound.folder(dir, { includeSeen: false })).toEqual({ 'soft-bounce': 1, 'hard-bounce': 1, 'ignored auto-reply': 1 });
    expect(await readdir(join(dir, 'new'))).toEqual([]);
    expect((await readdir(join(dir, 'cur'))).sort()).toEqual(['1764057672.M1P1.mail:2,S', '1764057673.M2P1.mail:2,S', '1764057674.M3P1.mail:2,S']);
    expect(await setup.inbound.folder(dir, { includeSeen: false })).toEqual({});
    expect(await setup.inbound.folder(dir, { includeSeen: true })).toEqual({ duplicate: 2, 'ignored auto-reply': 1 });
    expect([setup.statusOf('ann@example.net'), setup.statusOf('bob@example.net'), setup.statusOf('cy@example.net')]).toEqual(['confirmed', 'bounced', 'confirmed']);
  });
});
