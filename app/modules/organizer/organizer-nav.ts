import type { OrganizerRole } from "../../../db/schema";
import { PARTNER_SECTIONS } from "../partner/partner-scope";
import { can, type Permission } from "./roles";

/** Who is signed in, as the root loader hands it to every page (the bar, and the CSRF token for forms). */
export interface SignedInBadge {
  email: string;
  role: OrganizerRole;
  csrf: string;
}

/** The sections of the organizer workspace, in the order the navigation shows them. */
const SECTIONS = [
  // The home lists the campaigns; a campaign's dashboard, editor and moderation belong to it.
  { key: "campaigns", path: "", permission: "read_dashboards", also: ["/petitions/", "/letters/"] },
  { key: "targets", path: "/targets", permission: "read_dashboards", also: [] },
  { key: "facts", path: "/countries", permission: "read_dashboards", also: [] },
  { key: "leads", path: "/leads", permission: "read_dashboards", also: [] },
  { key: "alerts", path: "/alerts", permission: "read_dashboards", also: [] },
  { key: "people", path: "/people", permission: "privacy_operations", also: [] },
  { key: "organizers", path: "/organizers", permission: "manage_organizers", also: [] },
  { key: "partners", path: "/partners", permission: "manage_partners", also: [] },
  { key: "audit", path: "/audit", permission: "read_audit_log", also: [] },
  { key: "apiKeys", path: "/api-keys", permission: "manage_api_keys", also: [] },
  { key: "webhooks", path: "/webhooks", permission: "manage_webhooks", also: [] },
  { key: "trustedDomains", path: "/trusted-domains", permission: "manage_trusted_domains", also: [] },
] as const satisfies readonly { key: string; path: string; permission: Permission; also: readonly string[] }[];

export type OrganizerSection = (typeof SECTIONS)[number]["key"];

export interface OrganizerNavItem {
  section: OrganizerSection;
  href: string;
  /** `page` on the section's own page, `true` on a page within it, else absent (aria-current). */
  current?: "page" | "true";
}

/** Whether a role may open a section: by its permission, or for a partner account, the few sections partner scope opens. */
const opens = (role: OrganizerRole, section: (typeof SECTIONS)[number]) => (role === "partner" ? PARTNER_SECTIONS.includes(section.key) : can(role, section.permission));

/** The sections a role may open, the one the page at `pathname` is in marked as current. */
export function organizerNav(role: OrganizerRole, lng: string, pathname: string): OrganizerNavItem[] {
  const home = `/${lng}/organize`;
  const path = pathname.replace(/\/+$/u, "");
  return SECTIONS.filter((section) => opens(role, section)).map(({ key, path: sectionPath, also }) => {
    const href = `${home}${sectionPath}`;
    const inside = (sectionPath !== "" && path.startsWith(`${href}/`)) || also.some((prefix) => path.startsWith(`${home}${prefix}`));
    const current = path === href ? "page" : inside ? "true" : undefined;
    return current ? { section: key, href, current } : { section: key, href };
  });
}
