import { createHmac, timingSafeEqual } from 'node:crypto';

/** The outbox row a signed envelope address points at. */
export interface VerpId {
  digestNumber: number;
  subscriberId: number;
}

export type VerpPurpose = 'bounce' | 'unsubscribe';

export type VerpMatch = { purpose: VerpPurpose; id: VerpId } | { forged: string };

/**
 * Variable envelope return paths: `bounces+3-17-<sig>@mail.example.org` as the digest's envelope sender and
 * `unsubscribe+3-17-<sig>@mail.example.org` as the `mailto:` of List-Unsubscribe. The signature is HMAC-SHA256
 * of the purpose and the ids with BROADSHEET_SECRET, cut to 64 bits, in lower-case hex because some relays
 * fold the case of local parts. A forged or altered address verifies to nothing.
 */
export class VerpAddresses {
  readonly domain: string;
  private readonly bounceLocal: string;
  private readonly pattern: RegExp;

  constructor(
    bounceAddress: string,
    private readonly secret: string,
  ) {
    const at = bounceAddress.lastIndexOf('@');
    this.bounceLocal = bounceAddress.slice(0, at).toLowerCase();
    this.domain = bounceAddress.slice(at + 1).toLowerCase();
    const local = `(${escapeRegExp(this.bounceLocal)}|unsubscribe)\\+(\\d+)-(\\d+)-([0-9a-f]+)`;
    this.pattern = new RegExp(`${local}@${escapeRegExp(this.domain)}`, 'gi');
  }

  bounce(id: VerpId): string {
    return `${this.bounceLocal}+${id.digestNumber}-${id.subscriberId}-${this.sign('bounce', id)}@${this.domain}`;
  }

  unsubscribe(id: VerpId): string {
    return `unsubscribe+${id.digestNumber}-${id.subscriberId}-${this.sign('unsubscribe', id)}@${this.domain}`;
  }

  /** Every signed address in `text` (an envelope, headers, a returned message), in the order found. */
  find(text: string): VerpMatch[] {
    return [...text.matchAll(this.pattern)].map((m) => {
      const purpose: VerpPurpose = (m[1] as string).toLowerCase() === 'unsubscribe' ? 'unsubscribe' : 'bounce';
      const id = { digestNumber: Number(m[2]), subscriberId: Number(m[3]) };
      const expected = Buffer.from(this.sign(purpose, id));
      const given = Buffer.from((m[4] as string).toLowerCase());
      return given.length === expected.length && timingSafeEqual(given, expected) ? { purpose, id } : { forged: m[0] };
    });
  }

  /** Whether an envelope recipient is ours to receive (any local part at the bounce domain). */
  receives(address: string): boolean {
    return address.toLowerCase().endsWith(`@${this.domain}`);
  }

  private sign(purpose: VerpPurpose, id: VerpId): string {
    return createHmac('sha256', this.secret).update(`verp:${purpose}:${id.digestNumber}:${id.subscriberId}`).digest('hex').slice(0, 16);
  }
}

/** The envelope addresses of one digest message, or undefined without `email.bounceAddress`. */
export function verpEnvelope(bounceAddress: string | undefined, secret: string, id: VerpId): { bounce: string; unsubscribe: string } | undefined {
  if (bounceAddress === undefined) return undefined;
  const verp = new VerpAddresses(bounceAddress, secret);
  return { bounce: verp.bounce(id), unsubscribe: verp.unsubscribe(id) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
