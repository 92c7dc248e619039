import type { AddressInfo } from 'node:net';
import { listenFailed } from '../io/systemErrors.js';
import type { Logger } from '../log/logger.js';
import type { InboundMail } from './readReportMail.js';

export interface InboundSmtpOptions {
  host: string;
  port: number;
  /** Recipients at this domain are taken; any other is refused, so the listener is nobody's relay. */
  domain: string;
  handle: (mail: InboundMail) => Promise<unknown>;
  logger: Logger;
}

/** Bounce reports are small; a returned message with attachments rarely passes a few megabytes. */
const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/**
 * The SMTP listener for the bounce domain (smtp-server): the MX of that domain, or the relay's
 * forwarding, points at it. A mail is answered 250 once its reports are recorded, and 451 when that
 * failed, so the sending MTA tries again (a report recorded twice counts once). No AUTH: nobody sends
 * through it. No STARTTLS: smtp-server would offer it with the certificate it ships, whose key is public.
 */
export async function startInboundSmtp(options: InboundSmtpOptions): Promise<{ port: number; close(): Promise<void> }> {
  const domain = options.domain.toLowerCase();
  // Loaded only when a listener is configured (it brings nodemailer's SMTP code).
  const { SMTPServer } = await import('smtp-server');
  const server = new SMTPServer({
    name: domain,
    banner: 'broadsheet reports',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.toLowerCase().endsWith(`@${domain}`)) callback();
      else callback(Object.assign(new Error(`5.7.1 <${address.address}>: this server takes mail for ${domain} only`), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded === true) {
          callback(Object.assign(new Error('5.3.4 Message too big'), { responseCode: 552 }));
          return;
        }
        const mail = { raw: Buffer.concat(chunks), envelopeTo: session.envelope.rcptTo.map((r) => r.address) };
        options.handle(mail).then(
          () => callback(),
          (error: unknown) => {
            options.logger.log('error', 'inbound.failed', { error: error instanceof Error ? error.message : String(error) });
            callback(Object.assign(new Error('4.3.0 Could not record the report, try again later'), { responseCode: 451 }));
          },
        );
      });
    },
  });
  server.on('error', (error) => options.logger.log('warn', 'inbound.smtp-error', { error: error.message }));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', (error: Error) => reject(listenFailed(error, { host: options.host, port: options.port, field: 'inbound.port' })));
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  options.logger.log('info', 'inbound.listening', { host: options.host, port, domain });
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
