import cron from 'node-cron';
import type { ScheduledTask } from 'node-cron';
import type { ResolvedConfig } from '../config/resolvedConfig.js';
import { BroadsheetError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { Job } from './singleFlight.js';
import { singleFlight } from './singleFlight.js';

export interface SchedulerJobs {
  scan: (stop: AbortSignal) => Promise<void>;
  sendDigest: (stop: AbortSignal) => Promise<void>;
  /** Retries the messages earlier digests left queued (schedule.retry). */
  retryDeferred: (stop: AbortSignal) => Promise<void>;
  /** Reads the inbound Maildir (inbound.maildir) every minute, when there is one. */
  readInbound?: (stop: AbortSignal) => Promise<void>;
}

export interface Scheduler {
  jobs: { scan: Job; digest: Job; retry: Job; inbound: Job | undefined };
  /** Stops the timers, tells a running job to stop taking new work, and waits for it to finish. */
  stop(): Promise<void>;
}

/** node-cron timers for the content scan, the digest and its retries, in the configured time zone. */
export function startScheduler(schedule: ResolvedConfig['schedule'], work: SchedulerJobs, logger: Logger): Scheduler {
  for (const [key, expression] of [['schedule.scan', schedule.scan], ['schedule.digest', schedule.digest], ['schedule.retry', schedule.retry]] as const) {
    if (!cron.validate(expression)) {
      throw new BroadsheetError('CONFIG_INVALID', `"${expression}" is not a cron expression.`, { field: key, hint: 'Use five fields: minute hour day month weekday, e.g. "0 8 * * 1".' });
    }
  }
  const stopping = new AbortController();
  const inbound = work.readInbound === undefined ? undefined : singleFlight('inbound', work.readInbound, stopping.signal, logger);
  // The digest and its retries send from one queue, so they never overlap (a row could go out twice): a
  // digest due while a retry runs waits for it; a retry due while the digest runs is skipped, as the
  // digest retries every queued row first.
  const digest: Job = singleFlight('digest', async (stop) => {
    await retry.idle();
    await work.sendDigest(stop);
  }, stopping.signal, logger);
  const retry: Job = singleFlight('retry', async (stop) => {
    if (digest.busy()) logger.log('info', 'job.skipped', { job: 'retry', reason: 'the digest is sending' });
    else await work.retryDeferred(stop);
  }, stopping.signal, logger);
  const jobs = { scan: singleFlight('scan', work.scan, stopping.signal, logger), digest, retry, inbound };
  const tasks: ScheduledTask[] = [
    cron.schedule(schedule.scan, () => jobs.scan.run(), { timezone: schedule.timezone, name: 'scan' }),
    cron.schedule(schedule.digest, () => jobs.digest.run(), { timezone: schedule.timezone, name: 'digest' }),
    cron.schedule(schedule.retry, () => jobs.retry.run(), { timezone: schedule.timezone, name: 'retry' }),
    ...(inbound === undefined ? [] : [cron.schedule('* * * * *', () => inbound.run(), { timezone: schedule.timezone, name: 'inbound' })]),
  ];
  logger.log('info', 'scheduler.started', { scan: schedule.scan, digest: schedule.digest, retry: schedule.retry, timezone: schedule.timezone });
  return {
    jobs,
    async stop() {
      for (const task of tasks) await task.stop();
      stopping.abort();
      await Promise.all([jobs.scan.idle(), jobs.digest.idle(), jobs.retry.idle(), inbound?.idle()]);
      logger.log('info', 'scheduler.stopped');
    },
  };
}
