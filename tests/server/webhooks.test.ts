import { createHmac, createSign, generateKeyPairSync, sign } from 'node:crypto';
import { request as httpsRequest, createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookSecrets } from '../../src/config/resolvedConfig.js';
import type { Fetcher } from '../../src/inbound/webhooks/snsMessage.js';
import type { LogFields, Logger } from '../../src/log/logger.js';
import { createServer } from '../../src/server/createServer.js';
import { webhookRoutes } from '../../src/server/webhookRoutes.js';
import { deliveryEventsOf } from '../../src/store/deliveryEvents.js';
import { reportedDigest } from '../support/reportedDigest.js';
import { testVerp } from '../support/reportMails.js';
import { testSite } from '../support/site.js';
import { makeTestCertificates } from '../support/testCertificates.js';
import { sitePagesFor } from '../support/templates.js';
import { RequestLimits } from '../../src/store/requestLimits.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:broadsheet-ses';
const people = ['ann@example.net', 'bob@example.net', 'cy@example.net'];
let certs: ReturnType<typeof makeTestCertificates>;
const sendgridKeys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const secrets: WebhookSecrets = {
  sesTopicArns: [TOPIC],
  postmark: { user: 'postmark', password: 'pm-secret-42' },
  mailgunSigningKey: 'key-mailgun-test-0123',
  sendgridVerificationKey: sendgridKeys.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
};

beforeAll(() => {
  certs = makeTestCertificates();
});

/**
 * Amazon's side, played on 127.0.0.1 over HTTPS with the test CA: serves the signing certificate and
 * records subscription confirmations. The fetcher sends what would go to sns.*.amazonaws.com there.
 */
async function fakeSns() {
  const visits: string[] = [];
  const server = createHttpsServer({ key: certs.tls.key, cert: certs.tls.cert }, (req, res) => {
    visits.push(req.url ?? '');
    if (req.url?.endsWith('.pem') === true) res.end(certs.sns.cert);
    else res.end('<ConfirmSubscriptionResponse/>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  const { port } = server.address() as AddressInfo;
  const fetcher: Fetcher = (url) =>
    new Promise((resolve, reject) => {
      visits.push(`host:${url.hostname}`);
      httpsRequest({ host: '127.0.0.1', port, path: `${url.pathname}${url.search}`, ca: certs.ca, servername: undefined }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString())).on('end', () => resolve(body));
      })
        .on('error', reject)
        .end();
    });
  return { fetcher, visits };
}

