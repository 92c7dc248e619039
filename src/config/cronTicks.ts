import cron from 'node-cron';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Far enough back for any schedule that ticks at least once a year. */
const LOOK_BACK = 366 * 24 * HOUR;

/**
 * Whether `expression` (a cron expression of the config, in `timezone`) ticked after `after` and at or
 * before `until`: a frequency whose schedule did is due a digest. Never run before: due.
 */
export function tickedBetween(expression: string, timezone: string, after: Date | undefined, until: Date): boolean {
  if (after === undefined) return true;
  const fields = cron.parse(expression);
  // Every time zone's offset is a whole number of quarter hours, so a local minute of the expression falls
  // on one of four minutes of each UTC hour: those are all that need asking (node-cron's match is slow).
  const minutes = [...new Set(fields.minute.flatMap((m) => [0, 15, 30, 45].map((q) => (m - q + 60) % 60)))].sort((a, b) => b - a);
  const second = (fields.second[0] ?? 0) * 1000;
  const task = cron.createTask(expression, () => {}, { timezone });
  try {
    const earliest = Math.max(after.getTime(), until.getTime() - LOOK_BACK);
    for (let hour = Math.floor(until.getTime() / HOUR) * HOUR; hour + HOUR > earliest; hour -= HOUR) {
      for (const minute of minutes) {
        const tick = hour + minute * MINUTE + second;
        if (tick > earliest && tick <= until.getTime() && task.match(new Date(tick))) return true;
      }
    }
    return false;
  } finally {
    void task.destroy();
  }
}
