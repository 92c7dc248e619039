import type { CalendarDay } from '../article/timeZone.js';
import { calendarDay, zonedWallTime } from '../article/timeZone.js';
import { BroadsheetError } from '../errors.js';

/** A pause longer than this is most likely a typo of the year; leaving is what the unsubscribe button is for. */
const LONGEST_PAUSE_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The date a form's "pause until" field gives (`2026-12-24`, as `<input type="date">` sends it) as the
 * instant that day begins in `timeZone`: no digest before it, and the first one after it brings what was
 * published meanwhile. Empty: no pause. A day that is not after today, or more than a year away, is refused.
 */
export function parsePauseDate(text: string, now: Date, timeZone: string): Date | undefined {
  const value = text.trim();
  if (value === '') return undefined;
  const refuse = (why: string) => new BroadsheetError('INPUT_INVALID', `"${value.slice(0, 20)}" ${why}.`, { field: 'pausedUntil', hint: 'Give a day after today and within a year, as YYYY-MM-DD, or leave it empty to get the digest again.' });
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) throw refuse('is not a date');
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const wall = Date.UTC(year, month - 1, day);
  const back = new Date(wall);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) throw refuse('is not a date');
  const today = calendarDay(now, timeZone);
  const todayWall = Date.UTC(today.year, today.month - 1, today.day);
  if (wall <= todayWall) throw refuse('is not after today');
  if (wall - todayWall > LONGEST_PAUSE_DAYS * DAY_MS) throw refuse('is more than a year away');
  return new Date(zonedWallTime(wall, timeZone));
}

/** What a form shows of a pause: the day it ends (empty when none is running) and the days it may end on. */
export interface PauseView {
  until: string;
  first: string;
  last: string;
}

/** A stored pause as the form shows it again, in `timeZone`, with the range parsePauseDate takes. */
export function pauseView(until: Date | undefined, now: Date, timeZone: string): PauseView {
  const today = calendarDay(now, timeZone);
  const todayWall = Date.UTC(today.year, today.month - 1, today.day);
  return {
    until: until === undefined || until <= now ? '' : isoDay(calendarDay(until, timeZone)),
    first: isoDay(dayOf(todayWall + DAY_MS)),
    last: isoDay(dayOf(todayWall + LONGEST_PAUSE_DAYS * DAY_MS)),
  };
}

function dayOf(wall: number): CalendarDay {
  const date = new Date(wall);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function isoDay({ year, month, day }: CalendarDay): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
