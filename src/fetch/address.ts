/**
 * Which network addresses a crawl may reach. A blog on the public internet must not be able to send
 * its crawler to the machine's own services, the local network or a cloud metadata endpoint: only
 * public addresses are reached, plus the classes of address the blog itself is on (a blog served from
 * the LAN or from this machine can link its own neighbours), or everything when the user allows it.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** ipaddr.js's range name: 'unicast' is a public address, every other name a special-purpose block. */
export type AddressClass = string;

const PUBLIC = 'unicast';

/** The class of an IP address (IPv4-mapped IPv6 addresses are classed as the IPv4 address they carry). */
export function addressClass(ip: string): AddressClass {
  return ipaddr.process(ip).range();
}

/** What each class is called in messages. */
const LABELS: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private address',
  uniqueLocal: 'a private address',
  linkLocal: 'a link-local address',
  unspecified: 'an unspecified address',
  carrierGradeNat: 'a shared (carrier-grade NAT) address',
  multicast: 'a multicast address',
  broadcast: 'a broadcast address',
};

export interface AddressPolicy {
  /** Why `ip` (of `host`) may not be reached, or undefined when it may. */
  refusal(ip: string, host: string): Promise<string | undefined>;
}

export interface AddressPolicyOptions {
  /** The blog's start URL: the classes of its host's addresses are allowed too. */
  site?: string;
  /** Reach any address (the user's explicit choice). */
  allowAll?: boolean;
  lookup?: typeof dnsLookup;
}

/** Every address `host` resolves to (itself when it is an IP literal). */
export function resolveAll(host: string, lookup: typeof dnsLookup = dnsLookup): Promise<string[]> {
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIP(bare)) return Promise.resolve([bare]);
  return new Promise((resolve, reject) =>
    lookup(bare, { all: true }, (err, addresses: LookupAddress[]) => (err ? reject(err) : resolve(addresses.map((a) => a.address)))),
  );
}

export function createAddressPolicy(options: AddressPolicyOptions = {}): AddressPolicy {
  let siteClasses: Promise<Set<AddressClass>> | undefined;
  const allowedForSite = () =>
    (siteClasses ??= options.site
      ? resolveAll(new URL(options.site).hostname, options.lookup).then(
          (ips) => new Set(ips.map(addressClass)),
          () => new Set<AddressClass>(),
        )
      : Promise.resolve(new Set<AddressClass>()));
  return {
    async refusal(ip, host) {
      if (options.allowAll) return undefined;
      const kind = addressClass(ip);
      if (kind === PUBLIC || (await allowedForSite()).has(kind)) return undefined;
      return `${host} is at ${ip}, ${LABELS[kind] ?? `a special-purpose address (${kind})`}, and the blog is not (--allow-private-addresses reaches it)`;
    },
  };
}
