import { zonedWallTime } from '../article/timeZone.js';

/** An instant and the zone it was written in: an offset such as `+02:00`, or the zone a date without one is read in. */
export interface WrittenDate {
  date: Date;
  timeZone: string;
}

const MONTHS: Record<string, number> = {};
for (const [index, names] of [
  ['january', 'janvier', 'janv'],
  ['february', 'février', 'fevrier', 'févr', 'fevr'],
  ['march', 'mars'],
  ['april', 'avril', 'avr'],
  ['may', 'mai'],
  ['june', 'juin'],
  ['july', 'juillet', 'juil'],
  ['august', 'août', 'aout'],
  ['september', 'septembre', 'sept'],
  ['october', 'octobre', 'oct'],
  ['november', 'novembre', 'nov'],
  ['december', 'décembre', 'decembre', 'déc', 'dec'],
].entries()) {
  for (const name of names) MONTHS[name] = index;
  const english = names[0] as string;
  MONTHS[english.slice(0, 3)] = index;
}

function monthIndex(name: string): number {
  return MONTHS[name.toLowerCase().replace(/\.$/, '')] ?? -1;
}

const WEEKDAY = /^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\.?,?\s+/i;

/** A zone written after a time: `Z`, `+02:00`, `+0200`, `+02`, or ` UTC`. */
const ZONE = String.raw`\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?`;
const DATE_TIME = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?${ZONE})?$`, 'i');

/**
 * The date forms people and site generators write: ISO 8601 and YAML timestamps (`2026-03-14`,
 * `2026-03-14T09:30:00Z`), Jekyll's `2013-05-06 02:12:52 +0200` and `2013-05-06 02:12`, and the forms at the
 * top of a news article in English and French ("July 25, 2021", "Sunday, July 25, 2021", "25 July 2021",
 * "dimanche 25 juillet 2021", "1er août 2021"). A date or time without a zone is read in `timeZone` (an IANA
 * name). Undefined for anything else, including impossible days such as "February 30".
 */
export function parseWrittenDate(input: string, timeZone: string): WrittenDate | undefined {
  const text = input.trim().replace(WEEKDAY, '');
  const iso = DATE_TIME.exec(text);
  if (iso !== null) {
    const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone] = iso;
    const wall = { year: Number(year), month: Number(month) - 1, day: Number(day), hour: Number(hour), minute: Number(minute), second: Number(second), ms: Number(fraction.padEnd(3, '0').slice(0, 3)) };
    return fromWallTime(wall, zone, timeZone);
  }
  let match = /^([A-Za-zéû]+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(text);
  if (match) return fromWallTime(dayOnly(Number(match[3]), monthIndex(match[1] as string), Number(match[2])), undefined, timeZone);
  match = /^(\d{1,2})(?:st|nd|rd|th|er)?\s+([A-Za-zéû]+\.?),?\s+(\d{4})$/.exec(text);
  if (match) return fromWallTime(dayOnly(Number(match[3]), monthIndex(match[2] as string), Number(match[1])), undefined, timeZone);
  return undefined;
}

/** The plain-text article's first line and a file name's `YYYY-MM-DD-`: a day, read in `timeZone`. */
export function parseHumanDate(input: string, timeZone = 'UTC'): Date | undefined {
  return parseWrittenDate(input, timeZone)?.date;
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

function dayOnly(year: number, month: number, day: number): WallTime {
  return { year, month, day, hour: 0, minute: 0, second: 0, ms: 0 };
}

function fromWallTime(wall: WallTime, zone: string | undefined, timeZone: string): WrittenDate | undefined {
  const { year, month, day, hour, minute, second, ms } = wall;
  const asUtc = Date.UTC(year, month, day, hour, minute, second, ms);
  const check = new Date(Date.UTC(year, month, day));
  const valid = month >= 0 && check.getUTCFullYear() === year && check.getUTCMonth() === month && check.getUTCDate() === day && hour < 24 && minute < 60 && second < 61;
  if (!valid) return undefined;
  if (zone === undefined) return { date: new Date(zonedWallTime(asUtc, timeZone)), timeZone };
  const offset = offsetMinutes(zone);
  if (offset === undefined) return undefined;
  return { date: new Date(asUtc - offset * 60_000), timeZone: offsetName(offset) };
}

/** `Z`, `UTC`, `+02:00`, `+0200`, `-07` -> minutes east of UTC. */
function offsetMinutes(zone: string): number | undefined {
  if (/^(?:Z|UTC|GMT)$/i.test(zone)) return 0;
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (match === null) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return minutes >= 24 * 60 ? undefined : match[1] === '-' ? -minutes : minutes;
}

/** A fixed offset as a zone name formatDay understands; UTC keeps its name. */
function offsetName(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
