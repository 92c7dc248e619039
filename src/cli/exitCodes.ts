/**
 * 1: done, but some input was rejected or some mail failed (each is reported); 2: nothing could be done
 * (bad config, bad usage, a folder that cannot be read): every error that stops a command is a 2.
 */
export const EXIT_PARTIAL = 1;
export const EXIT_FATAL = 2;
