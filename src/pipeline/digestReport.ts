import type { ResolvedConfig } from '../config/resolvedConfig.js';
import { composeMail } from '../delivery/composeMessage.js';
import type { Mailer } from '../delivery/smtpMailer.js';
import type { Db } from '../store/database.js';
import type { DigestStats } from '../store/digestStats.js';
import { statsOfDigest } from '../store/digestStats.js';
import type { DigestPass, SendReport } from './sendDigest.js';

/** What one report mail is about: a digest's pass through its queue, a scheduled digest skipped, a run that failed. */
export type ReportedOutcome = DigestPass | Exclude<SendReport, { kind: 'sent' }> | { kind: 'failed'; error: string };

/** How a digest run ended, and whether the scheduler started it (a person at a terminal sees the rest). */
export interface DigestRun {
  scheduled: boolean;
  outcome: ReportedOutcome;
}

/** A run's outcomes, one per report mail it may call for: each digest it passed through, and a new digest skipped. */
export function reportedOutcomes(report: SendReport | { kind: 'failed'; error: string }): ReportedOutcome[] {
  if (report.kind !== 'sent') return [report];
  const skipped: ReportedOutcome[] = report.newDigest === 'nothing-new' || report.newDigest === 'no-subscribers' ? [{ kind: report.newDigest }] : [];
  return [...report.passes, ...skipped];
}

/**
 * The publisher's report mail for a run, or undefined when it needs none: after a digest's first pass
 * through its queue, again when a later run settles its last deferred row, and for a scheduled digest
 * that was skipped (nothing new, nobody to send to) or failed.
 */
export function digestReportMail(run: DigestRun, stats: DigestStats | undefined, site: ResolvedConfig['site']): { subject: string; text: string } | undefined {
  const { outcome } = run;
  // A digest only queued (`--queue-only`, `start --no-send`) is reported by the run that sends it.
  if (outcome.kind === 'dry-run' || outcome.kind === 'nothing-waiting' || outcome.kind === 'queued') return undefined;
  if (outcome.kind === 'failed') {
    return run.scheduled ? { subject: `${site.title}: the scheduled digest failed`, text: `The scheduled digest could not be sent:\n\n${outcome.error}\n\nWhat was queued stays queued; \`broadsheet digest send\` resumes it.\n` } : undefined;
  }
  if (outcome.kind === 'nothing-new' || outcome.kind === 'no-subscribers') {
    if (!run.scheduled) return undefined;
    const why = outcome.kind === 'nothing-new' ? 'no new articles since the last digest' : 'no confirmed subscribers';
    return { subject: `${site.title}: no digest this time (${why})`, text: `The scheduled digest was skipped: ${why}.\n` };
  }
  if (outcome.resumed && !outcome.complete) return undefined;
  const s = stats;
  const lines =
    s === undefined
      ? []
      : [
          ['queued', s.queued],
          ['sent', s.sent],
          ['deferred', s.deferred],
          ['failed', s.failed],
          ['bounced', `${s.hardBounces + s.softBounces} (hard ${s.hardBounces}, soft ${s.softBounces})`],
          ['complained', s.complaints],
          ['unsubscribed', s.unsubscribed],
        ].map(([name, value]) => `  ${String(name).padEnd(13)}${String(value)}`);
  const stage = outcome.resumed ? 'its last deferred messages are settled' : outcome.complete ? 'sent' : 'first pass through its queue; some messages are deferred and will be retried';
  return {
    subject: `${site.title}: digest ${outcome.number} ${outcome.resumed ? 'finished' : 'sent'} (${s?.sent ?? outcome.summary.sent} sent, ${s?.failed ?? outcome.summary.failed} failed)`,
    text: [`Digest ${outcome.number} "${outcome.subject}": ${stage}.`, '', ...lines, '', '`broadsheet digest stats` shows every digest.', ''].join('\n'),
  };
}

/** Mails the reports to `email.reportTo`, when that is set and the run calls for them; returns how many went. */
export async function sendDigestReport(config: ResolvedConfig, deps: { db: Db; createMailer: () => Promise<Mailer>; now: () => Date }, scheduled: boolean, report: SendReport | { kind: 'failed'; error: string }): Promise<number> {
  const to = config.email.reportTo;
  if (to === undefined) return 0;
  const mails = reportedOutcomes(report).flatMap((outcome) => digestReportMail({ scheduled, outcome }, outcome.kind === 'sent' ? statsOfDigest(deps.db, outcome.number) : undefined, config.site) ?? []);
  if (mails.length === 0) return 0;
  const mailer = await deps.createMailer();
  try {
    for (const mail of mails) {
      await mailer.send(composeMail({ to, subject: mail.subject, text: mail.text, date: deps.now(), kind: 'report', headers: { 'Auto-Submitted': 'auto-generated' } }, config.email));
    }
  } finally {
    mailer.close();
  }
  return mails.length;
}
