/** Reading `npm audit --json`: what it found, or why it could not tell. */

export type AuditVerdict =
  | { kind: "clean"; counts: Record<string, number> }
  | { kind: "vulnerable"; counts: Record<string, number>; findings: string[] }
  | { kind: "unknown"; reason: string };

/** Severities that fail the check. */
export const FAILING = ["high", "critical"] as const;

interface AuditJson {
  metadata?: { vulnerabilities?: Record<string, number> };
  vulnerabilities?: Record<string, { name?: string; severity?: string; range?: string; via?: unknown[] }>;
  message?: string;
  statusCode?: number;
  error?: { code?: string; summary?: string; detail?: string };
}

/** One line per vulnerable package: name, severity, range, and the advisories or packages it comes through. */
function describe(name: string, entry: NonNullable<AuditJson["vulnerabilities"]>[string]): string {
  const via = (entry.via ?? []).map((v) => (typeof v === "string" ? v : ((v as { title?: string; url?: string }).title ?? "") + ((v as { url?: string }).url ? ` ${(v as { url: string }).url}` : "")));
  return `${name} ${entry.severity} ${entry.range ?? ""}: ${via.join("; ")}`.trim();
}

/**
 * `stdout` is what `npm audit --json` printed. A report has `metadata.vulnerabilities`;
 * anything else (an error object, nothing, not JSON) means the audit did not run.
 */
export function readAudit(stdout: string): AuditVerdict {
  let json: AuditJson;
  try {
    json = JSON.parse(stdout) as AuditJson;
  } catch {
    return { kind: "unknown", reason: stdout.trim() ? "npm audit printed something that is not a JSON report" : "npm audit printed nothing" };
  }
  const counts = json.metadata?.vulnerabilities;
  if (!counts) {
    const status = json.statusCode ? `HTTP ${json.statusCode}` : json.error?.code;
    const text = json.message ?? json.error?.summary ?? "no report";
    return { kind: "unknown", reason: [status, text].filter(Boolean).join(": ") };
  }
  const findings = Object.entries(json.vulnerabilities ?? {})
    .filter(([, entry]) => (FAILING as readonly string[]).includes(entry.severity ?? ""))
    .map(([name, entry]) => describe(name, entry));
  const failing = FAILING.reduce((sum, severity) => sum + (counts[severity] ?? 0), 0);
  return failing > 0 ? { kind: "vulnerable", counts, findings } : { kind: "clean", counts };
}
