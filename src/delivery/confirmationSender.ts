import { composeMail } from './composeMessage.js';
import type { ConfirmationQueue } from './confirmationQueue.js';
import type { SendAllowance } from './sendAllowance.js';
import type { EmailConfig, Mailer } from './smtpMailer.js';
import { classifySmtpFailure } from './smtpMailer.js';

export interface ConfirmationRun {
  sent: number;
  /** Refused for good (5xx for the recipient) or expired before it could go. */
  failed: { to: string; reason: string }[];
  /** Why mails are still queued, and when to try again (undefined: as soon as the server may answer). */
  waiting: { reason: string; until: Date | undefined } | undefined;
}

/**
 * Sends the queued double opt-in mails (or only the one `only` names) with the same From and Reply-To as
 * the digest. They count towards email.hourlyLimit / dailyLimit: with the allowance spent they wait. A
 * server that cannot be reached leaves them all queued; a temporary refusal of one address leaves that
 * one queued and goes on; a permanent one fails it. A mail whose link has expired is not sent.
 */
export async function sendConfirmations(
  queue: ConfirmationQueue,
  mailer: Mailer,
  email: EmailConfig,
  clock: { now: () => Date; allowance?: SendAllowance | undefined; only?: number },
): Promise<ConfirmationRun> {
  const run: ConfirmationRun = { sent: 0, failed: [], waiting: undefined };
  for (const mail of queue.queued(clock.only)) {
    if (!queue.claim(mail.id)) continue;
    if (mail.expiresAt < clock.now()) {
      queue.settle(mail.id, 'failed', 'the link expired before the mail could be sent');
      run.failed.push({ to: mail.to, reason: 'the link expired before the mail could be sent' });
      continue;
    }
    const until = clock.allowance?.take(clock.now(), 'confirmation');
    if (until !== undefined) {
      queue.release(mail.id, `sending limit reached until ${until.toISOString()}`, false);
      run.waiting = { reason: `the sending limit (email.hourlyLimit / email.dailyLimit) is reached until ${until.toISOString()}`, until };
      break;
    }
    try {
      const { response } = await mailer.send(composeMail({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, date: clock.now(), kind: 'confirm' }, email));
      queue.settle(mail.id, 'sent', response);
      run.sent += 1;
    } catch (error) {
      const reason = (error as Error).message;
      const kind = classifySmtpFailure(error);
      if (kind === 'permanent') {
        queue.settle(mail.id, 'failed', reason);
        run.failed.push({ to: mail.to, reason });
        continue;
      }
      queue.release(mail.id, reason, true);
      run.waiting = { reason, until: undefined };
      // No SMTP answer at all (refused, timed out, dropped) or a refusal of the sender: the next mail would
      // meet the same. A 4xx for one recipient (greylisting) holds up nobody else.
      if (kind === 'fatal' || typeof (error as { responseCode?: unknown }).responseCode !== 'number') break;
    }
  }
  return run;
}
