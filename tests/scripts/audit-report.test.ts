import { describe, expect, it } from "vitest";
import { readAudit } from "../../scripts/audit-report";

const report = (counts: Record<string, number>, vulnerabilities: Record<string, unknown> = {}) =>
  JSON.stringify({ auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...counts } } });

describe("reading npm audit's JSON", () => {
  it("is clean with only low and moderate findings", () => {
    expect(readAudit(report({ moderate: 2, total: 2 }))).toMatchObject({ kind: "clean", counts: { moderate: 2 } });
  });

  it("lists high and critical findings, with the advisory they come from", () => {
    const verdict = readAudit(
      report(
        { high: 1, moderate: 1, total: 2 },
        {
          tar: { name: "tar", severity: "high", range: "<=7.5.2", via: [{ title: "Arbitrary file overwrite", url: "https://example.org/a" }] },
          esbuild: { name: "esbuild", severity: "moderate", range: "<=0.24.2", via: [{ title: "dev server" }] },
        },
      ),
    );
    expect(verdict).toEqual({ kind: "vulnerable", counts: expect.objectContaining({ high: 1 }), findings: ["tar high <=7.5.2: Arbitrary file overwrite https://example.org/a"] });
  });

  it("names a critical finding that comes through another package", () => {
    const verdict = readAudit(report({ critical: 1, total: 1 }, { wrapper: { name: "wrapper", severity: "critical", range: "*", via: ["inner"] } }));
    expect(verdict).toMatchObject({ kind: "vulnerable", findings: ["wrapper critical *: inner"] });
  });

  it("cannot tell when the audit service refuses or is unreachable, and says why", () => {
    expect(readAudit(JSON.stringify({ message: "405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk", statusCode: 405 }))).toEqual({
      kind: "unknown",
      reason: "HTTP 405: 405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk",
    });
    expect(readAudit(JSON.stringify({ error: { code: "ENOTFOUND", summary: "getaddrinfo ENOTFOUND registry.example" } }))).toEqual({
      kind: "unknown",
      reason: "ENOTFOUND: getaddrinfo ENOTFOUND registry.example",
    });
    expect(readAudit("")).toMatchObject({ kind: "unknown", reason: "npm audit printed nothing" });
    expect(readAudit("npm ERR! something")).toMatchObject({ kind: "unknown" });
  });
});
