import cron from 'node-cron';
import type { ScheduledTask } from 'node-cron';
import type { ResolvedConfig } from '../config/resolvedConfig.js';
import type { Logger } from '../log/logger.js';
import type { Job } from './singleFlight.js';
import { singleFlight } from './singleFlight.js';

export interface SchedulerJobs {
  scan: (stop: AbortSignal) => Promise<void>;
  /** One frequency's digest (a name of digest.frequencies). */
  sendDigest: (stop: AbortSignal, frequency: string) => Promise<void>;
  /** Retries the messages earlier digests left queued (schedule.retry). */
  retryDeferred: (stop: AbortSignal) => Promise<void>;
  /** Reads the inbound Maildir (inbound.maildir) every minute, when there is one. */
  readInbound?: (stop: AbortSignal) => Promise<void>;
}

export interface Scheduler {
  /** `digests`: one job per frequency, by name. */
  jobs: { scan: Job; digests: ReadonlyMap<string, Job>; retry: Job; inbound: Job | undefined };
  /** Stops the timers, tells a running job to stop taking new work, and waits for it to finish. */
  stop(): Promise<void>;
}

/**
 * node-cron timers for the content scan, each frequency's digest (`frequencies`: name -> cron) and the
 * retries, in the configured time zone (every expression was checked when the config was read).
 */
export function startScheduler(schedule: ResolvedConfig['schedule'], frequencies: Readonly<Record<string, string>>, work: SchedulerJobs, logger: Logger): Scheduler {
  const stopping = new AbortController();
  const inbound = work.readInbound === undefined ? undefined : singleFlight('inbound', work.readInbound, stopping.signal, logger);
  // The digests and their retries send from one queue (under one lease), so they never overlap (a row could
  // go out twice): frequencies due at the same minute send one after the other, a digest due while a retry
  // runs waits for it, and a retry due while a digest runs is skipped, as the digest retries every queued row first.
  let sending: Promise<void> = Promise.resolve();
  const inTurn = (send: () => Promise<void>): Promise<void> => {
    const turn = sending.then(send);
    sending = turn.catch(() => {});
    return turn;
  };
  const digests = new Map(
    Object.keys(frequencies).map((name): [string, Job] => [
      name,
      singleFlight(`digest:${name}`, (stop) => inTurn(async () => {
        await retry.idle();
        await work.sendDigest(stop, name);
      }), stopping.signal, logger),
    ]),
  );
  const retry: Job = singleFlight('retry', async (stop) => {
    if ([...digests.values()].some((job) => job.busy())) logger.log('info', 'job.skipped', { job: 'retry', reason: 'a digest is sending' });
    else await work.retryDeferred(stop);
  }, stopping.signal, logger);
  const jobs = { scan: singleFlight('scan', work.scan, stopping.signal, logger), digests, retry, inbound };
  const tasks: ScheduledTask[] = [
    cron.schedule(schedule.scan, () => jobs.scan.run(), { timezone: schedule.timezone, name: 'scan' }),
    ...[...digests].map(([name, job]) => cron.schedule(frequencies[name] as string, () => job.run(), { timezone: schedule.timezone, name: `digest:${name}` })),
    cron.schedule(schedule.retry, () => jobs.retry.run(), { timezone: schedule.timezone, name: 'retry' }),
    ...(inbound === undefined ? [] : [cron.schedule('* * * * *', () => inbound.run(), { timezone: schedule.timezone, name: 'inbound' })]),
  ];
  logger.log('info', 'scheduler.started', { scan: schedule.scan, digest: Object.entries(frequencies).map(([name, cron]) => `${name} ${cron}`).join(', '), retry: schedule.retry, timezone: schedule.timezone });
  return {
    jobs,
    async stop() {
      for (const task of tasks) await task.stop();
      stopping.abort();
      await Promise.all([jobs.scan.idle(), ...[...digests.values()].map((job) => job.idle()), jobs.retry.idle(), inbound?.idle()]);
      logger.log('info', 'scheduler.stopped');
    },
  };
}
