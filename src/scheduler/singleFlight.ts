import type { Logger } from '../log/logger.js';

export interface Job {
  /** Runs the job unless a run is still going, in which case this tick is skipped (and logged). */
  run(): Promise<void>;
  /** Resolves when no run is going. */
  idle(): Promise<void>;
}

export function singleFlight(name: string, work: () => Promise<void>, logger: Logger): Job {
  let running: Promise<void> | undefined;
  return {
    run() {
      if (running !== undefined) {
        logger.log('warn', 'job.skipped', { job: name, reason: 'previous run still going' });
        return Promise.resolve();
      }
      const started = Date.now();
      running = work()
        .then(() => logger.log('info', 'job.finished', { job: name, ms: Date.now() - started }))
        .catch((error: unknown) => logger.log('error', 'job.failed', { job: name, error: error instanceof Error ? error.message : String(error) }))
        .finally(() => {
          running = undefined;
        });
      return running;
    },
    idle: () => running ?? Promise.resolve(),
  };
}
