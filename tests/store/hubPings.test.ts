import { describe, expect, it } from 'vitest';
import { HubPings } from '../../src/store/hubPings.js';
import { openTempDatabase } from '../support/database.js';

const HUB = 'https://pubsubhubbub.appspot.com/';
const OTHER_HUB = 'https://hub.example.net/';
const ATOM = 'https://news.example.org/atom.xml';
const MINUTE = 60_000;

describe('publish pings a hub did not take', () => {
  it('are due again after the backoff, each failure doubling it, until the hub takes one', () => {
    const clock = { now: new Date('2026-11-02T08:00:00Z') };
    const later = (ms: number) => (clock.now = new Date(clock.now.getTime() + ms));
    const pings = new HubPings(openTempDatabase(), () => clock.now);
    pings.failed(HUB, ATOM, 'connect ECONNREFUSED');
    expect(pings.due([HUB])).toEqual([]);
    later(MINUTE);
    expect(pings.due([HUB])).toEqual([{ hub: HUB, topic: ATOM, attempts: 1 }]);
    pings.failed(HUB, ATOM, '502 Bad Gateway');
    later(MINUTE);
    expect(pings.due([HUB])).toEqual([]);
    later(MINUTE);
    expect(pings.due([HUB])).toEqual([{ hub: HUB, topic: ATOM, attempts: 2 }]);
    pings.sent(HUB, ATOM);
    expect(pings.due([HUB])).toEqual([]);
  });

  it('are dropped for a hub no longer configured, and after failing for a day', () => {
    const clock = { now: new Date('2026-11-02T08:00:00Z') };
    const pings = new HubPings(openTempDatabase(), () => clock.now);
    pings.failed(HUB, ATOM, 'timeout');
    pings.failed(OTHER_HUB, ATOM, 'timeout');
    clock.now = new Date(clock.now.getTime() + 2 * MINUTE);
    expect(pings.due([HUB]).map((p) => p.hub)).toEqual([HUB]);
    expect(pings.due([HUB, OTHER_HUB]).map((p) => p.hub)).toEqual([HUB]);
    clock.now = new Date(clock.now.getTime() + 24 * 60 * MINUTE);
    expect(pings.due([HUB])).toEqual([]);
  });
});
