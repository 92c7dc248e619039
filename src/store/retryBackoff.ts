/**
 * When `start` tries again what a server did not take (a WebSub hub's publish ping, a subscriber's content
 * delivery): the first retry after a minute, then twice as long each time, at most an hour apart, and not
 * after a day: by then the other side polls, and the next change is sent anyway.
 */
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 3_600_000;
const GIVE_UP_AFTER_MS = 86_400_000;

/** When the next try is due, after `attempts` failed tries (1 after the first failure). */
export function nextRetryAt(now: Date, attempts: number): Date {
  return new Date(now.getTime() + Math.min(FIRST_RETRY_MS * 2 ** (attempts - 1), LONGEST_RETRY_MS));
}

/** What failed first before this time is given up, as an ISO time to compare stored times with. */
export function givenUpBefore(now: Date): string {
  return new Date(now.getTime() - GIVE_UP_AFTER_MS).toISOString();
}
