import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { VerpAddresses } from '../../src/inbound/verp.js';
import { TEST_SECRET } from './project.js';

export const REPORT_FIXTURES = resolve(import.meta.dirname, '../fixtures/inbound');

export const testVerp = () => new VerpAddresses('bounces@news.example.org', TEST_SECRET);

/** A fixture report mail about one outbox row, its placeholders filled in (see the fixtures' README). */
export function reportMail(name: string, row: { digestNumber: number; subscriberId: number; recipient: string }, fill: Partial<Record<'bounce' | 'unsubscribe', string>> = {}): Buffer {
  const verp = testVerp();
  const values: Record<string, string> = {
    bounce: fill.bounce ?? verp.bounce(row),
    unsubscribe: fill.unsubscribe ?? verp.unsubscribe(row),
    recipient: row.recipient,
    messageId: `<digest-${row.digestNumber}.subscriber-${row.subscriberId}@news.example.org>`,
  };
  const text = readFileSync(resolve(REPORT_FIXTURES, name), 'utf8').replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');
  return Buffer.from(text.replace(/\r?\n/g, '\r\n'));
}
