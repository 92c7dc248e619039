import { describe, expect, it } from 'vitest';
import { sendAllowance } from '../../src/delivery/sendAllowance.js';
import { openTempDatabase } from '../support/database.js';

const start = new Date('2026-11-25T08:00:00Z');
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

describe('the sending allowance (email.hourlyLimit, email.dailyLimit)', () => {
  it('is none when neither limit is set', () => {
    expect(sendAllowance(openTempDatabase(), { hourlyLimit: 0, dailyLimit: 0 })).toBeUndefined();
  });

  it('counts every message of the last hour, and says when the oldest leaves the window', () => {
    const allowance = sendAllowance(openTempDatabase(), { hourlyLimit: 2, dailyLimit: 0 });
    expect(allowance?.take(at(0), 'digest')).toBeUndefined();
    expect(allowance?.take(at(10), 'confirmation')).toBeUndefined();
    expect(allowance?.take(at(20), 'digest')).toEqual(at(60));
    expect(allowance?.take(at(60), 'digest')).toBeUndefined();
    expect(allowance?.take(at(61), 'report')).toEqual(at(70));
  });

  it('holds to the tighter of the two windows, and its count outlives the process that made it', () => {
    const db = openTempDatabase();
    const first = sendAllowance(db, { hourlyLimit: 10, dailyLimit: 3 });
    for (const minute of [0, 100, 200]) expect(first?.take(at(minute), 'digest')).toBeUndefined();
    const restarted = sendAllowance(db, { hourlyLimit: 10, dailyLimit: 3 });
    expect(restarted?.take(at(300), 'digest')).toEqual(at(24 * 60));
  });
});
