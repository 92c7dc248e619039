import { setTimeout } from 'node:timers/promises';

/** Waits `ms`, or less when `signal` aborts first: a service told to stop must not wait out a retry delay. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  // The only rejection is the abort, which is an early end of the wait, not an error.
  return setTimeout(ms, undefined, { signal }).catch(() => undefined);
}
