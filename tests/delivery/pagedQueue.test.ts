import { afterEach, describe, expect, it } from 'vitest';
import { outboxCounts, QUEUE_PAGE_SIZE } from '../../src/delivery/outbox.js';
import { createSmtpMailer } from '../../src/delivery/smtpMailer.js';
import { sendDigest } from '../../src/pipeline/sendDigest.js';
import { openDatabase } from '../../src/store/database.js';
import { parseEmailAddress } from '../../src/subscribers/address.js';
import { SubscriberStore } from '../../src/subscribers/subscriberStore.js';
import { makeProject } from '../support/project.js';
import { startSmtpSink } from '../support/smtpSink.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** More confirmed readers than two pages of the outbox hold, and a send that can be stopped after `stopAfter` results. */
async function listOfPages() {
  const sink = await startSmtpSink();
  const project = await makeProject({ smtpUrl: sink.url, email: { maxConnections: 4 } });
  const db = openDatabase(project.config.paths.stateDir);
  cleanups.push(() => db.close(), () => sink.close());
  const store = new SubscriberStore(db, () => new Date());
  const everyone = Array.from({ length: 2 * QUEUE_PAGE_SIZE + 37 }, (_, i) => `reader${String(i).padStart(4, '0')}@example.org`);
  db.transaction(() => {
    for (const email of everyone) store.upsert(parseEmailAddress(email), 'confirmed', 'test');
  })();
  const send = (stopAfter?: number) => {
    const stop = new AbortController();
    return sendDigest(
      project.config,
      {
        db,
        createMailer: () => createSmtpMailer(project.config.email),
        now: () => new Date(),
        sleep: async () => {},
        displayRoot: project.dir,
        onProgress: (progress) => {
          if (progress.done === stopAfter) stop.abort();
        },
        stop: stop.signal,
      },
      { dryRun: false },
    );
  };
  return { sink, db, everyone, send };
}

describe('a digest to more readers than one page of the outbox', () => {
  it('reaches every reader once, page after page', async () => {
    const { sink, db, everyone, send } = await listOfPages();
    expect(await send()).toMatchObject({ kind: 'sent', passes: [{ number: 1, complete: true, summary: { sent: everyone.length, failed: 0, skipped: 0, deferred: 0 } }] });
    expect(sink.recipientsOfDigest(1)).toEqual(everyone);
    expect(outboxCounts(db, 1)).toEqual({ queued: 0, sent: everyone.length, failed: 0, skipped: 0 });
  });

  it('stopped in its second page, resumes with the rest and mails no one twice', async () => {
    const { sink, db, everyone, send } = await listOfPages();
    const first = await send(QUEUE_PAGE_SIZE + 10);
    expect(first).toMatchObject({ kind: 'sent', passes: [{ number: 1, complete: false }] });
    const sentFirst = outboxCounts(db, 1).sent;
    expect(sentFirst).toBeGreaterThanOrEqual(QUEUE_PAGE_SIZE + 10);
    expect(sentFirst).toBeLessThan(everyone.length);
    expect(await send()).toMatchObject({ kind: 'sent', passes: [{ number: 1, resumed: true, complete: true, summary: { sent: everyone.length - sentFirst } }] });
    expect(sink.recipientsOfDigest(1)).toEqual(everyone);
  });
});
