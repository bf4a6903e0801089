import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import type { AddressPolicy } from './address.js';
import { TransportError } from './transport-errors.js';

/**
 * A DNS lookup that answers only with addresses the policy allows: checked at connection time, for the
 * addresses really connected to, so a name cannot resolve one way when checked and another when used.
 */
export function guardedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses: dns.LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      void (async () => {
        const allowed: dns.LookupAddress[] = [];
        let refusal: string | undefined;
        for (const a of addresses) {
          const why = await policy.refusal(a.address, hostname);
          if (why) refusal ??= why;
          else allowed.push(a);
        }
        if (!allowed.length) return callback(new TransportError('address', `refused: ${refusal ?? `${hostname} has no address`}`), '', 0);
        if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, allowed);
        callback(null, allowed[0]!.address, allowed[0]!.family);
      })();
    });
  };
}
