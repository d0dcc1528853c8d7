import { Form, Link, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { organizerNav, type OrganizerSection, type SignedInBadge } from "~/modules/organizer/organizer-nav";

/**
 * The workspace's sections as a list of links (the current one marked with aria-current), and
 * who is signed in with the way out. Shown on every organizer page to a signed-in organizer.
 */
export function OrganizerBar({ lng }: { lng: string }) {
  const { t } = useTranslation("organize");
  const { pathname } = useLocation();
  const organizer = useRouteLoaderData<{ organizer: SignedInBadge | null }>("root")?.organizer;
  if (!organizer) return null;
  const label: Record<OrganizerSection, string> = {
    campaigns: t("nav.campaigns"),
    targets: t("home.targets"),
    facts: t("home.facts"),
    leads: t("leads.title"),
    alerts: t("alerts.title"),
    people: t("home.people"),
    organizers: t("organizers.title"),
    audit: t("audit.title"),
    apiKeys: t("organizeApi:keys.title"),
    webhooks: t("organizeApi:webhooks.title"),
    partners: t("organizePartners:partners.title"),
    trustedDomains: t("trending.trustedDomains.title"),
  };
  return (
    <div className="organizer-bar">
      <nav aria-label={t("nav.label")}>
        <ul className="organizer-nav">
          {organizerNav(organizer.role, lng, pathname).map((item) => (
            <li key={item.section}>
              <Link to={item.href} aria-current={item.current}>
                {label[item.section]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="organizer-account">
        <p>{t("home.signedInAs", { email: organizer.email, role: organizer.role === "partner" ? t("organizePartners:scope.role") : t(`roles.${organizer.role}`) })}</p>
        <Form method="post" action={`/${lng}/organize/sign-out`}>
          <input type="hidden" name="csrf" value={organizer.csrf} />
          <button type="submit">{t("home.signOut")}</button>
        </Form>
      </div>
    </div>
  );
}
