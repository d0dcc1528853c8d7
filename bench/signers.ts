/**
 * Who signs on a viral day, for the signing benchmarks: most people write from
 * a large public mail service, the rest from thousands of small domains
 * (employers, universities, personal domains). Only the latter are counted per
 * domain against flooding, so a benchmark where everyone writes from one
 * domain would measure one hot rate-limit row, not the platform.
 */
const PUBLIC_SERVICES: ReadonlyArray<readonly [domain: string, share: number]> = [
  ["gmail.com", 40],
  ["outlook.com", 8],
  ["hotmail.com", 7],
  ["yahoo.com", 7],
  ["icloud.com", 5],
  ["proton.me", 3],
  ["gmx.de", 3],
  ["orange.fr", 2],
];
/** The remaining quarter of signers, spread over this many small domains. */
const SMALL_DOMAINS = 2000;

const table: string[] = PUBLIC_SERVICES.flatMap(([domain, share]) => Array<string>(share).fill(domain));
const PUBLIC_SHARE = table.length;

/** A distinct address for signer `n` of load process `tag`, from a realistic mix of domains. */
export function signerEmail(tag: number, n: number): string {
  const slot = (n * 7919) % 100; // a spread-out walk over the percentages
  const domain = slot < PUBLIC_SHARE ? table[slot]! : `org${(n * 104_729) % SMALL_DOMAINS}.example`;
  return `signer${tag}x${n}@${domain}`;
}
