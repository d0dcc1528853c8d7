import { describe, expect, it } from "vitest";
import { can, isRole, organizerEmailKey, ROLES, type Permission } from "~/modules/organizer/roles";

const ALL: Permission[] = ["read_dashboards", "edit_campaigns", "moderate", "export_signatures", "export_emails", "manage_organizers", "read_audit_log", "privacy_operations", "manage_webhooks", "manage_trusted_domains"];

describe("roles", () => {
  it("let viewers read and nothing else", () => {
    expect(ALL.filter((p) => can("viewer", p))).toEqual(["read_dashboards"]);
  });

  it("let organizers run campaigns but not see emails, people or the audit log", () => {
    expect(ALL.filter((p) => can("organizer", p))).toEqual(["read_dashboards", "edit_campaigns", "moderate", "export_signatures"]);
  });

  it("let admins do everything", () => {
    expect(ALL.every((p) => can("admin", p))).toBe(true);
  });

  it("are exactly three", () => {
    expect(ROLES.every(isRole)).toBe(true);
    expect(isRole("owner")).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });

  it("match sign-in addresses whatever their case and spacing", () => {
    expect(organizerEmailKey("  Maria@Example.ORG ")).toBe("maria@example.org");
  });
});
