import type { Logger } from '../log/logger.js';
import type { ConfirmationRun } from './confirmationSender.js';

export interface BackgroundConfirmations {
  /** Sends what is queued now, or right after the run in progress. */
  wake(): void;
  /** Takes no new work; resolves when the run in progress is over (close the mailer first to end it). */
  stop(): Promise<void>;
}

/** A server that did not answer is tried again after a minute; the person is waiting for this mail. */
const RETRY_MS = 60_000;

/**
 * The confirmation mails of `serve` and `start`, sent beside the web requests that queue them: one run at
 * a time, woken by each new mail, and again after RETRY_MS (or when the sending limit has room) while
 * mails wait. Timers are unref'd: they never keep a stopping process alive.
 */
export function backgroundConfirmations(send: () => Promise<ConfirmationRun>, logger: Logger, now: () => Date): BackgroundConfirmations {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const runOnce = async (): Promise<void> => {
    const run = await send().catch((error: unknown): ConfirmationRun => ({ sent: 0, failed: [], waiting: { reason: error instanceof Error ? error.message : String(error), until: undefined } }));
    if (run.sent > 0) logger.log('info', 'confirmation.sent', { count: run.sent });
    for (const failure of run.failed) logger.log('warn', 'confirmation.failed', { to: failure.to, reason: failure.reason });
    if (run.waiting === undefined || stopped) return;
    const delay = run.waiting.until === undefined ? RETRY_MS : Math.max(1000, run.waiting.until.getTime() - now().getTime());
    logger.log('warn', 'confirmation.waiting', { reason: run.waiting.reason, retryInSeconds: Math.round(delay / 1000) });
    clearTimeout(retry);
    retry = setTimeout(wake, delay).unref();
  };
  function wake(): void {
    if (stopped) return;
    if (running !== undefined) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await runOnce();
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
    });
  }
  return {
    wake,
    stop: async () => {
      stopped = true;
      clearTimeout(retry);
      await running;
    },
  };
}
