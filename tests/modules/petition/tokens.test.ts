import { describe, expect, it } from "vitest";
import { checkFormToken, issueFormToken } from "~/modules/petition/form-token.server";
import {
  confirmUrlFor,
  signatureIdFromConfirmToken,
  signatureIdFromWithdrawToken,
  withdrawUrlFor,
} from "~/lib/links/signature-links.server";

const secrets = ["new-secret", "old-secret"];
const now = new Date("2026-11-28T12:00:00Z");
const DAY = 86_400_000;

describe("form tokens", () => {
  it("tell how long the form took to fill in", () => {
    const token = issueFormToken(7, now, secrets);
    expect(checkFormToken(token, 7, new Date(now.getTime() + 4200), DAY, secrets)).toEqual({ ok: true, fillMs: 4200 });
  });

  it("are refused for another petition, when forged, missing, stale or from the future", () => {
    const token = issueFormToken(7, now, secrets);
    expect(checkFormToken(token, 8, now, DAY, secrets).ok).toBe(false);
    expect(checkFormToken(token.replace(/.$/u, (c) => (c === "A" ? "B" : "A")), 7, now, DAY, secrets).ok).toBe(false);
    expect(checkFormToken("", 7, now, DAY, secrets).ok).toBe(false);
    expect(checkFormToken(token, 7, new Date(now.getTime() + DAY + 1), DAY, secrets).ok).toBe(false);
    expect(checkFormToken(token, 7, new Date(now.getTime() - 61_000), DAY, secrets).ok).toBe(false);
  });

  it("survive a secret rotation", () => {
    const token = issueFormToken(7, now, ["old-secret"]);
    expect(checkFormToken(token, 7, now, DAY, secrets).ok).toBe(true);
  });
});

describe("signature links", () => {
  const tokenOf = (url: string) => new URL(url).pathname.split("/")[2]!;

  it("carry the signature id, signed, and the reader's language", () => {
    const url = confirmUrlFor("42", "https://treaty.example.org", "fr", secrets);
    expect(url).toMatch(/^https:\/\/treaty\.example\.org\/confirm\/[\w-]+\.[\w-]+\?lng=fr$/u);
    expect(signatureIdFromConfirmToken(tokenOf(url), secrets)).toBe("42");
  });

  it("are not interchangeable between confirming and withdrawing", () => {
    const confirm = tokenOf(confirmUrlFor("42", "https://x.example", "en", secrets));
    const withdraw = tokenOf(withdrawUrlFor("42", "https://x.example", "en", secrets));
    expect(signatureIdFromWithdrawToken(confirm, secrets)).toBeNull();
    expect(signatureIdFromConfirmToken(withdraw, secrets)).toBeNull();
    expect(signatureIdFromWithdrawToken(withdraw, secrets)).toBe("42");
  });

  it("cannot be made for another signature without the secret", () => {
    const token = tokenOf(confirmUrlFor("42", "https://x.example", "en", secrets));
    const [, mac] = token.split(".");
    const forged = `${Buffer.from("signature:43").toString("base64url")}.${mac}`;
    expect(signatureIdFromConfirmToken(forged, secrets)).toBeNull();
    expect(signatureIdFromConfirmToken(token, ["another-secret"])).toBeNull();
  });
});
