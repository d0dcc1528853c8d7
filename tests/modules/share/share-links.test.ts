import { describe, expect, it } from "vitest";
import { campaignPath, mastodonInstance, mastodonShareUrl, shareTargets, shareUrl } from "../../../app/modules/share/share-links";

const PUBLIC = "https://treaty.example.org";

describe("shareUrl", () => {
  it("leads to the campaign's page in the reader's language, with the person's referral code", () => {
    expect(shareUrl(PUBLIC, "fr", { kind: "petition", slug: "stop-it" }, "Abc_12-x")).toBe("https://treaty.example.org/fr/petitions/stop-it?ref=Abc_12-x");
    expect(shareUrl(`${PUBLIC}/`, "ar", { kind: "letter_campaign", slug: "write" }, "ZZZZZZZZ")).toBe("https://treaty.example.org/ar/letters/write?ref=ZZZZZZZZ");
  });

  it("leaves out a code of the wrong shape or none at all", () => {
    for (const ref of [null, undefined, "", "short", "has space!", "<script>", "x".repeat(33), ["Abcdefgh"]]) {
      expect(shareUrl(PUBLIC, "en", { kind: "petition", slug: "p" }, ref)).toBe("https://treaty.example.org/en/petitions/p");
    }
  });

  it("names the two kinds of page", () => {
    expect(campaignPath("zh", { kind: "petition", slug: "a" })).toBe("/zh/petitions/a");
    expect(campaignPath("ru", { kind: "letter_campaign", slug: "b" })).toBe("/ru/letters/b");
  });
});

describe("shareTargets", () => {
  const url = "https://treaty.example.org/en/petitions/p?ref=Abcdefgh";
  const targets = shareTargets(url, "Stop it & now");
  const href = (id: string) => targets.find((t) => t.id === id)!.href;

  it("offers mail, text messages, messengers and networks, each a plain link carrying the whole link", () => {
    expect(targets.map((t) => t.id)).toEqual(["email", "sms", "whatsapp", "telegram", "facebook", "x", "bluesky", "linkedin", "reddit"]);
    for (const t of targets) expect(decodeURIComponent(t.href)).toContain(url);
  });

  it("encodes the text and link so that neither breaks the share URL", () => {
    expect(href("email")).toBe(`mailto:?subject=Stop%20it%20%26%20now&body=${encodeURIComponent(`Stop it & now ${url}`)}`);
    expect(href("telegram")).toBe(`https://t.me/share/url?url=${encodeURIComponent(url)}&text=Stop%20it%20%26%20now`);
    expect(new URL(href("reddit")).searchParams.get("url")).toBe(url);
    expect(new URL(href("x")).searchParams.get("url")).toBe(url);
    expect(new URL(href("linkedin")).searchParams.get("url")).toBe(url);
  });

  it("names no server but the networks' own (no script, no tracker of ours)", () => {
    const hosts = targets.filter((t) => t.href.startsWith("https:")).map((t) => new URL(t.href).host);
    expect(hosts).toEqual(["wa.me", "t.me", "www.facebook.com", "x.com", "bsky.app", "www.linkedin.com", "www.reddit.com"]);
  });
});

describe("mastodonInstance", () => {
  it("reads a server's name as people type it", () => {
    expect(mastodonInstance("mastodon.social")).toBe("mastodon.social");
    expect(mastodonInstance("  https://Mastodon.Social/ ")).toBe("mastodon.social");
    expect(mastodonInstance("@alice@chaos.social")).toBe("chaos.social");
    expect(mastodonInstance("alice@fosstodon.org")).toBe("fosstodon.org");
    expect(mastodonInstance("social.tchncs.de")).toBe("social.tchncs.de");
    expect(mastodonInstance("mastodon.ünicode.example")).toBe("mastodon.xn--nicode-2ya.example");
  });

  it("refuses what is not a public host name", () => {
    for (const raw of ["", "localhost", "mastodon", "10.0.0.1", "[::1]", "evil.example/path", "evil.example:8080", "a..b", "-bad.example", "bad-.example", "user:pw@host.example", "host.example?x=1", "javascript:alert(1)", `${"a".repeat(64)}.example`, "a b.example"]) {
      expect(mastodonInstance(raw), raw).toBeNull();
    }
  });

  it("composes on that server with the text", () => {
    expect(mastodonShareUrl("mastodon.social", "Sign & share https://x.example/?ref=a")).toBe("https://mastodon.social/share?text=Sign%20%26%20share%20https%3A%2F%2Fx.example%2F%3Fref%3Da");
  });
});
