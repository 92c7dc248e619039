import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { BroadsheetError, isBroadsheetError } from '../errors.js';
import type { EmailAddress } from './address.js';
import { parseEmailAddress } from './address.js';
import type { Subscriber } from './subscriberStore.js';

export interface CsvImport {
  addresses: { address: EmailAddress; line: number }[];
  /** One per bad row, naming its line. */
  errors: BroadsheetError[];
}

/**
 * A CSV with an `email` column (any other columns are ignored), or with one column and no header. Rows
 * with a bad address are reported and the good ones still come through.
 */
export function parseSubscribersCsv(text: string, file: string): CsvImport {
  const rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
  const header = rows[0]?.record.map((cell) => cell.toLowerCase());
  const column = header?.indexOf('email') ?? -1;
  const body = column === -1 ? rows : rows.slice(1);
  const result: CsvImport = { addresses: [], errors: [] };
  for (const { record, info } of body) {
    try {
      result.addresses.push({ address: parseEmailAddress(record[Math.max(column, 0)] ?? '', 'email'), line: info.lines });
    } catch (error) {
      if (!isBroadsheetError(error)) throw error;
      result.errors.push(new BroadsheetError(error.code, error.message, { file, line: info.lines, field: 'email', ...(error.hint === undefined ? {} : { hint: error.hint }) }));
    }
  }
  return result;
}

export function subscribersToCsv(subscribers: readonly Subscriber[]): string {
  return stringify(
    subscribers.map((s) => [s.email, s.status, s.source, s.createdAt.toISOString(), s.confirmedAt?.toISOString() ?? '', s.unsubscribedAt?.toISOString() ?? '']),
    { header: true, columns: ['email', 'status', 'source', 'created_at', 'confirmed_at', 'unsubscribed_at'] },
  );
}
