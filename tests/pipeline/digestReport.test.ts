import { describe, expect, it } from 'vitest';
import { digestReportMail } from '../../src/pipeline/digestReport.js';
import type { DigestPass } from '../../src/pipeline/sendDigest.js';
import { testSite } from '../support/site.js';

const sent = (resumed: boolean, complete: boolean): DigestPass => ({ kind: 'sent', number: 4, subject: 'The Test Gazette: 3 new articles', frequency: 'default', editions: 1, resumed, complete, summary: { sent: 9, failed: 1, skipped: 0, deferred: complete ? 0 : 2 } });
const stats = { number: 4, createdAt: new Date('2026-11-25T08:00:00Z'), subject: 's', queued: 12, sent: 9, deferred: 2, failed: 1, hardBounces: 2, softBounces: 1, complaints: 1, unsubscribed: 3 };

describe('the report mail to email.reportTo', () => {
  it('comes after the first pass through the queue, and again only when the last deferred row is settled', () => {
    const first = digestReportMail({ scheduled: false, outcome: sent(false, false) }, stats, testSite());
    expect(first?.subject).toBe('The Test Gazette: digest 4 sent (9 sent, 1 failed)');
    expect(first?.text).toContain('  bounced      3 (hard 2, soft 1)\n  complained   1\n  unsubscribed 3');
    expect(digestReportMail({ scheduled: true, outcome: sent(true, false) }, stats, testSite())).toBeUndefined();
    expect(digestReportMail({ scheduled: true, outcome: sent(true, true) }, stats, testSite())?.subject).toBe('The Test Gazette: digest 4 finished (9 sent, 1 failed)');
  });

  it('tells of a scheduled digest skipped or failed, but not of a run a person started and saw', () => {
    expect(digestReportMail({ scheduled: true, outcome: { kind: 'nothing-new' } }, undefined, testSite())?.subject).toBe('The Test Gazette: no digest this time (no new articles since the last digest)');
    expect(digestReportMail({ scheduled: true, outcome: { kind: 'failed', error: 'connect ECONNREFUSED' } }, undefined, testSite())?.text).toContain('connect ECONNREFUSED');
    expect(digestReportMail({ scheduled: false, outcome: { kind: 'nothing-new' } }, undefined, testSite())).toBeUndefined();
  });
});
