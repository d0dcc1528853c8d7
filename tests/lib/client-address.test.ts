import { describe, expect, it } from "vitest";
import { clientOf, hashClientAddress } from "~/lib/client-address.server";

describe("the client a request counts as", () => {
  it("is the IPv4 address itself, also when written as IPv6", () => {
    expect(clientOf("192.0.2.1")).toBe("192.0.2.1");
    expect(clientOf("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(clientOf("::FFFF:192.0.2.1")).toBe("192.0.2.1");
  });

  it("is the /64 network of an IPv6 address, however it is written", () => {
    const same = ["2001:db8:1:2::1", "2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:0db8:0001:0002:0:0:0:ffff", "2001:DB8:1:2::1%eth0", "2001:db8:1:2:ffff::"];
    expect(new Set(same.map(clientOf))).toEqual(new Set(["2001:db8:1:2::/64"]));
    expect(clientOf("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(clientOf("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientOf("::1")).toBe("0:0:0:0::/64");
    expect(clientOf("64:ff9b::192.0.2.1")).toBe("64:ff9b:0:0::/64");
  });

  it("leaves anything else as it is", () => {
    expect(clientOf("unknown")).toBe("unknown");
    expect(clientOf("")).toBe("");
  });

  it("hashes one network to one value, different ones to different values", () => {
    const secrets = ["s"];
    expect(hashClientAddress("2001:db8:1:2::1", secrets)).toBe(hashClientAddress("2001:db8:1:2::99", secrets));
    expect(hashClientAddress("2001:db8:1:2::1", secrets)).not.toBe(hashClientAddress("2001:db8:1:3::1", secrets));
    expect(hashClientAddress("192.0.2.1", secrets)).toBe(hashClientAddress("::ffff:192.0.2.1", secrets));
    expect(hashClientAddress("192.0.2.1", secrets)).not.toBe(hashClientAddress("192.0.2.2", secrets));
  });
});
