/**
 * The `Name: value` blocks of a `message/delivery-status` (RFC 3464 section 2.1) or `message/feedback-report`
 * (RFC 5965 section 3.1) body: blocks separated by blank lines, folded lines unfolded, names in lower case.
 */
export function parseFieldBlocks(text: string): Map<string, string>[] {
  const blocks: Map<string, string>[] = [];
  for (const chunk of text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    const fields = new Map<string, string>();
    let last: string | undefined;
    for (const line of chunk.split('\n')) {
      if (/^[ \t]/.test(line) && last !== undefined) {
        fields.set(last, `${fields.get(last) ?? ''} ${line.trim()}`);
        continue;
      }
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      last = line.slice(0, colon).trim().toLowerCase();
      // A repeated field (several Original-Rcpt-To) keeps the first: one report, one recipient.
      if (!fields.has(last)) fields.set(last, line.slice(colon + 1).trim());
    }
    if (fields.size > 0) blocks.push(fields);
  }
  return blocks;
}

/** `rfc822; Ann@Example.org` -> `Ann@Example.org` (the address-type prefix of RFC 3464 section 2.3.2). */
export function addressField(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const address = value.replace(/^[\w-]+\s*;\s*/, '').replace(/^<|>$/g, '').trim();
  return address.includes('@') ? address : undefined;
}

/** The first `<digest-3.subscriber-17@…>` Message-ID in a text, as our messages carry. */
export function ourMessageId(text: string): string | undefined {
  return /<digest-\d+\.subscriber-\d+@[^>\s]+>/i.exec(text)?.[0];
}
