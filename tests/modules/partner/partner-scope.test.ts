import { describe, expect, it } from "vitest";
import { PARTNER_SECTIONS, partnerChoiceError, partnerFilterOf, partnerRuns, scopeOfAccount } from "~/modules/partner/partner-scope";
import { organizerNav } from "~/modules/organizer/organizer-nav";
import { can, ROLES, type Permission } from "~/modules/organizer/roles";

describe("a partner account's scope", () => {
  it("is its one partner for the partner role, the whole workspace for every other role", () => {
    expect(scopeOfAccount({ role: "partner", partnerId: 7 })).toEqual({ kind: "partner", partnerId: 7 });
    for (const role of ["viewer", "organizer", "admin"] as const) expect(scopeOfAccount({ role, partnerId: null })).toEqual({ kind: "workspace" });
    // A partner account without a partner (the database refuses one) opens nothing.
    expect(scopeOfAccount({ role: "partner", partnerId: null })).toBeNull();
  });

  it("limits a dashboard to the partner's own figures, and no one else's", () => {
    expect(partnerFilterOf({ kind: "partner", partnerId: 3 })).toEqual({ partnerId: 3 });
    expect(partnerFilterOf({ kind: "workspace" })).toBeNull();
  });

  it("opens a campaign only when the partner runs that very campaign of that kind", () => {
    const runs = { petitionIds: [1, 4], letterCampaignIds: [2] };
    expect(partnerRuns(runs, "petition", 4)).toBe(true);
    expect(partnerRuns(runs, "petition", 2)).toBe(false);
    expect(partnerRuns(runs, "letter_campaign", 2)).toBe(true);
    expect(partnerRuns(runs, "letter_campaign", 1)).toBe(false);
    expect(partnerRuns({ petitionIds: [], letterCampaignIds: [] }, "petition", 1)).toBe(false);
  });

  it("grants the partner role none of the workspace's permissions: every other page answers 403", () => {
    const permissions: Permission[] = ["read_dashboards", "edit_campaigns", "moderate", "export_signatures", "export_emails", "manage_organizers", "read_audit_log", "privacy_operations"];
    for (const permission of permissions) expect(can("partner", permission), permission).toBe(false);
    expect(ROLES).toContain("partner");
  });

  it("shows a partner account only the campaigns in the navigation", () => {
    expect(PARTNER_SECTIONS).toEqual(["campaigns"]);
    expect(organizerNav("partner", "fr", "/fr/organize/petitions/stop")).toEqual([{ section: "campaigns", href: "/fr/organize", current: "true" }]);
  });
});

describe("the partner chosen with a role", () => {
  it.each([
    ["partner", "digital-rights", null],
    ["partner", 12, null],
    ["partner", "", "partner_missing"],
    ["partner", "  ", "partner_missing"],
    ["partner", undefined, "partner_missing"],
    ["partner", null, "partner_missing"],
    ["admin", "digital-rights", "partner_not_for_role"],
    ["viewer", 3, "partner_not_for_role"],
    ["organizer", "", null],
    ["admin", undefined, null],
  ] as const)("%s with %j → %s", (role, partner, error) => {
    expect(partnerChoiceError(role, partner)).toBe(error);
  });
});
