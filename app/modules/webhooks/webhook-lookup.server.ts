import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import { hostLiteral, isForbiddenAddress } from "./webhook-address.server";

/** A connection refused because its address is one webhooks may not reach. */
export class ForbiddenAddressError extends Error {
  readonly code = "WEBHOOK_FORBIDDEN_ADDRESS";
  constructor(hostname: string) {
    super(`${hostname} resolves to an address webhooks may not reach (loopback, private, link-local or reserved)`);
  }
}

/**
 * The DNS lookup an outgoing webhook connection uses: it resolves the name once and refuses when
 * any address it gets is forbidden, so the address checked is the address connected to (a name
 * that changes its answer between a check and the connection, DNS rebinding, gains nothing).
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return ((hostname: string, options: { family?: number | string; all?: boolean }, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    const family = options.family === "IPv6" || options.family === 6 ? 6 : options.family === "IPv4" || options.family === 4 ? 4 : 0;
    dnsLookup(hostname, { all: true, family }, (error, addresses) => {
      if (error) return callback(error, options.all ? [] : "", 0);
      if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), options.all ? [] : "", 0);
      if (!allowPrivate && addresses.some((a) => isForbiddenAddress(a.address))) return callback(new ForbiddenAddressError(hostname), options.all ? [] : "", 0);
      if (options.all) return callback(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  }) as LookupFunction;
}

/** At subscription time: whether the URL's host resolves, and only to addresses webhooks may reach. */
export async function checkWebhookHost(hostname: string, allowPrivate: boolean): Promise<"ok" | "url_private" | "url_unresolvable"> {
  const literal = hostLiteral(hostname);
  if (literal !== null) return allowPrivate || !isForbiddenAddress(literal) ? "ok" : "url_private";
  return new Promise((resolve) => {
    guardedLookup(allowPrivate)(hostname, { all: true }, (error) => {
      if (!error) resolve("ok");
      else resolve(error instanceof ForbiddenAddressError ? "url_private" : "url_unresolvable");
    });
  });
}
