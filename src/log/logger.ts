import { printable } from '../errors.js';

export type LogLevel = 'info' | 'warn' | 'error';

export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  log(level: LogLevel, event: string, fields?: LogFields): void;
}

/**
 * One line per event: JSON for log collectors when the stream is not a terminal, `time level event k=v`
 * for a person watching it.
 */
export function streamLogger(stream: NodeJS.WritableStream & { isTTY?: boolean }, now: () => Date = () => new Date()): Logger {
  return {
    log(level, event, logged = {}) {
      const time = now().toISOString();
      // Values come from input (file names, addresses, mail): one with a newline or an ANSI escape must not
      // fake a line or run in a terminal, so control characters are `\xNN` in both forms.
      const fields = Object.fromEntries(Object.entries(logged).map(([k, v]) => [k, typeof v === 'string' ? printable(v) : v]));
      if (stream.isTTY === true) {
        const pairs = Object.entries(fields).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${String(v)}`);
        stream.write(`${time} ${level.padEnd(5)} ${event}${pairs.length > 0 ? ` ${pairs.join(' ')}` : ''}\n`);
      } else {
        stream.write(`${JSON.stringify({ time, level, event, ...fields })}\n`);
      }
    },
  };
}

export const silentLogger: Logger = { log: () => {} };