async function startSite() {
  const setup = reportedDigest(people);
  const logged: { event: string; fields: LogFields }[] = [];
  const logger: Logger = { log: (_level, event, fields = {}) => void logged.push({ event, fields }) };
  const sns = await fakeSns();
  const webhooks = webhookRoutes({ secrets, inbound: setup.inbound, fetcher: sns.fetcher, logger });
  const server = await createServer({ outDir: '/nonexistent', pages: await sitePagesFor(testSite()), subscriptions: undefined, requestLimits: new RequestLimits(setup.db), logger, now: Date.now, webhooks }).listen(0, '127.0.0.1');
  cleanups.push(() => server.close());
  const post = async (path: string, body: string, headers: Record<string, string> = {}) => {
    const response = await fetch(new URL(path, server.url), { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { ...setup, post, logged, sns };
}

function snsNotification(message: unknown, overrides: Record<string, string> = {}) {
  const fields: Record<string, string> = {
    Type: 'Notification',
    MessageId: 'a1b2c3d4-0000-1111-2222-333344445555',
    TopicArn: TOPIC,
    Message: JSON.stringify(message),
    Timestamp: '2026-11-25T08:01:00.000Z',
    SignatureVersion: '2',
    SigningCertURL: 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0123456789abcdef.pem',
    UnsubscribeURL: 'https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=x',
    ...overrides,
  };
  const canonical = ['Message', 'MessageId', 'Subject', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'].filter((k) => fields[k] !== undefined).map((k) => `${k}\n${fields[k]}\n`).join('');
  const signer = createSign(fields.SignatureVersion === '1' ? 'RSA-SHA1' : 'RSA-SHA256');
  signer.update(canonical);
  return JSON.stringify({ ...fields, Signature: signer.sign(certs.sns.key, 'base64') });
}

const sesBounce = (row: { digestNumber: number; subscriberId: number; recipient: string }, bounceType = 'Permanent') => ({
  notificationType: 'Bounce',
  bounce: { bounceType, bounceSubType: bounceType === 'Permanent' ? 'General' : 'MailboxFull', feedbackId: `0100018c-feedback-${row.subscriberId}`, timestamp: '2026-11-25T08:00:59.000Z', bouncedRecipients: [{ emailAddress: row.recipient, action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }] },
  mail: { timestamp: '2026-11-25T08:00:40.000Z', messageId: '0100018c-ses-id', source: testVerp().bounce(row), destination: [row.recipient], commonHeaders: { messageId: `<digest-1.subscriber-${row.subscriberId}@news.example.org>` } },
});

describe('POST /webhooks/ses (Amazon SES through SNS)', () => {
  it('acts on a notification signed with the certificate fetched from the SNS host, once', async () => {
    const site = await startSite();
    const ann = site.row('ann@example.net');
    const body = snsNotification(sesBounce(ann));
    expect(await site.post('/webhooks/ses', body)).toEqual({ status: 200, body: { status: 'ok', reports: 1 } });
    expect(await site.post('/webhooks/ses', body)).toMatchObject({ status: 200 });
    expect(site.statusOf('ann@example.net')).toBe('bounced');
    expect(deliveryEventsOf(site.db, ann.subscriberId)).toMatchObject([{ kind: 'hard-bounce', source: 'ses', digestNumber: 1, diagnostic: '5.1.1 smtp; 550 5.1.1 user unknown' }]);
    expect(site.sns.visits.filter((v) => v.endsWith('.pem'))).toHaveLength(1);
    expect(site.sns.visits).toContain('host:sns.eu-west-1.amazonaws.com');
  });

  it('unsubscribes on a complaint and counts a transient bounce as soft', async () => {
    const site = await startSite();
    const bob = site.row('bob@example.net');
    const complaint = { notificationType: 'Complaint', complaint: { feedbackId: 'fb-1', complaintFeedbackType: 'abuse', complainedRecipients: [{ emailAddress: bob.recipient }] }, mail: { messageId: 'x', source: testVerp().bounce(bob) } };
    expect(await site.post('/webhooks/ses', snsNotification(complaint, { MessageId: 'm-2' }))).toMatchObject({ status: 200 });
    expect(site.statusOf('bob@example.net')).toBe('unsubscribed');
    expect(await site.post('/webhooks/ses', snsNotification(sesBounce(site.row('cy@example.net'), 'Transient'), { MessageId: 'm-3', SignatureVersion: '1' }))).toMatchObject({ status: 200 });
    expect(deliveryEventsOf(site.db, site.row('cy@example.net').subscriberId)).toMatchObject([{ kind: 'soft-bounce' }]);
  });

  it('confirms a subscription by visiting its SubscribeURL', async () => {
    const site = await startSite();
    const subscribeUrl = 'https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn&Token=tok123';
    const body = snsNotification('You have chosen to subscribe', { Type: 'SubscriptionConfirmation', Token: 'tok123', SubscribeURL: subscribeUrl, Message: 'You have chosen to subscribe to the topic' });
    expect(await site.post('/webhooks/ses', body)).toMatchObject({ status: 200 });
    expect(site.sns.visits).toContain('/?Action=ConfirmSubscription&TopicArn=arn&Token=tok123');
  });

  it.each([
    ['a wrong signature', (b: string) => b.replace(/"Signature":"[^"]{10}/, '"Signature":"AAAAAAAAAA')],
    ['an altered message', (b: string) => b.replace('5.1.1', '5.1.2')],
    ['a certificate URL off the SNS hosts', () => snsNotification(sesBounce({ digestNumber: 1, subscriberId: 1, recipient: 'ann@example.net' }), { SigningCertURL: 'https://sns.eu-west-1.amazonaws.com.evil.example/cert.pem' })],
    ['another topic', () => snsNotification(sesBounce({ digestNumber: 1, subscriberId: 1, recipient: 'ann@example.net' }), { TopicArn: 'arn:aws:sns:eu-west-1:999999999999:theirs' })],
    ['no signature at all', () => JSON.stringify(sesBounce({ digestNumber: 1, subscriberId: 1, recipient: 'ann@example.net' }))],
  ])('refuses %s with 401, logs it and changes nothing', async (_what, make) => {
    const site = await startSite();
    const body = make(snsNotification(sesBounce(site.row('ann@example.net'))));
    expect(await site.post('/webhooks/ses', body)).toMatchObject({ status: 401 });
    expect(site.statusOf('ann@example.net')).toBe('confirmed');
    expect(site.logged.filter((l) => l.event === 'webhook.refused')).toMatchObject([{ fields: { provider: 'ses' } }]);
    expect(site.sns.visits.some((v) => v.includes('evil'))).toBe(false);
  });
});

describe('POST /webhooks/postmark (HTTP Basic)', () => {
  const bounce = JSON.stringify({ RecordType: 'Bounce', ID: 4323372036, Type: 'HardBounce', TypeCode: 1, Email: 'ann@example.net', Details: 'smtp;550 5.1.1 The email account that you tried to reach does not exist', MessageID: '883953f4-6105-42a2-a16a-77a8eac79483', BouncedAt: '2026-11-25T08:01:00Z' });
  const basic = (credentials: string) => ({ authorization: `Basic ${Buffer.from(credentials).toString('base64')}` });

  it('acts on a call with the configured credentials', async () => {
    const site = await startSite();
    expect(await site.post('/webhooks/postmark', bounce, basic('postmark:pm-secret-42'))).toMatchObject({ status: 200 });
    expect(site.statusOf('ann@example.net')).toBe('bounced');
    const complaint = JSON.stringify({ RecordType: 'SpamComplaint', ID: 42, Type: 'SpamComplaint', Email: 'bob@example.net', BouncedAt: '2026-11-25T09:00:00Z' });
    expect(await site.post('/webhooks/postmark', complaint, basic('postmark:pm-secret-42'))).toMatchObject({ status: 200 });
    expect(site.statusOf('bob@example.net')).toBe('unsubscribed');
    const autoReply = JSON.stringify({ RecordType: 'Bounce', ID: 43, Type: 'AutoResponder', Email: 'cy@example.net' });
    expect(await site.post('/webhooks/postmark', autoReply, basic('postmark:pm-secret-42'))).toEqual({ status: 200, body: { status: 'ok', reports: 0 } });
    expect(site.statusOf('cy@example.net')).toBe('confirmed');
  });

  it('refuses wrong or missing credentials with 401 and logs it', async () => {
    const site = await startSite();
    expect(await site.post('/webhooks/postmark', bounce, basic('postmark:guess'))).toMatchObject({ status: 401 });
    expect(await site.post('/webhooks/postmark', bounce)).toMatchObject({ status: 401 });
    expect(site.statusOf('ann@example.net')).toBe('confirmed');
    expect(site.logged.filter((l) => l.event === 'webhook.refused').map((l) => l.fields.reason)).toEqual(['wrong credentials', 'no Basic credentials']);
  });
});

describe('POST /webhooks/mailgun (HMAC)', () => {
  const call = (key: string, row: { subscriberId: number; recipient: string; digestNumber: number }, event = 'complained') => {
    const timestamp = '1795939260';
    const token = `tok-${row.subscriberId}-${event}`;
    return JSON.stringify({
      signature: { timestamp, token, signature: createHmac('sha256', key).update(timestamp + token).digest('hex') },
      'event-data': { event, id: `mg-${row.subscriberId}-${event}`, severity: 'permanent', recipient: row.recipient, envelope: { sender: testVerp().bounce(row) }, message: { headers: { 'message-id': `digest-1.subscriber-${row.subscriberId}@news.example.org` } }, 'delivery-status': { code: 550, message: '5.1.1 No such user' } },
    });
  };

  it('acts on a call signed with the signing key', async () => {
    const site = await startSite();
    expect(await site.post('/webhooks/mailgun', call(secrets.mailgunSigningKey as string, site.row('ann@example.net')))).toMatchObject({ status: 200 });
    expect(await site.post('/webhooks/mailgun', call(secrets.mailgunSigningKey as string, site.row('bob@example.net'), 'failed'))).toMatchObject({ status: 200 });
    expect([site.statusOf('ann@example.net'), site.statusOf('bob@example.net')]).toEqual(['unsubscribed', 'bounced']);
  });

  it('refuses a call signed with another key', async () => {
    const site = await startSite();
    expect(await site.post('/webhooks/mailgun', call('key-of-someone-else', site.row('ann@example.net')))).toMatchObject({ status: 401 });
    expect(await site.post('/webhooks/mailgun', JSON.stringify({ 'event-data': { event: 'complained', recipient: 'ann@example.net' } }))).toMatchObject({ status: 401 });
    expect(site.statusOf('ann@example.net')).toBe('confirmed');
  });
});

describe('POST /webhooks/sendgrid (signed event webhook, ECDSA)', () => {
  const events = JSON.stringify([
    { email: 'ann@example.net', timestamp: 1795939260, 'smtp-id': '<digest-1.subscriber-1@news.example.org>', event: 'bounce', type: 'bounce', status: '5.1.1', reason: '550 5.1.1 user unknown', sg_event_id: 'ev-1', sg_message_id: 'sg-1' },
    { email: 'bob@example.net', timestamp: 1795939261, event: 'spamreport', sg_event_id: 'ev-2', sg_message_id: 'sg-2' },
    { email: 'cy@example.net', timestamp: 1795939262, event: 'delivered', sg_event_id: 'ev-3', sg_message_id: 'sg-3' },
  ]);
  const signed = (body: string, timestamp = '1795939263') => ({
    'x-twilio-email-event-webhook-timestamp': timestamp,
    'x-twilio-email-event-webhook-signature': sign('sha256', Buffer.from(timestamp + body), sendgridKeys.privateKey).toString('base64'),
  });

  it('acts on a batch signed with the key whose public half is configured', async () => {
    const site = await startSite();
    expect(await site.post('/webhooks/sendgrid', events, signed(events))).toEqual({ status: 200, body: { status: 'ok', reports: 2 } });
    expect(people.map(site.statusOf)).toEqual(['bounced', 'unsubscribed', 'confirmed']);
    expect(deliveryEventsOf(site.db, 1)).toMatchObject([{ kind: 'hard-bounce', digestNumber: 1, source: 'sendgrid' }]);
  });

  it('refuses an altered body, a replayed signature with another timestamp, and no signature', async () => {
    const site = await startSite();
    const headers = signed(events);
    expect(await site.post('/webhooks/sendgrid', events.replace('bob@', 'cy@'), headers)).toMatchObject({ status: 401 });
    expect(await site.post('/webhooks/sendgrid', events, { ...headers, 'x-twilio-email-event-webhook-timestamp': '1795939999' })).toMatchObject({ status: 401 });
    expect(await site.post('/webhooks/sendgrid', events)).toMatchObject({ status: 401 });
    expect(people.map(site.statusOf)).toEqual(['confirmed', 'confirmed', 'confirmed']);
  });
});

describe('webhooks without their secret in the environment', () => {
  it('do not exist', async () => {
    const setup = reportedDigest(people);
    const webhooks = webhookRoutes({ secrets: { sesTopicArns: [], postmark: undefined, mailgunSigningKey: undefined, sendgridVerificationKey: undefined }, inbound: setup.inbound, fetcher: async () => '', logger: { log: () => {} } });
    const server = await createServer({ outDir: '/nonexistent', pages: await sitePagesFor(testSite()), subscriptions: undefined, requestLimits: new RequestLimits(setup.db), logger: { log: () => {} }, now: Date.now, webhooks }).listen(0, '127.0.0.1');
    cleanups.push(() => server.close());
    for (const provider of ['ses', 'postmark', 'mailgun', 'sendgrid']) expect((await fetch(new URL(`/webhooks/${provider}`, server.url), { method: 'POST', body: '{}' })).status).toBe(404);
  });
});
