import { describe, expect, it } from 'vitest';
import { parseEmailAddress } from '../../src/subscribers/address.js';

describe('parseEmailAddress', () => {
  it('trims, lower-cases the domain, and keys case-insensitively', () => {
    expect(parseEmailAddress('  Ann.Lee@Example.ORG ')).toEqual({ email: 'Ann.Lee@example.org', key: 'ann.lee@example.org' });
  });

  it.each(["o'brien@example.ie", 'ann+news@mail.example.co.uk', 'x_y-z@sub-1.example.org'])('takes %j', (input) => {
    expect(parseEmailAddress(input).email).toBe(input);
  });

  it.each(['', 'ann', 'ann@', '@example.org', 'ann@example.org\r\nBcc: all@example.org', 'a b@example.org', 'ann@localhost', 'ann@example', '.ann@example.org', 'ann.@example.org', 'a..b@example.org', 'ann@@example.org', 'ann@example.org.'])('refuses %j', (input) => {
    expect(() => parseEmailAddress(input)).toThrow(/is not an e-mail address/);
  });
});
