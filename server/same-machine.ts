import type { IncomingHttpHeaders } from "node:http";
import { BlockList, isIP } from "node:net";

/**
 * What exists only in a local trial (the mail shown at `/dev/outbox`, sign-in links among it)
 * belongs to the person at the machine. A request is theirs when it comes from this machine and
 * nothing forwarded it for someone else: see docs/decisions/0016.
 */

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4"); // also matches ::ffff:127.x.y.z
LOOPBACK.addAddress("::1", "ipv6");

/** Headers with which proxies and tunnels name the client they forward for. */
export const FORWARDING_HEADERS = ["forwarded", "x-forwarded-for", "x-real-ip", "cf-connecting-ip", "true-client-ip"] as const;

/** 127.0.0.0/8, ::1, and the IPv4-mapped form of 127.0.0.0/8; anything else (names included) is not. */
export function isLoopbackAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return LOOPBACK.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** `1.2.3.4`, `1.2.3.4:5678`, `[::1]:5678`, `"[::1]"` → the address alone. */
function addressOfNode(node: string): string {
  const value = node.trim().replace(/^"(.*)"$/su, "$1");
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/u.exec(value);
  if (bracketed) return bracketed[1]!;
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/u.exec(value);
  return withPort ? withPort[1]! : value;
}

/** Every client the forwarding headers name, in the order given (`unknown` and hidden names included, as they are). */
export function forwardedClients(headers: IncomingHttpHeaders): string[] {
  const clients: string[] = [];
  for (const name of FORWARDING_HEADERS) {
    const raw = headers[name];
    if (raw === undefined) continue;
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      for (const element of value.split(",")) {
        if (name === "forwarded") {
          // RFC 7239: `for=192.0.2.60;proto=http;by=203.0.113.43`; an element without `for` names no client.
          const forPair = element.split(";").map((pair) => pair.trim()).find((pair) => /^for=/iu.test(pair));
          if (forPair) clients.push(addressOfNode(forPair.slice(4)));
        } else if (element.trim() !== "") {
          clients.push(addressOfNode(element));
        }
      }
    }
  }
  return clients;
}

/**
 * True when the client is on this machine: the connection comes from a loopback address and no
 * forwarding header names anyone else. A proxy or tunnel on this machine, trusted (`TRUST_PROXY`)
 * or not, connects from loopback too, but it says whom it forwards for; any client it names that
 * is not a loopback address (or cannot be read as an address) makes the request a stranger's.
 */
export function isSameMachine(request: { socketAddress: string | undefined; headers: IncomingHttpHeaders }): boolean {
  if (request.socketAddress === undefined || !isLoopbackAddress(request.socketAddress)) return false;
  return forwardedClients(request.headers).every(isLoopbackAddress);
}
