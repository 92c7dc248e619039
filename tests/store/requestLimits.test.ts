import { describe, expect, it } from 'vitest';
import { RequestLimits } from '../../src/store/requestLimits.js';
import { openTempDatabase, sharedTempDatabase } from '../support/database.js';

const SECOND = 1000;
const RATE = { burst: 3, perMinute: 6 };

/** A clock the test moves, in milliseconds. */
function clock() {
  const time = { now: Date.parse('2026-11-25T08:00:00Z') };
  return Object.assign(time, { read: () => time.now, later: (ms: number) => (time.now += ms) });
}

describe('per-client request limits', () => {
  it('let a client make `burst` requests at once, then one each interval, and say how many seconds to wait', () => {
    const time = clock();
    const limit = new RequestLimits(openTempDatabase()).of('subscribe', RATE, time.read);
    expect([limit.take('192.0.2.1'), limit.take('192.0.2.1'), limit.take('192.0.2.1')]).toEqual([undefined, undefined, undefined]);
    expect(limit.take('192.0.2.1')).toBe(10);
    time.later(4 * SECOND);
    expect(limit.take('192.0.2.1')).toBe(6);
    time.later(6 * SECOND);
    expect(limit.take('192.0.2.1')).toBeUndefined();
    expect(limit.take('192.0.2.1')).toBe(10);
    time.later(30 * SECOND);
    expect([limit.take('192.0.2.1'), limit.take('192.0.2.1'), limit.take('192.0.2.1'), limit.take('192.0.2.1')]).toEqual([undefined, undefined, undefined, 10]);
  });

  it('count each client, and each endpoint, apart', () => {
    const time = clock();
    const limits = new RequestLimits(openTempDatabase());
    const [subscribe, websub] = [limits.of('subscribe', RATE, time.read), limits.of('websub', { burst: 1, perMinute: 60 }, time.read)];
    for (let i = 0; i < 3; i++) subscribe.take('192.0.2.1');
    expect(subscribe.take('192.0.2.1')).toBe(10);
    expect(subscribe.take('2001:db8::1')).toBeUndefined();
    expect(websub.take('192.0.2.1')).toBeUndefined();
    expect(websub.take('192.0.2.1')).toBe(1);
  });

  it('are shared by every process on the database: two `serve`s behind a load balancer count one client together', () => {
    const time = clock();
    const shared = sharedTempDatabase();
    const [one, other] = [new RequestLimits(shared.connect()).of('subscribe', RATE, time.read), new RequestLimits(shared.connect()).of('subscribe', RATE, time.read)];
    expect([one.take('192.0.2.1'), other.take('192.0.2.1'), one.take('192.0.2.1'), other.take('192.0.2.1')]).toEqual([undefined, undefined, undefined, 10]);
  });

  it('forget a client once its allowance is whole again', () => {
    const time = clock();
    const db = openTempDatabase();
    const limit = new RequestLimits(db).of('subscribe', RATE, time.read);
    for (let i = 0; i < 50; i++) limit.take(`192.0.2.${i}`);
    expect(db.prepare('SELECT COUNT(*) FROM request_limits').pluck().get()).toBe(50);
    time.later(60 * SECOND);
    limit.take('198.51.100.7');
    expect(db.prepare('SELECT client FROM request_limits').pluck().all()).toEqual(['198.51.100.7']);
  });
});
