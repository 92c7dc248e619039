import { randomUUID } from 'node:crypto';
import type { ConfirmationMailer } from '../subscribers/subscriptions.js';
import { BroadsheetError } from '../errors.js';
import { composeMessage } from './composeMessage.js';
import type { SendAllowance } from './sendAllowance.js';
import type { EmailConfig, Mailer } from './smtpMailer.js';

/**
 * Sends double opt-in mails through a Mailer, with the same From and Reply-To as the digest. They count
 * towards email.hourlyLimit / dailyLimit; one that finds the allowance spent is refused, not held: the
 * person is waiting for it now, and can ask again.
 */
export function confirmationSender(mailer: Mailer, email: EmailConfig, now: () => Date, allowance?: SendAllowance): ConfirmationMailer {
  const domain = email.from.address.slice(email.from.address.lastIndexOf('@') + 1);
  return {
    sendConfirmation: async (mail) => {
      const until = allowance?.take(now(), 'confirmation');
      if (until !== undefined) {
        throw new BroadsheetError('DELIVERY_FAILED', `the sending limit is reached until ${until.toISOString()}.`, {
          field: 'email.hourlyLimit',
          hint: 'Try again after that time, or raise email.hourlyLimit / email.dailyLimit if your relay allows more.',
        });
      }
      await mailer.send(composeMessage({ ...mail, unsubscribeUrl: undefined, messageId: `<confirm-${randomUUID()}@${domain}>`, date: now() }, email));
    },
  };
}
