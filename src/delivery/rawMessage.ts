import type Mail from 'nodemailer/lib/mailer/index.js';
import type { EmailConfig } from './smtpMailer.js';
import { dkimOptions, loadNodemailer } from './smtpMailer.js';

/** The complete RFC 5322 message nodemailer would send (CRLF line ends, DKIM-signed when configured). */
export async function renderRawMessage(options: Mail.Options, email: EmailConfig): Promise<Buffer> {
  const transport = (await loadNodemailer()).createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const dkim = await dkimOptions(email);
  const info = await transport.sendMail({ ...options, ...(dkim === undefined ? {} : { dkim }) });
  return info.message as Buffer;
}
