import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/io/sleep.js';

describe('sleep', () => {
  it('ends as soon as its signal aborts, without an error', async () => {
    const stop = new AbortController();
    const waiting = sleep(3_600_000, stop.signal);
    stop.abort();
    await expect(waiting).resolves.toBeUndefined();
  });
});
