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
    log(level, event, fields = {}) {
      const time = now().toISOString();
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
