import { BlockList, isIP } from "node:net";

/**
 * Where a webhook may not go: this machine, the private networks behind it, link-local (which holds
 * the clouds' metadata services, 169.254.169.254 and fd00:ec2::254), carrier-grade NAT, multicast,
 * unspecified, documentation and benchmarking ranges. IPv4-mapped and IPv4-compatible IPv6
 * addresses are judged by the IPv4 address inside them.
 */
const FORBIDDEN = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this network", unspecified
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT (and Alibaba's metadata at 100.100.100.200)
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved and broadcast
] as const) {
  FORBIDDEN.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 96], // unspecified, loopback, IPv4-compatible
  ["64:ff9b::", 96], // NAT64: reaches IPv4 addresses we cannot judge here
  ["64:ff9b:1::", 48],
  ["100::", 64], // discard
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4: embeds any IPv4 address
  ["fc00::", 7], // unique local (and fd00:ec2::254)
  ["fe80::", 10], // link-local
  ["fec0::", 10], // old site-local
  ["ff00::", 8], // multicast
] as const) {
  FORBIDDEN.addSubnet(network, prefix, "ipv6");
}

/** The eight 16-bit groups of an IPv6 address, or null when it is not one. */
function ipv6Groups(address: string): number[] | null {
  if (isIP(address) !== 6) return null;
  let text = address.replace(/%.*$/u, "");
  // A dotted IPv4 tail becomes two groups.
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/u.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...(tail === undefined ? [] : Array<string>(missing).fill("0")), ...tailGroups].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/** The IPv4 address an IPv4-mapped IPv6 address (::ffff:a.b.c.d) stands for; null for any other. */
export function mappedIpv4(address: string): string | null {
  const groups = ipv6Groups(address);
  if (!groups || groups.slice(0, 5).some((g) => g !== 0) || groups[5] !== 0xffff) return null;
  const [high, low] = [groups[6]!, groups[7]!];
  return `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
}

/** Whether a webhook may not connect to this IP address (anything that is not an IP address is refused too). */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return FORBIDDEN.check(address, "ipv4");
  if (family !== 6) return true;
  const inner = mappedIpv4(address);
  if (inner !== null) return FORBIDDEN.check(inner, "ipv4");
  return FORBIDDEN.check(address.replace(/%.*$/u, ""), "ipv6");
}

/** Why a typed webhook URL is refused (a translation key under organizeApi.webhooks.errors), or null. */
export type WebhookUrlProblem = "url_invalid" | "url_not_https" | "url_credentials" | "url_private" | "url_unresolvable";

/**
 * Checks the URL's form: absolute, https (http only when private targets are allowed: local
 * testing), no user:password, and a host that is not an IP address we refuse. Names are checked
 * when they resolve (`checkWebhookHost`), at subscription and again at every connection.
 */
export function webhookUrlProblem(typed: string, allowPrivate: boolean): { ok: true; url: URL } | { ok: false; problem: WebhookUrlProblem } {
  let url: URL;
  try {
    url = new URL(typed.trim());
  } catch {
    return { ok: false, problem: "url_invalid" };
  }
  if (url.protocol !== "https:" && !(allowPrivate && url.protocol === "http:")) return { ok: false, problem: url.protocol === "http:" ? "url_not_https" : "url_invalid" };
  if (url.username !== "" || url.password !== "") return { ok: false, problem: "url_credentials" };
  if (url.hostname === "" || url.href.length > 2000 || /\s/u.test(url.href)) return { ok: false, problem: "url_invalid" };
  url.hash = "";
  const literal = hostLiteral(url.hostname);
  if (literal !== null && !allowPrivate && isForbiddenAddress(literal)) return { ok: false, problem: "url_private" };
  return { ok: true, url };
}

/** The IP address a URL's hostname is written as (`[::1]` → `::1`), or null for a name. */
export function hostLiteral(hostname: string): string | null {
  const bare = hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
  return isIP(bare) === 0 ? null : bare;
}
