import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface SinkBehaviour {
  /** Answer the next N messages with this temporary failure (421 or 451) instead of accepting them. */
  failNext?: { count: number; code: 421 | 451 };
  /** Refuse these recipients permanently (550) at RCPT TO. */
  reject?: string[];
  /** Refuse the sender (550 at MAIL FROM), as a server does with an unauthorised From address. */
  rejectSender?: boolean;
  /** Wait this long before answering MAIL FROM: a sender killed meanwhile has handed nothing over. */
  mailFromDelayMs?: number;
  /** Answer 451 at RCPT TO for these recipients, every time (a mailbox that defers for ever). */
  deferAlways?: string[];
  /** Accept connections but never send the greeting (a stalled server). */
  stallGreeting?: boolean;
  /** Called as each message is accepted, before the client hears the 250. */
  onAccepted?: (mail: ReceivedMail) => void;
}

/** A real SMTP server on 127.0.0.1 (smtp-server), recording what it accepts; misbehaves on request. */
export async function startSmtpSink(behaviour: SinkBehaviour = {}) {
  const received: ReceivedMail[] = [];
  const state = { ...behaviour, failNext: behaviour.failNext === undefined ? undefined : { ...behaviour.failNext } };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // A stalled or killed client's connection must not hold the test's clean-up for the default 30 s.
    closeTimeout: 100,
    onConnect(_session, callback) {
      if (state.stallGreeting !== true) callback();
    },
    onMailFrom(_address, _session, callback) {
      if (state.rejectSender === true) callback(Object.assign(new Error('5.7.1 Sender not allowed'), { responseCode: 550 }));
      else if (state.mailFromDelayMs === undefined) callback();
      else setTimeout(callback, state.mailFromDelayMs);
    },
    onRcptTo(address, _session, callback) {
      if (state.reject?.includes(address.address.toLowerCase())) {
        callback(Object.assign(new Error('5.1.1 No such mailbox'), { responseCode: 550 }));
      } else if (state.deferAlways?.includes(address.address.toLowerCase())) {
        callback(Object.assign(new Error('4.2.1 Mailbox busy, try again later'), { responseCode: 451 }));
      } else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (state.failNext !== undefined && state.failNext.count > 0) {
          state.failNext.count -= 1;
          callback(Object.assign(new Error('4.3.0 Try again later'), { responseCode: state.failNext.code }));
          return;
        }
        const mail = {
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        };
        received.push(mail);
        state.onAccepted?.(mail);
        callback();
      });
    },
  });
  // A client killed mid-session (kill -9 tests) resets its connection: that is the test, not a failure.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Change how it behaves from now on. */
    behaviour: state,
    recipients: () => received.flatMap((mail) => mail.to).sort(),
    /** Who received digest `n` (by its Message-ID), once per message. */
    recipientsOfDigest: (n: number) => received.filter((mail) => new RegExp(`^Message-ID: <digest-${n}\\.`, 'm').test(mail.raw)).flatMap((mail) => mail.to).sort(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
