/**
 * Paths whose last part is a secret handed out by mail or by the local
 * outbox (a confirm, withdraw, unsubscribe, letter status or sign-in link,
 * a mail file's name): `prefix` matches everything before it. Everything
 * after the prefix is replaced, so `/confirm/<token>/anything` is covered too.
 */
const SECRET_PATHS: readonly RegExp[] = [
  /^\/confirm\//u,
  /^\/withdraw\//u,
  /^\/unsubscribe\//u,
  /^\/letters\/status\//u,
  /^\/dev\/outbox\//u,
  /^\/[^/]+\/organize\/sign-in\//u,
];

/** A signed token of ours (`payload.mac`, both base64url) anywhere in a path. */
const SIGNED_TOKEN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{16,}$/u;
/** What a path segment may be to be logged as it is: route words, slugs, codes, ids, file names. */
const PLAIN_SEGMENT = /^[A-Za-z0-9._~-]{1,80}$/u;

function loggableSegment(raw: string): string {
  let segment = raw;
  try {
    segment = decodeURIComponent(raw);
  } catch {
    return "[redacted]";
  }
  if (segment === "") return "";
  if (SIGNED_TOKEN.test(segment)) return "[token]";
  // An address, a name with spaces, anything a person typed into the address bar.
  if (!PLAIN_SEGMENT.test(segment)) return "[redacted]";
  return raw;
}

/**
 * The request target as the log may keep it: no query string (it can carry
 * an address or a name typed into a GET form), no token of a mailed link, no
 * path segment that is not plainly one of ours. `/confirm/abc.def?lng=fr`
 * becomes `/confirm/[token]?[query]`.
 */
export function loggableUrl(url: string): string {
  const queryAt = url.indexOf("?");
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const query = queryAt < 0 ? "" : "?[query]";
  const plain = (part: string) => part.split("/").map(loggableSegment).join("/");
  for (const prefix of SECRET_PATHS) {
    const match = prefix.exec(path);
    if (match) return `${plain(match[0])}[token]${query}`;
  }
  return `${plain(path)}${query}`;
}
