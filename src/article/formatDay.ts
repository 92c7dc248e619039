const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * "14 March 2026" in the site's language, by the UTC calendar. Formatters are kept per language: making one
 * costs more than rendering a page, and a build renders thousands.
 */
export function formatDay(language: string, date: Date): string {
  let formatter = formatters.get(language);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    formatters.set(language, formatter);
  }
  return formatter.format(date);
}
