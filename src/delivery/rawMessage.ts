import { readFile } from 'node:fs/promises';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import type { ResolvedConfig } from '../config/resolvedConfig.js';

/** The complete RFC 5322 message nodemailer would send (CRLF line ends, DKIM-signed when configured). */
export async function renderRawMessage(options: Mail.Options, email: ResolvedConfig['email']): Promise<Buffer> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const dkim = email.dkim === undefined ? undefined : { ...email.dkim, privateKey: await readFile(email.dkim.privateKeyPath, 'utf8') };
  const info = await transport.sendMail({ ...options, ...(dkim === undefined ? {} : { dkim }) });
  return info.message as Buffer;
}
