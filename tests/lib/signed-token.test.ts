import { describe, expect, it } from "vitest";
import { signValue, verifySignedValue } from "~/lib/signed-token.server";

describe("signed tokens", () => {
  it("round-trip a value", () => {
    const token = signValue("unsubscribe", "ada@example.org", ["s1"]);
    expect(verifySignedValue("unsubscribe", token, ["s1"])).toBe("ada@example.org");
  });
  it("still verify with an older secret after rotation", () => {
    const token = signValue("unsubscribe", "ada@example.org", ["old"]);
    expect(verifySignedValue("unsubscribe", token, ["new", "old"])).toBe("ada@example.org");
  });
  it("refuse a changed value, another purpose, another secret or garbage", () => {
    const token = signValue("unsubscribe", "ada@example.org", ["s1"]);
    const [, signature] = token.split(".");
    const forged = `${Buffer.from("eve@example.org").toString("base64url")}.${signature}`;
    expect(verifySignedValue("unsubscribe", forged, ["s1"])).toBeNull();
    expect(verifySignedValue("confirm", token, ["s1"])).toBeNull();
    expect(verifySignedValue("unsubscribe", token, ["s2"])).toBeNull();
    for (const junk of ["", ".", "a.b.c", "abc", "%%%.%%%"]) expect(verifySignedValue("unsubscribe", junk, ["s1"])).toBeNull();
  });
});
