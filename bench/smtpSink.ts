import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A local SMTP sink that accepts and discards, so the figures are about the sender; with `delayMs`, it
 * answers each message that much later, as a remote relay does.
 */
export async function startSink(delayMs = 0): Promise<{ url: string; count: () => number; close: () => Promise<void> }> {
  let accepted = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const accept = () => {
        accepted++;
        callback();
      };
      stream.on('data', () => {});
      stream.on('end', () => (delayMs === 0 ? accept() : setTimeout(accept, delayMs)));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, count: () => accepted, close: () => new Promise((r) => server.close(() => r())) };
}
