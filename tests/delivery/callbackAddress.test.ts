import { describe, expect, it } from 'vitest';
import { isPrivateAddress, resolveCallback } from '../../src/delivery/callbackAddress.js';

describe('the addresses the built-in WebSub hub will not contact', () => {
  it('are this machine, private networks, link-local and reserved space, also written as IPv4-mapped IPv6', () => {
    const v4 = ['127.0.0.1', '10.1.2.3', '172.16.0.9', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1'];
    const v6 = ['::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:169.254.169.254'];
    expect([...v4.map((address) => ({ address, family: 4 as const })), ...v6.map((address) => ({ address, family: 6 as const }))].filter((to) => !isPrivateAddress(to))).toEqual([]);
    expect([{ address: '93.184.215.14', family: 4 as const }, { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 as const }].map(isPrivateAddress)).toEqual([false, false]);
  });

  it('are refused after the name is resolved, and allowed only when private callbacks are', async () => {
    expect(await resolveCallback(new URL('http://localhost:9/push'), false)).toMatchObject({ refused: expect.stringContaining('private, loopback or link-local') as string });
    expect(await resolveCallback(new URL('http://[::1]:9/push'), false)).toMatchObject({ refused: expect.stringContaining('::1') as string });
    expect(await resolveCallback(new URL('http://127.0.0.1:9/push'), true)).toEqual({ address: '127.0.0.1', family: 4 });
  });
});
