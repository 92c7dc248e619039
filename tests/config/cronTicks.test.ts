import { describe, expect, it } from 'vitest';
import { tickedBetween } from '../../src/config/cronTicks.js';

const ticked = (expression: string, timezone: string, after: string, until: string) => tickedBetween(expression, timezone, new Date(after), new Date(until));

describe('whether a frequency is due', () => {
  it('is due once its schedule has ticked since its last run, and not before', () => {
    expect(ticked('0 8 * * 1', 'UTC', '2026-11-30T08:00:00Z', '2026-12-07T07:59:00Z')).toBe(false);
    expect(ticked('0 8 * * 1', 'UTC', '2026-11-30T08:00:00Z', '2026-12-07T08:00:00Z')).toBe(true);
    expect(ticked('*/5 * * * *', 'UTC', '2026-11-30T00:00:00Z', '2026-11-30T00:04:59Z')).toBe(false);
  });

  it('reads the schedule in schedule.timezone, whole, half and quarter hours from UTC alike', () => {
    expect(ticked('0 7 * * *', 'Europe/Berlin', '2026-11-30T00:00:00Z', '2026-11-30T05:59:00Z')).toBe(false);
    expect(ticked('0 7 * * *', 'Europe/Berlin', '2026-11-30T00:00:00Z', '2026-11-30T06:00:00Z')).toBe(true);
    expect(ticked('0 7 * * *', 'Asia/Kolkata', '2026-11-30T00:00:00Z', '2026-11-30T01:29:00Z')).toBe(false);
    expect(ticked('0 7 * * *', 'Asia/Kolkata', '2026-11-30T00:00:00Z', '2026-11-30T01:30:00Z')).toBe(true);
    expect(ticked('0 7 * * *', 'Asia/Kathmandu', '2026-11-30T00:00:00Z', '2026-11-30T01:15:00Z')).toBe(true);
  });

  it('is due when it never ran', () => {
    expect(tickedBetween('0 8 1 1 *', 'UTC', undefined, new Date('2026-11-30T00:00:00Z'))).toBe(true);
  });
});
