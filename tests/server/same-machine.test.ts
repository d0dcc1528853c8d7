import { describe, expect, it } from "vitest";
import { forwardedClients, isLoopbackAddress, isSameMachine } from "../../server/same-machine";

describe("loopback addresses", () => {
  it.each(["127.0.0.1", "127.0.0.53", "127.255.255.254", "::1", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1", "::ffff:7f00:1"])("%s is this machine", (address) => {
    expect(isLoopbackAddress(address)).toBe(true);
  });

  it.each(["192.0.2.2", "10.0.0.1", "0.0.0.0", "::", "fd00::2", "fe80::1", "::ffff:192.0.2.2", "128.0.0.1", "localhost", "127.0.0.1.evil.example", "unknown", "_hidden", ""])(
    "%s is not",
    (address) => {
      expect(isLoopbackAddress(address)).toBe(false);
    },
  );
});

describe("the clients forwarding headers name", () => {
  it("reads X-Forwarded-For lists, RFC 7239 Forwarded, and the single-client headers of proxies and tunnels", () => {
    expect(forwardedClients({ "x-forwarded-for": "203.0.113.7, 127.0.0.1" })).toEqual(["203.0.113.7", "127.0.0.1"]);
    expect(forwardedClients({ forwarded: 'for=192.0.2.60;proto=http;by=203.0.113.43, for="[2001:db8:cafe::17]:4711"' })).toEqual(["192.0.2.60", "2001:db8:cafe::17"]);
    expect(forwardedClients({ forwarded: "proto=https;by=127.0.0.1" })).toEqual([]);
    expect(forwardedClients({ "x-real-ip": "198.51.100.4:5123" })).toEqual(["198.51.100.4"]);
    expect(forwardedClients({ "cf-connecting-ip": "2001:db8::1", "true-client-ip": "198.51.100.5" })).toEqual(["2001:db8::1", "198.51.100.5"]);
    expect(forwardedClients({ host: "localhost:3000", "x-forwarded-host": "evil.example" })).toEqual([]);
  });
});

describe("a request from the same machine", () => {
  const local = (socketAddress: string | undefined, headers: Record<string, string> = {}) => isSameMachine({ socketAddress, headers });

  it("comes from a loopback address, IPv4, IPv6 or IPv4-mapped", () => {
    expect(local("127.0.0.1")).toBe(true);
    expect(local("::1")).toBe(true);
    expect(local("::ffff:127.0.0.1")).toBe(true);
  });

  it("is never one from another address of this machine or of the network", () => {
    for (const address of ["192.0.2.2", "::ffff:192.0.2.2", "fd00::2", "10.1.2.3", undefined]) expect(local(address), String(address)).toBe(false);
  });

  it("is not one a proxy or tunnel on this machine forwards for a remote client, trusted or not", () => {
    expect(local("127.0.0.1", { "x-forwarded-for": "203.0.113.7" })).toBe(false);
    // A chain that passed through this machine still started elsewhere.
    expect(local("127.0.0.1", { "x-forwarded-for": "203.0.113.7, 127.0.0.1" })).toBe(false);
    expect(local("::1", { forwarded: "for=203.0.113.7" })).toBe(false);
    expect(local("127.0.0.1", { "x-real-ip": "192.0.2.2" })).toBe(false);
    expect(local("127.0.0.1", { "cf-connecting-ip": "2001:db8::1" })).toBe(false);
    // Names that hide the client are not this machine either.
    expect(local("127.0.0.1", { forwarded: "for=unknown" })).toBe(false);
    expect(local("127.0.0.1", { forwarded: "for=_tunnel" })).toBe(false);
    expect(local("127.0.0.1", { "x-forwarded-for": "not an address" })).toBe(false);
  });

  it("stays this machine's when a local proxy forwards for a local client", () => {
    expect(local("127.0.0.1", { "x-forwarded-for": "127.0.0.1" })).toBe(true);
    expect(local("127.0.0.1", { forwarded: 'for="[::1]:51234";proto=http' })).toBe(true);
    expect(local("127.0.0.1", { "x-forwarded-host": "example.org", "x-forwarded-proto": "https" })).toBe(true);
  });
});
