/**
 * Characters XML 1.0 forbids (https://www.w3.org/TR/xml/#charsets): C0 controls other than tab, LF and CR,
 * lone surrogates, and U+FFFE/U+FFFF. One of them makes a whole feed unreadable, so every string that
 * can reach an output goes through here.
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A quick scan without look-arounds: most text has none of these (nor any surrogate) and skips the full pattern. */
// eslint-disable-next-line no-control-regex
const MAYBE_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

export function stripXmlForbidden(text: string): string {
  return MAYBE_FORBIDDEN.test(text) ? text.replace(FORBIDDEN, '') : text;
}
