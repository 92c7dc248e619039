import { lookup } from 'node:dns/promises';
import { BlockList } from 'node:net';

/** The address a callback's name resolved to, once: every connection for that contact goes to it. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * Addresses a hub on the public internet must not be made to contact (RFC 6890 special-purpose blocks): this
 * machine, the private networks, link-local (cloud metadata at 169.254.169.254), shared and benchmark space,
 * multicast and the reserved. IPv4-mapped IPv6 addresses (`::ffff:127.0.0.1`) are checked as their IPv4.
 */
const PRIVATE = new BlockList();
for (const [network, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
}

export function isPrivateAddress({ address, family }: ResolvedAddress): boolean {
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Resolves a callback's host once (dns.lookup, as a connection would) and says where to connect, or why
 * not. The caller connects to this address and no other, so a name that resolves to a public address when
 * checked and to 127.0.0.1 when connected (DNS rebinding) cannot reach this machine's network.
 */
export async function resolveCallback(url: URL, allowPrivate: boolean): Promise<ResolvedAddress | { refused: string }> {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  let resolved: ResolvedAddress;
  try {
    const { address, family } = await lookup(host);
    resolved = { address, family: family === 6 ? 6 : 4 };
  } catch (error) {
    return { refused: `cannot resolve ${host} (${(error as { code?: string }).code ?? String(error)})` };
  }
  if (!allowPrivate && isPrivateAddress(resolved)) return { refused: `${host} is a private, loopback or link-local address (${resolved.address})` };
  return resolved;
}
