import { describe, expect, it } from 'vitest';
import { signToken, verifyToken } from '../../src/subscribers/tokens.js';

const secret = 'a-test-secret-of-32-characters!!';
const now = new Date('2026-11-25T00:00:00Z');
const week = new Date('2026-12-02T00:00:00Z');

describe('subscription tokens', () => {
  const token = signToken({ purpose: 'confirm', subscriberId: 42, expiresAt: week }, secret);

  it('verify for their purpose until they expire', () => {
    expect(verifyToken(token, 'confirm', secret, now)).toEqual({ purpose: 'confirm', subscriberId: 42, expiresAt: week });
  });

  it('refuse a token past its expiry', () => {
    expect(() => verifyToken(token, 'confirm', secret, new Date('2026-12-03T00:00:00Z'))).toThrow(/expired/);
  });

  it('refuse a token made for something else', () => {
    expect(() => verifyToken(token, 'unsubscribe', secret, now)).toThrow(/made for something else/);
  });

  it('refuse a forged signature, an altered payload and another secret', () => {
    const [payload, signature] = token.split('.') as [string, string];
    const otherSubscriber = Buffer.from(JSON.stringify(['confirm', 43, Math.floor(week.getTime() / 1000)])).toString('base64url');
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    for (const forged of [`${otherSubscriber}.${signature}`, `${payload}.${flipped}`, `${payload}.`, 'garbage', `${payload}.${signature}.x`]) {
      expect(() => verifyToken(forged, 'confirm', secret, now), forged).toThrow(/not valid/);
    }
    expect(() => verifyToken(token, 'confirm', 'another-secret', now)).toThrow(/bad signature/);
  });

  it('can be made never to expire, for unsubscribe links in old mails', () => {
    const forever = signToken({ purpose: 'unsubscribe', subscriberId: 1, expiresAt: undefined }, secret);
    expect(verifyToken(forever, 'unsubscribe', secret, new Date('2099-01-01T00:00:00Z')).expiresAt).toBeUndefined();
  });
});
