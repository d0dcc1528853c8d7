import { readReferralCode } from "../campaign/referral-code";

/** What a share link leads to: a campaign's public page. */
export interface SharedCampaign {
  kind: "petition" | "letter_campaign";
  slug: string;
}

/** A campaign's public page, in a language: `/{lng}/petitions/{slug}` or `/{lng}/letters/{slug}`. */
export function campaignPath(lng: string, campaign: SharedCampaign): string {
  return `/${lng}/${campaign.kind === "petition" ? "petitions" : "letters"}/${encodeURIComponent(campaign.slug)}`;
}

/**
 * The link a person shares: the campaign's page in the language they read it in, with their own
 * referral code (`?ref=`) when they have one, so what it brings in is counted for them. A code
 * of the wrong shape is left out rather than passed on.
 */
export function shareUrl(publicUrl: string, lng: string, campaign: SharedCampaign, ref: unknown = null): string {
  const code = readReferralCode(ref);
  const base = `${publicUrl.replace(/\/+$/u, "")}${campaignPath(lng, campaign)}`;
  return code ? `${base}?ref=${encodeURIComponent(code)}` : base;
}

/** A plain link to share on a network or in a messenger: nothing loads from them until it is followed. */
export interface ShareTarget {
  /** Stable, for keys and tests; `email` and `sms` are named in the reader's language by the page. */
  id: "email" | "sms" | "whatsapp" | "telegram" | "facebook" | "x" | "bluesky" | "linkedin" | "reddit";
  href: string;
}

/**
 * The share links for `url` with `text` (the campaign's title). Signal has no share link, so it is
 * not here: the copied link or the system's share sheet reaches it.
 */
export function shareTargets(url: string, text: string): ShareTarget[] {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(text);
  const message = encodeURIComponent(`${text} ${url}`);
  return [
    { id: "email", href: `mailto:?subject=${t}&body=${message}` },
    // `?&body=` is read by both iOS and Android messaging apps.
    { id: "sms", href: `sms:?&body=${message}` },
    { id: "whatsapp", href: `https://wa.me/?text=${message}` },
    { id: "telegram", href: `https://t.me/share/url?url=${u}&text=${t}` },
    { id: "facebook", href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { id: "x", href: `https://x.com/intent/post?text=${t}&url=${u}` },
    { id: "bluesky", href: `https://bsky.app/intent/compose?text=${message}` },
    { id: "linkedin", href: `https://www.linkedin.com/sharing/share-offsite/?url=${u}` },
    { id: "reddit", href: `https://www.reddit.com/submit?url=${u}&title=${t}` },
  ];
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/u;
const MAX_TEXT = 1000;

/**
 * A Mastodon (or other fediverse) server's host name as a person types it — `mastodon.social`,
 * `https://Mastodon.Social/`, `@me@mastodon.social`, an internationalized name — in the ASCII form
 * a URL uses, or null when it is not a public host name: at least two labels, letters in the last,
 * no port, path, user part, address literal or `localhost`.
 */
export function mastodonInstance(raw: string): string | null {
  let text = raw.trim().toLowerCase().replace(/^https?:\/\//u, "").replace(/\/+$/u, "");
  // "@name@host" or "name@host": the host is after the last "@".
  if (/^@?[\p{L}\p{N}_.-]+@[^@/]+$/u.test(text)) text = text.slice(text.lastIndexOf("@") + 1);
  if (text === "" || text.length > 253 || /[^\p{L}\p{N}.-]/u.test(text)) return null;
  let host: string;
  try {
    host = new URL(`https://${text}/`).hostname;
  } catch {
    return null;
  }
  const labels = host.split(".");
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
  // The last label (the top-level domain) has a letter: no address literal such as 10.0.0.1.
  if (!/[a-z]/u.test(labels[labels.length - 1]!)) return null;
  return host;
}

/** Where a Mastodon server composes a post with `text`. */
export function mastodonShareUrl(instance: string, text: string): string {
  return `https://${instance}/share?text=${encodeURIComponent(text.slice(0, MAX_TEXT))}`;
}
