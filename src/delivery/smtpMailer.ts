import { readFile } from 'node:fs/promises';
import type nodemailerModule from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import type { ResolvedConfig } from '../config/resolvedConfig.js';
import { BroadsheetError } from '../errors.js';

export interface Mailer {
  /** Resolves with the server's answer once it accepted the message; rejects with nodemailer's error. */
  send(message: Mail.Options): Promise<{ response: string }>;
  /** Ends the connections once their messages are done; `force`: at once, failing the messages in flight. */
  close(options?: { force: boolean }): void;
}

export type EmailConfig = ResolvedConfig['email'];

/** nodemailer's DKIM options from the config, the key read from its file; undefined when not configured. */
export async function dkimOptions(email: EmailConfig): Promise<{ domainName: string; keySelector: string; privateKey: string } | undefined> {
  if (email.dkim === undefined) return undefined;
  try {
    return { domainName: email.dkim.domainName, keySelector: email.dkim.keySelector, privateKey: await readFile(email.dkim.privateKeyPath, 'utf8') };
  } catch (error) {
    throw new BroadsheetError('CONFIG_INVALID', 'cannot read the DKIM private key.', {
      file: email.dkim.privateKeyPath,
      field: 'email.dkim.privateKeyPath',
      hint: 'Point it at a PEM file readable by broadsheet.',
      cause: error,
    });
  }
}

/**
 * nodemailer, loaded when a first message is made (~0.13 s to load): `help`, `subscribers list` and a `serve`
 * that has sent no confirmation yet never need it.
 */
export async function loadNodemailer(): Promise<typeof nodemailerModule> {
  return (await import('nodemailer')).default;
}

/** A pooled SMTP connection set from SMTP_URL (or email.smtpUrl), rate-limited as configured. */
export async function createSmtpMailer(email: EmailConfig): Promise<Mailer> {
  if (email.smtpUrl === undefined) {
    throw new BroadsheetError('CONFIG_INVALID', 'no SMTP server is configured.', {
      field: 'SMTP_URL',
      hint: 'Set the SMTP_URL environment variable (smtp://user:pass@host:587) or email.smtpUrl in the config.',
    });
  }
  const dkim = await dkimOptions(email);
  const nodemailer = await loadNodemailer();
  const transport = nodemailer.createTransport({
    url: email.smtpUrl,
    pool: true,
    maxConnections: email.maxConnections,
    ...(email.rateLimit > 0 ? { rateDelta: 1000, rateLimit: email.rateLimit } : {}),
    ...(dkim === undefined ? {} : { dkim }),
    // nodemailer waits up to 10 minutes a try by default: a stalled server would hang the whole send.
    connectionTimeout: email.timeout * 1000,
    greetingTimeout: email.timeout * 1000,
    socketTimeout: email.timeout * 1000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  const server = serverOf(email.smtpUrl);
  return {
    send: async (message) => {
      try {
        const info = await transport.sendMail(message);
        return { response: String(info.response) };
      } catch (error) {
        throw explainConnectionFailure(error, server, email.timeout);
      }
    },
    close: (options) => transport.close(options),
  };
}

/** host:port of an SMTP URL, with nodemailer's default ports (465 for smtps, else 587). */
function serverOf(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  return `${url.hostname}:${url.port === '' ? (url.protocol === 'smtps:' ? '465' : '587') : url.port}`;
}

/**
 * A failure to reach the server said in words a publisher acts on, naming the server: nodemailer's own
 * ("connect ECONNREFUSED ::1:25", "Greeting never received") leave them guessing. The error keeps its
 * code, so it is still classified (temporary) as before.
 */
function explainConnectionFailure(error: unknown, server: string, timeout: number): unknown {
  if (!(error instanceof Error)) return error;
  const { code, address, port } = error as Error & { code?: string; address?: string; port?: number };
  if (error.message.includes('ECONNREFUSED')) error.message = `connection refused to ${address !== undefined && port !== undefined ? `${address.includes(':') ? `[${address}]` : address}:${port}` : server}`;
  else if (code === 'ETIMEDOUT') error.message = `no answer from ${server} within ${timeout} s (email.timeout): ${error.message}`;
  return error;
}

export type FailureKind = 'temporary' | 'permanent' | 'fatal';

/**
 * What a failed send means for the rest of the run (RFC 5321 section 4.2.1). A 5xx for the recipient or
 * the message is permanent for that subscriber. A 5xx anywhere else (the sender refused, authentication,
 * TLS) says nothing about the recipient: it would fail every message the same way, so it stops the run
 * before it marks the whole list bounced. 4xx answers and lost connections are temporary.
 */
export function classifySmtpFailure(error: unknown): FailureKind {
  const { responseCode, code, command } = error as { responseCode?: number; code?: string; command?: string };
  if (code === 'EAUTH' || code === 'ETLS' || code === 'EOAUTH2') return 'fatal';
  if (typeof responseCode !== 'number' || responseCode < 500) return 'temporary';
  return /^(RCPT|DATA)/i.test(command ?? '') ? 'permanent' : 'fatal';
}
