import { describe, expect, it } from "vitest";
import { keepsAnAdmin } from "~/modules/organizer/organizer-admin";

describe("keepsAnAdmin", () => {
  const team = [
    { id: 1, role: "admin" as const, active: true },
    { id: 2, role: "organizer" as const, active: true },
  ];
  it("refuses to demote or deactivate the last active admin, allows it when another remains", () => {
    expect(keepsAnAdmin(team, { id: 1, role: "organizer", active: true })).toBe(false);
    expect(keepsAnAdmin(team, { id: 1, role: "admin", active: false })).toBe(false);
    expect(keepsAnAdmin(team, { id: 2, role: "viewer", active: false })).toBe(true);
    expect(keepsAnAdmin([...team, { id: 3, role: "admin", active: true }], { id: 1, role: "viewer", active: true })).toBe(true);
    // An inactive admin does not count.
    expect(keepsAnAdmin([...team, { id: 3, role: "admin", active: false }], { id: 1, role: "viewer", active: true })).toBe(false);
  });
});
