import { is } from 'valibot';
import { emailAddress } from '../config/schemaParts.js';
import { BroadsheetError } from '../errors.js';

export interface EmailAddress {
  /** As the subscriber typed it, trimmed, with the domain in lower case. */
  email: string;
  /** Lower case: two spellings of one address are one subscriber. */
  key: string;
}

const emailSchema = emailAddress('not an e-mail address');

/**
 * Parses untrusted input into an address once. The domain is case-insensitive by definition; the local
 * part is kept as typed (some servers distinguish case) but compared case-insensitively, as every big
 * mailbox provider does.
 */
export function parseEmailAddress(input: string, field = 'email'): EmailAddress {
  const trimmed = input.trim();
  const at = trimmed.lastIndexOf('@');
  const email = at === -1 ? trimmed : `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
  if (email.length > 254 || /[\r\n]/.test(email) || !is(emailSchema, email)) {
    throw new BroadsheetError('INPUT_INVALID', `"${trimmed.slice(0, 80)}" is not an e-mail address.`, {
      field,
      hint: 'Write it as name@example.org.',
    });
  }
  return { email, key: email.toLowerCase() };
}
