import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { ResolvedConfig } from '../src/config/resolvedConfig.js';
import { composeMessage } from '../src/delivery/composeMessage.js';
import { deliverQueued } from '../src/delivery/deliverQueued.js';
import { enqueue, queuedRows } from '../src/delivery/outbox.js';
import { createSmtpMailer } from '../src/delivery/smtpMailer.js';
import { personaliseDigest } from '../src/digest/personaliseDigest.js';
import type { RenderedDigest } from '../src/digest/renderDigest.js';
import { openDatabase } from '../src/store/database.js';
import { recordDigest } from '../src/store/digestLog.js';
import { parseEmailAddress } from '../src/subscribers/address.js';
import { SubscriberStore } from '../src/subscribers/subscriberStore.js';
import { timeIt } from './measure.js';
import { startSink } from './smtpSink.js';

export interface DeliveryFigures {
  messages: number;
  nodemailerPerSecond: number;
  broadsheetPerSecond: number;
  ratio: number;
}

/** The same messages sent by nodemailer's pool alone and by broadsheet's outbox (SQLite bookkeeping included). */
export async function benchDelivery(digest: RenderedDigest, email: ResolvedConfig['email'], count: number): Promise<DeliveryFigures> {
  const sink = await startSink();
  const config = { ...email, smtpUrl: sink.url, maxConnections: 5, rateLimit: 0 };
  const message = (i: number) =>
    composeMessage(
      { to: `reader${i}@example.org`, subject: digest.subject, ...personaliseDigest(digest, { unsubscribeUrl: `https://bench.example.org/unsubscribe?token=t${i}`, preferencesUrl: `https://bench.example.org/preferences?token=p${i}`, name: `Reader ${i}`, firstName: `Reader` }), unsubscribeUrl: `https://bench.example.org/unsubscribe?token=t${i}`, messageId: `<bench-${i}@example.org>`, date: new Date() },
      config,
      'digest.bench.example.org',
    );

  const transport = nodemailer.createTransport({ url: sink.url, pool: true, maxConnections: 5 } as Parameters<typeof nodemailer.createTransport>[0]);
  const plain = await timeIt(async () => {
    let next = 0;
    await Promise.all(Array.from({ length: 5 }, async () => { while (next < count) await transport.sendMail(message(next++)); }));
  });
  transport.close();

  const db = openDatabase(await mkdtemp(join(tmpdir(), 'broadsheet-bench-state-')));
  const store = new SubscriberStore(db, () => new Date());
  db.transaction(() => { for (let i = 0; i < count; i++) store.upsert(parseEmailAddress(`reader${i}@example.org`), 'confirmed', 'bench'); })();
  const mailer = await createSmtpMailer(config);
  const withOutbox = await timeIt(async () => {
    recordDigest(db, { number: 1, createdAt: new Date(), frequency: 'default', editions: [{ edition: 1, subject: digest.subject, html: digest.html, text: digest.text, articles: [] }] });
    enqueue(db, 1, store.list('confirmed').map((s) => ({ subscriberId: s.id, messageId: `<bench-${s.id}@example.org>`, edition: 1 })), new Date());
    await deliverQueued({
      db, digestNumber: 1, messages: queuedRows(db, 1), mailer, concurrency: 5, attempts: 1, retryDelayMs: 0, sleep: async () => {}, now: () => new Date(),
      compose: (m) => message(m.subscriberId - 1), onPermanentFailure: () => {}, onDelivered: () => {}, onProgress: () => {}, onRetry: () => {}, onDatabaseLocked: () => {},
    });
  });
  mailer.close();
  db.close();
  await sink.close();
  return { messages: count, nodemailerPerSecond: Math.round(count / plain), broadsheetPerSecond: Math.round(count / withOutbox), ratio: Number((plain / withOutbox).toFixed(2)) };
}
