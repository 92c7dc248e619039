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
  /** Reads the inbound Maildir (inbound.maildir) every minute, when there is one. */
  readInbound?: (stop: AbortSignal) => Promise<void>;
}

export interface Scheduler {
  jobs: { scan: Job; digest: Job; inbound: Job | undefined };
  /** Stops the timers, tells a running job to stop taking new work, and waits for it to finish. */
  stop(): Promise<void>;
}

/** node-cron timers for the content scan and the digest, in the configured time zone. */
export function startScheduler(schedule: ResolvedConfig['schedule'], work: SchedulerJobs, logger: Logger): Scheduler {
  for (const [key, expression] of [['schedule.scan', schedule.scan], ['schedule.digest', schedule.digest]] as const) {
    if (!cron.validate(expression)) {
      throw new BroadsheetError('CONFIG_INVALID', `"${expression}" is not a cron expression.`, { field: key, hint: 'Use five fields: minute hour day month weekday, e.g. "0 8 * * 1".' });
    }
  }
  const stopping = new AbortController();
  const inbound = work.readInbound === undefined ? undefined : singleFlight('inbound', work.readInbound, stopping.signal, logger);
  const jobs = { scan: singleFlight('scan', work.scan, stopping.signal, logger), digest: singleFlight('digest', work.sendDigest, stopping.signal, logger), inbound };
  const tasks: ScheduledTask[] = [
    cron.schedule(schedule.scan, () => jobs.scan.run(), { timezone: schedule.timezone, name: 'scan' }),
    cron.schedule(schedule.digest, () => jobs.digest.run(), { timezone: schedule.timezone, name: 'digest' }),
    ...(inbound === undefined ? [] : [cron.schedule('* * * * *', () => inbound.run(), { timezone: schedule.timezone, name: 'inbound' })]),
  ];
  logger.log('info', 'scheduler.started', { scan: schedule.scan, digest: schedule.digest, timezone: schedule.timezone });
  return {
    jobs,
    async stop() {
      for (const task of tasks) await task.stop();
      stopping.abort();
      await Promise.all([jobs.scan.idle(), jobs.digest.idle(), inbound?.idle()]);
      logger.log('info', 'scheduler.stopped');
    },
  };
}
