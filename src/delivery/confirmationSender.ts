import { randomUUID } from 'node:crypto';
import type { ConfirmationMailer } from '../subscribers/subscriptions.js';
import { headerValue } from './composeMessage.js';
import type { EmailConfig, Mailer } from './smtpMailer.js';

/** Sends double opt-in mails through a Mailer, with the same From and Reply-To as the digest. */
export function confirmationSender(mailer: Mailer, email: EmailConfig, now: () => Date): ConfirmationMailer {
  const domain = email.from.address.slice(email.from.address.lastIndexOf('@') + 1);
  return {
    sendConfirmation: async (mail) => {
      await mailer.send({
        from: { name: headerValue(email.from.name), address: email.from.address },
        to: mail.to,
        ...(email.replyTo === undefined ? {} : { replyTo: email.replyTo }),
        subject: headerValue(mail.subject),
        date: now(),
        messageId: `<confirm-${randomUUID()}@${domain}>`,
        text: mail.text,
        html: mail.html,
      });
    },
  };
}
