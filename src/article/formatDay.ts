import { formattingZone } from './timeZone.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * "14 March 2026" in the site's language, by the calendar of `timeZone` (an IANA name or a fixed offset such
 * as `-07:00`): an evening post written at -07:00 is shown on its own day, not on the next day in UTC.
 * Formatters are kept per language and zone: making one costs more than rendering a page.
 */
export function formatDay(language: string, date: Date, timeZone = 'UTC'): string {
  const shown = formattingZone(timeZone, date);
  const key = `${language} ${shown.timeZone}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: shown.timeZone });
    formatters.set(key, formatter);
  }
  return formatter.format(shown.date);
}

/**
 * The twelve months' names as a date of `language` writes them ("octobre" in French, the genitive "марта"
 * in Russian, not the standalone "март"), for what formats dates itself (the feeds' XSLT stylesheet).
 */
export function monthNames(language: string): string[] {
  const formatter = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, month) => formatter.formatToParts(Date.UTC(2000, month, 15)).find((part) => part.type === 'month')?.value ?? String(month + 1));
}
