import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CampaignRowHeading, CampaignSection } from "~/components/organize/CampaignOverview";
import { OrganizerBar } from "~/components/organize/OrganizerBar";
import { privatePageHeaders } from "~/lib/cache-headers";
import { organizerMeta } from "~/lib/organizer-page";
import { formatNumber } from "~/lib/i18n/format";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { pageTitle } from "~/lib/i18n/translate.server";
import { organizerHome } from "~/modules/organizer/organizer-home.service.server";
import { countryNameIn } from "~/web/follow-route.server";
import { requireScopedOrganizer } from "~/web/organizer-session.server";
import { partnerOverview } from "~/modules/partner/partner-scope.server";
import { PartnerHome } from "~/components/organize/PartnerHome";
import { can } from "~/modules/organizer/roles";

/** The organizers' home: every campaign at a glance (every role may read it); a partner account's home lists only its partner's campaigns. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const { organizer, scope } = await requireScopedOrganizer(request, context, lng, "read_dashboards");
  if (scope.kind === "partner") return { lng, csrf: organizer.csrfToken, partnerHome: await partnerOverview(context.db, scope.partnerId), title: pageTitle(lng, "organize:home.title") };
  return {
    lng,
    partnerHome: null,
    me: {
      csrf: organizer.csrfToken,
      exports: can(organizer.role, "export_signatures"),
      exportsEmails: can(organizer.role, "export_emails"),
      moderates: can(organizer.role, "moderate"),
      edits: can(organizer.role, "edit_campaigns"),
    },
    ...(await organizerHome(context.db, { treatySlug: context.config.treaty.slug, lng, countryNameIn })),
    title: pageTitle(lng, "organize:home.title"),
  };
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function OrganizerHome() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("organize");
  if (data.partnerHome) {
    return (
      <article className="organize">
        <OrganizerBar lng={data.lng} />
        <h1>{t("home.title")}</h1>
        <PartnerHome lng={data.lng} csrf={data.csrf} {...data.partnerHome} />
      </article>
    );
  }
  return <WorkspaceHome {...data} />;
}

function WorkspaceHome({ lng, me, petitions, letterCampaigns, followers }: Extract<ReturnType<typeof useLoaderData<typeof loader>>, { partnerHome: null }>) {
  const { t } = useTranslation("organize");
  return (
    <article className="organize">
      <OrganizerBar lng={lng} />
      <h1>{t("home.title")}</h1>

      <CampaignSection
        id="petitions-title"
        title={t("home.petitions")}
        newLink={me.edits ? { to: `/${lng}/organize/petitions/new`, label: t("home.newPetition") } : null}
        columns={[t("home.campaign"), t("home.status"), t("home.confirmed"), t("home.goal"), me.exports ? t("home.export") : null]}
      >
        {petitions.map((p) => (
          <tr key={p.slug}>
            <CampaignRowHeading lng={lng} path="petitions" slug={p.slug} status={p.status} edits={me.edits}>
              {me.moderates ? (
                <>
                  {" · "}
                  <Link to={`/${lng}/organize/petitions/${p.slug}/moderation`}>{t("home.moderate")}</Link>
                </>
              ) : null}
            </CampaignRowHeading>
            <td>{t(`status.${p.status}`)}</td>
            <td>{formatNumber(lng, p.confirmed)}</td>
            <td>{p.goal === null ? "—" : formatNumber(lng, p.goal)}</td>
            {me.exports ? (
              <td>
                <a href={`/${lng}/organize/petitions/${p.slug}/signatures.csv`} download>
                  {t("export.csv")}
                </a>
                {me.exportsEmails ? (
                  <>
                    {" · "}
                    {/* A POST with the CSRF token, never a link: another site cannot start this export in an admin's name. */}
                    <form method="post" action={`/${lng}/organize/petitions/${p.slug}/signatures.csv`} className="inline-action">
                      <input type="hidden" name="csrf" value={me.csrf} />
                      <button type="submit" className="link-button">
                        {t("export.csvWithEmails")}
                      </button>
                    </form>
                  </>
                ) : null}
              </td>
            ) : null}
          </tr>
        ))}
      </CampaignSection>

      <CampaignSection
        id="letters-title"
        title={t("home.letterCampaigns")}
        newLink={me.edits ? { to: `/${lng}/organize/letters/new`, label: t("home.newLetterCampaign") } : null}
        columns={[t("home.campaign"), t("home.status"), t("home.deliveryMode"), t("home.lettersConfirmed")]}
      >
        {letterCampaigns.map((c) => (
          <tr key={c.slug}>
            <CampaignRowHeading lng={lng} path="letters" slug={c.slug} status={c.status} edits={me.edits} />
            <td>{t(`status.${c.status}`)}</td>
            <td>{t(`deliveryMode.${c.deliveryMode}`)}</td>
            <td>{formatNumber(lng, c.confirmedLetters)}</td>
          </tr>
        ))}
      </CampaignSection>

      <section aria-labelledby="followers-title">
        <h2 id="followers-title">{t("followers.title")}</h2>
        <p>{t("followers.total", { total: formatNumber(lng, followers.total) })}</p>
        {followers.top.length > 0 ? (
          <>
            <h3>{t("followers.mostFollowed")}</h3>
            <ol className="most-followed">
              {followers.top.map((c) => (
                <li key={c.code3}>
                  <Link to={`/${lng}/organize/countries/${c.code3.toLowerCase()}`}>{c.name}</Link>
                  {": "}
                  {formatNumber(lng, c.followers)}
                </li>
              ))}
            </ol>
          </>
        ) : null}
        <p>
          <Link to={`/${lng}/organize/countries`}>{t("followers.allCountries")}</Link>
        </p>
      </section>
    </article>
  );
}
