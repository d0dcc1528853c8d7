import { createHmac } from "node:crypto";
import { isIPv6 } from "node:net";

/**
 * The client a request is counted as. IPv4 addresses are themselves; an IPv6
 * address counts as its /64 network, the block one home or machine is usually
 * given, so a client cannot escape a limit by rotating addresses within it
 * (IPv4 written as IPv6, `::ffff:192.0.2.1`, is the IPv4 address).
 */
export function clientOf(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/iu.exec(address);
  if (mapped) return mapped[1]!;
  const bare = address.split("%")[0]!;
  if (!isIPv6(bare)) return address;
  const [head = "", tail] = bare.split("::") as [string, string | undefined];
  // An IPv4 tail (`64:ff9b::192.0.2.1`) fills the last two groups.
  const groupsOf = (part: string) => (part === "" ? [] : part.split(":").flatMap((g) => (g.includes(".") ? ["0", "0"] : [g])));
  const first = groupsOf(head);
  const last = tail === undefined ? [] : groupsOf(tail);
  const groups = tail === undefined ? first : [...first, ...Array<string>(8 - first.length - last.length).fill("0"), ...last];
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(":")}::/64`;
}

/**
 * A keyed hash of a client (see `clientOf`): the same client gives the same
 * value (for rate limits and moderation), but the address cannot be read back
 * from it without the secret, and a dictionary of all IPv4 addresses is useless without it.
 */
export function hashClientAddress(address: string, secrets: readonly string[]): string {
  const secret = secrets[0];
  if (!secret) throw new Error("No signing secret configured");
  return createHmac("sha256", secret).update(`client-address:${clientOf(address)}`).digest("base64url").slice(0, 22);
}
