const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function monthIndex(name: string): number {
  const lower = name.toLowerCase().replace(/\.$/, '');
  return lower.length < 3 ? -1 : MONTHS.findIndex((month) => month.startsWith(lower) && (lower.length === 3 || month === lower || lower === 'sept'));
}

function utcDate(year: number, month: number, day: number): Date | undefined {
  const date = new Date(Date.UTC(year, month, day));
  return month >= 0 && date.getUTCFullYear() === year && date.getUTCMonth() === month && date.getUTCDate() === day ? date : undefined;
}

const WEEKDAY = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i;

/**
 * The date forms people write at the top of a news article: "July 25, 2021", "Jul 25 2021", "25 July 2021",
 * "Sunday, July 25, 2021", "2021-07-25", and full ISO 8601 date-times with a zone. A day alone means
 * midnight UTC. Returns undefined for anything else, including impossible dates such as "February 30".
 */
export function parseHumanDate(input: string): Date | undefined {
  const text = input.trim().replace(WEEKDAY, '');
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match) return utcDate(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  match = /^([A-Za-z]+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(text);
  if (match) return utcDate(Number(match[3]), monthIndex(match[1] as string), Number(match[2]));
  match = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+\.?),?\s+(\d{4})$/.exec(text);
  if (match) return utcDate(Number(match[3]), monthIndex(match[2] as string), Number(match[1]));
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const date = new Date(text.replace(' ', 'T'));
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
}
