import type { ErrorCode } from '../errors.js';

/** 1: some input was rejected but the rest went through; 2: nothing could be done (bad config, bad usage). */
export const EXIT_PARTIAL = 1;
export const EXIT_FATAL = 2;

export function exitCodeFor(code: ErrorCode): number {
  return code.startsWith('CONTENT_') ? EXIT_PARTIAL : EXIT_FATAL;
}
