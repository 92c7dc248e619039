import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSubscribersCsv } from '../../src/subscribers/csv.js';
import { digestConfig } from '../support/digest.js';

const parse = (text: string) => parseSubscribersCsv(text, 'list.csv', 'import:list.csv', digestConfig);

describe('parseSubscribersCsv', () => {
  it('reads a Mailchimp export: its header is a header, names are kept, other columns become attributes', () => {
    const { rows, errors } = parse(readFileSync(resolve(import.meta.dirname, '../fixtures/subscribers/mailchimp.csv'), 'utf8'));
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.address.email, r.status, r.firstName, r.lastName, r.line])).toEqual([
      ['ann@example.org', 'confirmed', 'Ann', 'Ahl', 2],
      ['bo@example.org', 'confirmed', undefined, undefined, 3],
      ['eve@example.org', 'confirmed', 'Eve Marie', 'Ek', 4],
    ]);
    expect(rows[0]?.attributes).toEqual({ MEMBER_RATING: '4', OPTIN_TIME: '2021-03-04 10:11:12', TAGS: '"news","local"' });
    expect(rows[1]?.attributes).toEqual({ MEMBER_RATING: '2', OPTIN_TIME: '2022-01-02 03:04:05' });
  });

  it('takes `Email` and `email` as the address column, and a lone column of addresses without a header', () => {
    expect(parse('Email,Name\nann@example.org,Ann Ahl\n').rows.map((r) => [r.address.email, r.name])).toEqual([['ann@example.org', 'Ann Ahl']]);
    expect(parse('email\nann@example.org\n').rows).toHaveLength(1);
    expect(parse('ann@example.org\nbo@example.org\n').rows.map((r) => r.address.email)).toEqual(['ann@example.org', 'bo@example.org']);
    // One column whose first row is a bad address is still a list of addresses, not a header.
    expect(parse('not-an-address\nbo@example.org\n').errors.map((e) => e.describe())).toEqual(['list.csv:1: email: "not-an-address" is not an e-mail address. Write it as name@example.org.']);
  });

  it('reads each row’s status and dates, and reports a bad status or date by line and field', () => {
    const { rows, errors } = parse(
      [
        'email,status,source,created_at,confirmed_at,unsubscribed_at,bounced_at',
        'ann@example.org,unsubscribed,web,2025-01-02T03:04:05.000Z,2025-01-03T00:00:00.000Z,2025-06-07T08:09:10.000Z,',
        'bo@example.org,BOUNCED,,2025-02-01T00:00:00.000Z,,,2025-03-01T00:00:00.000Z',
        'cy@example.org,,,,,,',
        'dee@example.org,left,,,,,',
        'eve@example.org,pending,,yesterday,,,',
      ].join('\n'),
    );
    expect(rows.map((r) => [r.address.email, r.status, r.source])).toEqual([
      ['ann@example.org', 'unsubscribed', 'web'],
      ['bo@example.org', 'bounced', 'import:list.csv'],
      ['cy@example.org', 'confirmed', 'import:list.csv'],
    ]);
    expect(rows[0]?.unsubscribedAt?.toISOString()).toBe('2025-06-07T08:09:10.000Z');
    expect(rows[1]?.bouncedAt?.toISOString()).toBe('2025-03-01T00:00:00.000Z');
    expect(rows[2]?.createdAt).toBeUndefined();
    expect(errors.map((e) => `${e.line} ${e.field}`)).toEqual(['5 status', '6 created_at']);
  });

  it('refuses a header without an address column in one line naming the file', () => {
    expect(() => parse('name,phone\nAnn,123\n')).toThrow('the header row has no address column (it has "name", "phone").');
  });

  it('keeps names to one line', () => {
    expect(parse('email,name\nann@example.org,"Ann\r\nBcc: x@example.org"\n').rows[0]?.name).toBe('Ann Bcc: x@example.org');
  });
});
