import type { DeliveryProgress } from '../delivery/deliverQueued.js';

/** A bar redrawn in place on a terminal; a plain line at most once a second (and at the end) otherwise. */
export function progressReporter(stream: NodeJS.WriteStream, now: () => number = Date.now): (progress: DeliveryProgress) => void {
  const counts = { sent: 0, failed: 0, skipped: 0, deferred: 0 };
  let lastLine = 0;
  return (progress) => {
    counts[progress.outcome] += 1;
    if (progress.outcome === 'failed') stream.write(`${stream.isTTY ? '\n' : ''}failed ${progress.email}: ${progress.response}\n`);
    const tally = `${progress.done}/${progress.total} (sent ${counts.sent}, failed ${counts.failed}, skipped ${counts.skipped}, deferred ${counts.deferred})`;
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round((progress.done / progress.total) * width);
      stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${tally}${progress.done === progress.total ? '\n' : ''}`);
    } else if (progress.done === progress.total || now() - lastLine >= 1000) {
      lastLine = now();
      stream.write(`progress ${tally}\n`);
    }
  };
}

/** One line for each wait of a send: a message to be retried and why, the state database locked by another process. */
export function waitReporter(stream: NodeJS.WriteStream): { onRetry: (retry: { email: string; response: string; delayMs: number }) => void; onDatabaseLocked: (waitedMs: number) => void } {
  const line = (text: string) => stream.write(`${stream.isTTY ? '\n' : ''}${text}\n`);
  return {
    onRetry: ({ email, response, delayMs }) => line(`retrying ${email} in ${delayMs / 1000} s: ${response}`),
    onDatabaseLocked: (waitedMs) => line(`the state database is locked by another process; waiting to record the last result (${Math.round(waitedMs / 1000)} s so far)`),
  };
}
