import type { Logger } from '../log/logger.js';

export interface Job {
  /** Runs the job unless a run is still going (this tick is then skipped and logged) or the scheduler stopped. */
  run(): Promise<void>;
  /** Resolves when no run is going. */
  idle(): Promise<void>;
  /** Whether a run is going now. */
  busy(): boolean;
}

/** `work` gets the scheduler's stop signal: a long job (a digest to thousands) ends early when it fires. */
export function singleFlight(name: string, work: (stop: AbortSignal) => Promise<void>, stop: AbortSignal, logger: Logger): Job {
  let running: Promise<void> | undefined;
  return {
    run() {
      if (stop.aborted) return Promise.resolve();
      if (running !== undefined) {
        logger.log('warn', 'job.skipped', { job: name, reason: 'previous run still going' });
        return Promise.resolve();
      }
      const started = Date.now();
      running = work(stop)
        .then(() => logger.log('info', 'job.finished', { job: name, ms: Date.now() - started }))
        .catch((error: unknown) => logger.log('error', 'job.failed', { job: name, error: error instanceof Error ? error.message : String(error) }))
        .finally(() => {
          running = undefined;
        });
      return running;
    },
    idle: () => running ?? Promise.resolve(),
    busy: () => running !== undefined,
  };
}
