import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isForbiddenAddress, mappedIpv4, webhookUrlProblem } from "~/modules/webhooks/webhook-address.server";
import { checkWebhookHost, guardedLookup } from "~/modules/webhooks/webhook-lookup.server";
import { nextAttempt, shouldDisable, subscriptionReceives } from "~/modules/webhooks/webhook-rules";
import { signatureHeader } from "~/modules/webhooks/webhook-signature.server";
import { newWebhookSecret, openWebhookSecret, sealWebhookSecret } from "~/modules/webhooks/webhook-secret.server";
import { parseSubscriptionForm } from "~/modules/webhooks/webhook-subscription.server";

describe("addresses webhooks may not reach", () => {
  it.each([
    "127.0.0.1", "127.255.0.9", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.100.100.200",
    "0.0.0.0", "224.0.0.1", "255.255.255.255", "::", "::1", "fe80::1", "fc00::1", "fd00:ec2::254", "ff02::1",
    "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:10.0.0.1", "::ffff:a9fe:a9fe", "::127.0.0.1", "64:ff9b::7f00:1", "2002:7f00:1::", "not an address",
  ])("refuses %s", (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each(["93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:93.184.215.14"])("allows %s", (address) => {
    expect(isForbiddenAddress(address)).toBe(false);
  });

  it("reads the IPv4 address inside an IPv4-mapped IPv6 address, in either spelling", () => {
    expect(mappedIpv4("::ffff:192.168.0.1")).toBe("192.168.0.1");
    expect(mappedIpv4("0:0:0:0:0:ffff:c0a8:1")).toBe("192.168.0.1");
    expect(mappedIpv4("2001:db8::1")).toBeNull();
  });

  it("checks a URL's form: https only unless private targets are allowed, no credentials, literal addresses judged", () => {
    expect(webhookUrlProblem("https://crm.example.org/hooks?x=1", false)).toMatchObject({ ok: true });
    expect(webhookUrlProblem("http://crm.example.org/hooks", false)).toEqual({ ok: false, problem: "url_not_https" });
    expect(webhookUrlProblem("http://127.0.0.1:3000/hooks", true)).toMatchObject({ ok: true });
    expect(webhookUrlProblem("ftp://crm.example.org/", true)).toEqual({ ok: false, problem: "url_invalid" });
    expect(webhookUrlProblem("not a url", false)).toEqual({ ok: false, problem: "url_invalid" });
    expect(webhookUrlProblem("https://a:b@crm.example.org/", false)).toEqual({ ok: false, problem: "url_credentials" });
    expect(webhookUrlProblem("https://[::1]/", false)).toEqual({ ok: false, problem: "url_private" });
    expect(webhookUrlProblem("https://0x7f.1/", false)).toEqual({ ok: false, problem: "url_private" });
  });

  it("refuses in the connection's own lookup a name that resolves to loopback, unless private targets are allowed", async () => {
    const lookup = (allowPrivate: boolean, all: boolean) =>
      new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((resolve) => guardedLookup(allowPrivate)("localhost", { all }, (error, address) => resolve({ error, address })));
    expect((await lookup(false, false)).error?.code).toBe("WEBHOOK_FORBIDDEN_ADDRESS");
    expect((await lookup(false, true)).error?.code).toBe("WEBHOOK_FORBIDDEN_ADDRESS");
    const allowed = await lookup(true, false);
    expect(allowed.error).toBeNull();
    expect(isForbiddenAddress(String(allowed.address))).toBe(true);
    expect(await checkWebhookHost("localhost", false)).toBe("url_private");
    expect(await checkWebhookHost("localhost", true)).toBe("ok");
  });
});

describe("signing, retrying and switching off", () => {
  it("signs t.<raw body> with HMAC-SHA256", () => {
    const at = new Date("2026-12-06T10:00:00Z");
    const header = signatureHeader("whsec_x", '{"a":1}', at);
    const t = Math.floor(at.getTime() / 1000);
    expect(header).toBe(`t=${t},v1=${createHmac("sha256", "whsec_x").update(`${t}.{"a":1}`).digest("hex")}`);
  });

  it("waits exponentially longer with jitter, capped, and gives up past the give-up time", () => {
    const policy = { baseDelayMs: 10_000, maxDelayMs: 3_600_000, giveUpAfterMs: 24 * 3_600_000 };
    const event = new Date("2026-12-06T00:00:00Z");
    const waitOf = (attempts: number, random: number) => {
      const next = nextAttempt(attempts, event, event, random, policy);
      return next === "give_up" ? null : next.retryAt.getTime() - event.getTime();
    };
    expect(waitOf(1, 0)).toBe(5_000);
    expect(waitOf(1, 0.999999)).toBeCloseTo(10_000, -1);
    expect(waitOf(2, 0)).toBe(10_000);
    expect(waitOf(4, 0.5)).toBe(60_000);
    expect(waitOf(30, 1)).toBe(3_600_000);
    expect(nextAttempt(5, event, new Date(event.getTime() + 23.99 * 3_600_000), 0.5, policy)).toBe("give_up");
  });

  it("switches a subscription off after 20 failures in a row lasting an hour, not before", () => {
    const now = new Date("2026-12-06T12:00:00Z");
    const ago = (ms: number) => new Date(now.getTime() - ms);
    expect(shouldDisable(20, ago(3_600_000), now)).toBe(true);
    expect(shouldDisable(19, ago(10 * 3_600_000), now)).toBe(false);
    expect(shouldDisable(500, ago(59 * 60_000), now)).toBe(false);
    expect(shouldDisable(20, null, now)).toBe(false);
  });

  it("gives a partner's subscription only people who consented to that partner", () => {
    const person = (partnerId: number | null, partnerConsent: boolean) => ({ emailKey: "a@example.org", partnerId, partnerConsent });
    expect(subscriptionReceives({ partnerId: 1 }, person(1, true))).toBe(true);
    expect(subscriptionReceives({ partnerId: 1 }, person(1, false))).toBe(false);
    expect(subscriptionReceives({ partnerId: 1 }, person(2, true))).toBe(false);
    expect(subscriptionReceives({ partnerId: 1 }, person(null, false))).toBe(false);
    expect(subscriptionReceives({ partnerId: null }, person(2, false))).toBe(true);
    expect(subscriptionReceives({ partnerId: 1 }, { emailKey: null, partnerId: null, partnerConsent: false })).toBe(true);
  });
});

describe("subscription secrets and forms", () => {
  it("seals a secret that opens with the secret it was sealed under, or an older one still listed, and not otherwise", () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/u);
    const sealed = sealWebhookSecret(secret, ["old"]);
    expect(sealed).not.toContain(secret);
    expect(openWebhookSecret(sealed, ["old"])).toBe(secret);
    expect(openWebhookSecret(sealed, ["new", "old"])).toBe(secret);
    expect(openWebhookSecret(sealed, ["new"])).toBeNull();
    const parts = sealed.split(".");
    parts[2] = `${parts[2]![0] === "A" ? "B" : "A"}${parts[2]!.slice(1)}`;
    expect(openWebhookSecret(parts.join("."), ["old"])).toBeNull();
  });

  it("reports each bad field", () => {
    expect(parseSubscriptionForm({ url: "http://x.example", events: "", ownerEmail: "nope" }, false)).toEqual({
      ok: false,
      errors: { url: "url_not_https", events: "events_required", ownerEmail: "email_invalid" },
    });
    expect(parseSubscriptionForm({ url: "https://x.example", events: "signature.confirmed,bogus", ownerEmail: "a@b.example" }, false)).toEqual({ ok: false, errors: { events: "event_unknown" } });
    expect(parseSubscriptionForm({ url: "https://x.example/h", events: ["update.sent", "signature.confirmed"], ownerEmail: " Ann@B.example ", language: "fr" }, false)).toEqual({
      ok: true,
      input: { url: "https://x.example/h", events: ["signature.confirmed", "update.sent"], ownerEmail: "ann@b.example", language: "fr" },
    });
  });
});
