import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeReceipt, parseReceipt } from "~/modules/transparency/receipt";
import { receiptFragment, receiptTextFromFragment } from "~/lib/links/receipt-links";

const receipt = makeReceipt("https://treaty.example/petitions/ban-the-bomb", 41, "5d1e0c9a-2b7f-4c1e-8a3d-6f5e4d3c2b1a", new Uint8Array(32).fill(0x3c));

describe("a receipt in a link's fragment", () => {
  it("goes into `receipt=` as base64url, without padding or characters a URL would escape", () => {
    const fragment = receiptFragment(receipt);
    expect(fragment).toMatch(/^receipt=[A-Za-z0-9_-]+$/u);
    expect(encodeURIComponent(fragment.slice("receipt=".length))).toBe(fragment.slice("receipt=".length));
  });

  it("comes back as the receipt's JSON, with or without the #, among other parameters", () => {
    const fragment = receiptFragment(receipt);
    for (const hash of [`#${fragment}`, fragment, `#lang=fr&${fragment}`, `#${fragment}&x=1`]) {
      const text = receiptTextFromFragment(hash);
      expect(text, hash).not.toBeNull();
      expect(parseReceipt(text)).toEqual({ ok: true, receipt });
    }
  });

  it("round-trips any text, whatever its characters (the page decides whether it is a receipt)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (text) => {
        const fragment = `receipt=${Buffer.from(text, "utf8").toString("base64url")}`;
        expect(receiptTextFromFragment(`#${fragment}`)).toBe(text === "" ? null : text);
      }),
    );
  });

  it("gives nothing for a fragment without a receipt, or one that is not base64url of UTF-8", () => {
    for (const hash of ["", "#", "#receipt=", "#other=abc", "#receipts=eyJ9", "#receipt=not base64!", "#receipt=abcde", "#receipt=eyJ%3D"]) {
      expect(receiptTextFromFragment(hash), hash).toBeNull();
    }
    // 0xff 0xfe is no UTF-8.
    expect(receiptTextFromFragment(`#receipt=${Buffer.from([0xff, 0xfe, 0x41]).toString("base64url")}`)).toBeNull();
  });

  it("still leaves a tampered receipt for the parser to refuse by its field", () => {
    const tampered = { ...receipt, index: 42, commitment: receipt.commitment.replace(/^./u, (c) => (c === "0" ? "1" : "0")) };
    const text = receiptTextFromFragment(`#receipt=${Buffer.from(JSON.stringify(tampered)).toString("base64url")}`);
    expect(parseReceipt(text)).toEqual({ ok: false, problem: "commitment_mismatch" });
  });
});
