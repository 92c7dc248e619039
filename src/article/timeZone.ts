const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes east of UTC that `timeZone` (an IANA name) is at the instant `ms`. */
function zoneOffsetMinutes(ms: number, timeZone: string): number {
  if (timeZone === 'UTC') return 0;
  let formatter = offsetFormatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    offsetFormatters.set(timeZone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(ms))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year as number, (parts.month as number) - 1, parts.day, parts.hour, parts.minute, parts.second);
  return Math.round((wall - (ms - (ms % 1000 + 1000) % 1000)) / 60_000);
}

/**
 * The instant at which the clocks of `timeZone` show the wall time `wallAsUtc` (that wall time read as if it
 * were UTC). The offset is taken at the guess and again at the result, so a date next to a daylight-saving
 * change lands on the right side of it; a wall time the change skips moves forward by the gap.
 */
export function zonedWallTime(wallAsUtc: number, timeZone: string): number {
  const first = wallAsUtc - zoneOffsetMinutes(wallAsUtc, timeZone) * 60_000;
  return wallAsUtc - zoneOffsetMinutes(first, timeZone) * 60_000;
}

/** Whether `timeZone` is an IANA zone this Node knows (for the config). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * A zone Intl can format in, and the shift that goes with it: Node 20 knows no fixed-offset zones such as
 * `-07:00` (the zone of a date written with that offset), so those are shown as UTC of the shifted instant.
 */
export function formattingZone(timeZone: string, date: Date): { timeZone: string; date: Date } {
  const offset = /^([+-])(\d{2}):(\d{2})$/.exec(timeZone);
  if (offset === null) return { timeZone, date };
  const minutes = (Number(offset[2]) * 60 + Number(offset[3])) * (offset[1] === '-' ? -1 : 1);
  return { timeZone: 'UTC', date: new Date(date.getTime() + minutes * 60_000) };
}

export interface CalendarDay {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
}

/** The day the calendars of `timeZone` show at `date` (in Auckland it is already tomorrow while London is at lunch). */
export function calendarDay(date: Date, timeZone: string): CalendarDay {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}
