/** Providers where dots in the local part are ignored (the same mailbox). */
const DOT_BLIND_DOMAINS: Record<string, string> = { "gmail.com": "gmail.com", "googlemail.com": "gmail.com" };

/**
 * The address as we store and mail it: surrounding space removed, Unicode in
 * NFC, the domain in lower case (the local part is the mailbox owner's).
 */
export function cleanEmail(typed: string): string {
  const trimmed = typed.normalize("NFC").trim();
  const at = trimmed.lastIndexOf("@");
  return at < 0 ? trimmed : `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
}

/**
 * The key for "one signature per person": one mailbox, one key. Case is folded,
 * `+tags` dropped, and for Gmail dots ignored, so `Ann.Lee+x@Gmail.com` and
 * `annlee@googlemail.com` are one person. Used for the duplicate check only.
 */
export function emailKey(typed: string): string {
  const clean = cleanEmail(typed).normalize("NFKC").toLowerCase();
  const at = clean.lastIndexOf("@");
  if (at < 0) return clean;
  let local = clean.slice(0, at);
  let domain = clean.slice(at + 1);
  const plus = local.indexOf("+");
  if (plus > 0) local = local.slice(0, plus);
  const canonical = DOT_BLIND_DOMAINS[domain];
  if (canonical) {
    domain = canonical;
    local = local.replaceAll(".", "");
  }
  return `${local}@${domain}`;
}

/**
 * Large public mail services: each address there is an account someone had
 * to open, and a popular petition gets thousands of their users an hour. A
 * flood from addresses of one domain is counted for every other domain (an
 * attacker's own domain with a catch-all mailbox costs nothing per address).
 */
const PUBLIC_MAIL_SERVICES = new Set([
  "gmail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "icloud.com", "me.com", "aol.com",
  "proton.me", "protonmail.com", "gmx.de", "gmx.net", "web.de", "t-online.de", "orange.fr", "free.fr", "laposte.net", "wanadoo.fr",
  "libero.it", "yandex.ru", "mail.ru", "qq.com", "163.com", "126.com", "naver.com", "rediffmail.com",
]);

/** The domain of an email key whose signatures are counted together against flooding, or null for a public mail service. */
export function floodDomainOf(key: string): string | null {
  const domain = key.slice(key.lastIndexOf("@") + 1);
  return domain === "" || PUBLIC_MAIL_SERVICES.has(domain) ? null : domain;
}
