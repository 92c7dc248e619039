import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import { renderRawMessage } from './rawMessage.js';
import type { EmailConfig, Mailer } from './smtpMailer.js';

/** The names the inbox gives its messages: the time they were sent, then random, so they sort by time. */
export const INBOX_MESSAGE = /^\d{13}-[0-9a-f]{8}\.eml$/;

/**
 * A mailer that delivers nothing: each message, exactly as it would be sent, is kept as an .eml file in
 * `dir` (the dev server's inbox). `broadsheet dev` mails through this alone, so a test subscription never
 * reaches the address typed into the form.
 */
export function inboxMailer(dir: string, email: EmailConfig, now: () => Date, onStored: (name: string) => void): Mailer {
  return {
    send: async (message) => {
      const name = `${String(now().getTime()).padStart(13, '0')}-${randomBytes(4).toString('hex')}.eml`;
      writeFileAtomic(join(dir, name), await renderRawMessage(message, email));
      onStored(name);
      return { response: `250 kept in the dev inbox as ${name}` };
    },
    close: () => undefined,
  };
}
