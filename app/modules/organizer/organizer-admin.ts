import type { OrganizerRole } from "../../../db/schema";

export interface OrganizerStanding {
  id: number;
  role: OrganizerRole;
  active: boolean;
}

/**
 * Whether at least one active admin is left after `change`: the workspace must
 * never lock everyone out of managing it (the command line would be the only way back).
 */
export function keepsAnAdmin(organizers: readonly OrganizerStanding[], change: OrganizerStanding): boolean {
  return organizers.some((o) => {
    const after = o.id === change.id ? change : o;
    return after.role === "admin" && after.active;
  });
}

/** An account's role and access as the audit log records them (the partner only for a partner account). */
export const standingOf = (role: OrganizerRole, active: boolean, partnerId: number | null) => (partnerId === null ? { role, active } : { role, active, partnerId });
