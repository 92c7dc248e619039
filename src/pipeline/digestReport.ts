import type { ResolvedConfig } from '../config/resolvedConfig.js';
import { composeMail } from '../delivery/composeMessage.js';
import type { Mailer } from '../delivery/smtpMailer.js';
import type { Db } from '../store/database.js';
import type { DigestStats } from '../store/digestStats.js';
import { statsOfDigest } from '../store/digestStats.js';
import type { SendReport } from './sendDigest.js';

/** How a digest run ended, and whether the scheduler started it (a person at a terminal sees the rest). */
export interface DigestRun {
  scheduled: boolean;
  outcome: SendReport | { kind: 'failed'; error: string };
}

/**
 * The publisher's report mail for a run, or undefined when it needs none: after a digest's first pass
 * through its queue, again when a later run settles its last deferred row, and for a scheduled digest
 * that was skipped (nothing new, nobody to send to) or failed.
 */
export function digestReportMail(run: DigestRun, stats: DigestStats | undefined, site: ResolvedConfig['site']): { subject: string; text: string } | undefined {
  const { outcome } = run;
  if (outcome.kind === 'dry-run') return undefined;
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

/** Mails the report to `email.reportTo`, when that is set and the run calls for one. */
export async function sendDigestReport(config: ResolvedConfig, deps: { db: Db; createMailer: () => Promise<Mailer>; now: () => Date }, run: DigestRun): Promise<boolean> {
  const to = config.email.reportTo;
  if (to === undefined) return false;
  const number = run.outcome.kind === 'sent' ? run.outcome.number : undefined;
  const mail = digestReportMail(run, number === undefined ? undefined : statsOfDigest(deps.db, number), config.site);
  if (mail === undefined) return false;
  const mailer = await deps.createMailer();
  try {
    await mailer.send(composeMail({ to, subject: mail.subject, text: mail.text, date: deps.now(), kind: 'report', headers: { 'Auto-Submitted': 'auto-generated' } }, config.email));
  } finally {
    mailer.close();
  }
  return true;
}
