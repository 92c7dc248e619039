import * as v from 'valibot';

/**
 * RFC 5322's address characters (valibot's rfcEmail, which keeps `o'brien@example.ie`), plus what mailbox
 * providers also require: no empty part between dots before the @, and a dotted domain ending in a name of
 * letters, so `ann@localhost` or a typo such as `ann@example` is refused before any mail is tried.
 */
const DELIVERABLE = /^(?!\.)(?!.*\.\.)[^@]*[^.@]@(?:[^@]+\.)+[a-z]{2,}$/i;

export function emailAddress(message: string) {
  return v.pipe(v.string(), v.rfcEmail(message), v.regex(DELIVERABLE, message));
}

/** Text that is not empty once trimmed, trimmed. */
export function trimmedText(message?: string) {
  return v.pipe(v.string(), v.trim(), v.minLength(1, message));
}

/** An object whose misspelt keys are reported (by name, in the issue's path) instead of silently ignored. */
export function strictObject<const T extends v.ObjectEntries>(entries: T) {
  return v.strictObject(entries, (issue) => (issue.expected === 'never' ? 'unknown key; check its spelling' : `expected an object of keys, not ${issue.received}`));
}

/** `authors.1.email`: the path of the value an issue is about, or '' for the whole input. */
export function issuePath(issue: v.BaseIssue<unknown>): string {
  return issue.path?.map((item) => String(item.key)).join('.') ?? '';
}

/**
 * `"Name <address>"` (the way mail programs write a sender, and the README shows it) or a bare address, as
 * `{ name, address }`; anything else is passed on unchanged, for the object schema to judge.
 */
export function splitMailbox(value: string | Record<string, unknown>): unknown {
  if (typeof value !== 'string') return value;
  const match = /^(.*)<([^<>]*)>$/s.exec(value.trim());
  if (match === null) return { address: value.trim() };
  const name = (match[1] ?? '').trim().replace(/^"(.*)"$/s, '$1').trim();
  return { ...(name === '' ? {} : { name }), address: (match[2] ?? '').trim() };
}
