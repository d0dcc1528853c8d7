import type { OrganizerRole } from "../../../db/schema";

export const ROLES: readonly OrganizerRole[] = ["viewer", "organizer", "admin", "partner"];

/**
 * What each role may do. Admins do everything; organizers run campaigns,
 * facts, targets and moderation; viewers read dashboards and change nothing.
 */
export type Permission =
  | "read_dashboards"
  | "edit_campaigns"
  | "moderate"
  | "export_signatures"
  | "export_emails"
  | "manage_organizers"
  | "read_audit_log"
  | "privacy_operations"
  | "manage_api_keys"
  | "manage_webhooks"
  | "manage_partners"
  /** The allow-list of email domains that never trend: it counts signatures on every petition. */
  | "manage_trusted_domains";

const GRANTS: Record<OrganizerRole, readonly Permission[]> = {
  viewer: ["read_dashboards"],
  // A partner's people reach only their own partner's pages, checked by partner scope, not by these.
  partner: [],
  organizer: ["read_dashboards", "edit_campaigns", "moderate", "export_signatures"],
  admin: ["read_dashboards", "edit_campaigns", "moderate", "export_signatures", "export_emails", "manage_organizers", "read_audit_log", "privacy_operations", "manage_partners", "manage_api_keys", "manage_webhooks", "manage_trusted_domains"],
};

export function can(role: OrganizerRole, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function isRole(value: unknown): value is OrganizerRole {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Organizers sign in with their address as typed in any case. */
export function organizerEmailKey(email: string): string {
  return email.trim().normalize("NFC").toLowerCase();
}
