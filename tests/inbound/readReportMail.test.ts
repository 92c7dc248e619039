import { describe, expect, it } from 'vitest';
import { readReportMail } from '../../src/inbound/readReportMail.js';
import { reportMail, testVerp } from '../support/reportMails.js';

const row = { digestNumber: 3, subscriberId: 17, recipient: 'ann@example.net' };
const read = (name: string, fill = {}, envelopeTo: string[] = []) => readReportMail({ raw: reportMail(name, row, fill), envelopeTo }, testVerp());

describe('readReportMail', () => {
  it.each([
    ['postfix-user-unknown.eml', 'hard-bounce', /5\.1\.1 550 5\.1\.1 <ann@example\.net>: Recipient address rejected/],
    ['exim-user-unknown.eml', 'hard-bounce', /550 5\.1\.1 <ann@example\.net>: No such user here/],
    ['gmail-address-not-found.eml', 'hard-bounce', /5\.1\.1 550-5\.1\.1 The email account/],
    ['microsoft-recipient-not-found.eml', 'hard-bounce', /5\.1\.10 550 5\.1\.10 RESOLVER\.ADR\.RecipientNotFound/],
    ['ses-bounce.eml', 'hard-bounce', /5\.1\.1 550 5\.1\.1 user unknown/],
    ['gmail-over-quota.eml', 'soft-bounce', /4\.2\.2 452-4\.2\.2 The recipient's inbox is out of storage space/],
    ['exim-mailbox-full.eml', 'soft-bounce', /452 4\.2\.2/],
    ['postfix-delayed.eml', 'delayed', /4\.4\.1 connect to mx\.example\.net/],
    ['exim-delayed.eml', 'delayed', /451 4\.3\.0/],
    ['microsoft-jmrp-complaint.eml', 'complaint', /feedback-type abuse/],
    ['ses-complaint.eml', 'complaint', /feedback-type abuse/],
  ])('reads %s as a %s of the signed outbox row, naming the recipient', async (name, kind, diagnostic) => {
    const verdict = await read(name);
    expect(verdict.kind).toBe('reports');
    if (verdict.kind !== 'reports') return;
    expect(verdict.reports).toHaveLength(1);
    const [report] = verdict.reports;
    expect(report).toMatchObject({ kind, source: 'mail', verp: { digestNumber: 3, subscriberId: 17 } });
    // Exim's delay warning quotes the subject and date, not the message.
    expect(report?.messageId).toBe(name === 'exim-delayed.eml' ? undefined : '<digest-3.subscriber-17@news.example.org>');
    expect(report?.recipient?.toLowerCase()).toBe('ann@example.net');
    expect(report?.diagnostic).toMatch(diagnostic);
  });

  it.each(['outlook-automatic-reply.eml', 'vacation-out-of-office.eml'])('ignores the automatic reply %s, though it talks of failures and full mailboxes', async (name) => {
    expect(await read(name)).toEqual({ kind: 'ignored', reason: 'auto-reply' });
  });

  it('finds the outbox row in the returned message when the envelope has no signed address', async () => {
    const verdict = await read('microsoft-recipient-not-found.eml', {}, ['bounces@news.example.org']);
    expect(verdict).toMatchObject({ kind: 'reports', reports: [{ kind: 'hard-bounce', verp: { digestNumber: 3, subscriberId: 17 } }] });
  });

  it('names only the address and our Message-ID when no signed address is anywhere (no bounceAddress)', async () => {
    const verdict = await readReportMail({ raw: reportMail('gmail-address-not-found.eml', row, { bounce: 'digest@news.example.org' }), envelopeTo: [] }, undefined);
    expect(verdict).toMatchObject({ kind: 'reports', reports: [{ kind: 'hard-bounce', verp: undefined, recipient: 'ann@example.net', messageId: '<digest-3.subscriber-17@news.example.org>' }] });
  });

  it('ignores a report whose signed address was forged or altered', async () => {
    const forged = testVerp().bounce(row).replace(/-([0-9a-f]{16})@/, '-0000000000000000@');
    expect(await read('postfix-user-unknown.eml', { bounce: forged })).toMatchObject({ kind: 'ignored', reason: 'forged' });
    const otherRow = testVerp().bounce(row).replace('+3-17-', '+3-18-');
    expect(await read('exim-user-unknown.eml', { bounce: otherRow }, [otherRow])).toMatchObject({ kind: 'ignored', reason: 'forged' });
  });

  it('unsubscribes on any mail to the signed unsubscribe address, whatever it holds', async () => {
    const address = testVerp().unsubscribe(row);
    const raw = Buffer.from(`From: Ann <ann@example.net>\r\nTo: ${address}\r\nSubject: unsubscribe\r\nMessage-ID: <m1@example.net>\r\n\r\n`);
    expect(await readReportMail({ raw, envelopeTo: [address] }, testVerp())).toMatchObject({ kind: 'reports', reports: [{ kind: 'unsubscribe', verp: { digestNumber: 3, subscriberId: 17 }, reportId: '<m1@example.net>' }] });
  });

  it('finds no failure in a DSN that reports a delivery, and nothing in an ordinary mail', async () => {
    const delivered = reportMail('postfix-delayed.eml', row).toString().replace('Action: delayed', 'Action: delivered');
    expect(await readReportMail({ raw: Buffer.from(delivered), envelopeTo: [] }, testVerp())).toEqual({ kind: 'ignored', reason: 'no-failure' });
    const letter = Buffer.from('From: Cy <cy@example.net>\r\nTo: bounces@news.example.org\r\nSubject: Hello\r\n\r\nNice paper.\r\n');
    expect(await readReportMail({ raw: letter, envelopeTo: [] }, testVerp())).toEqual({ kind: 'ignored', reason: 'unrecognised' });
  });
});
