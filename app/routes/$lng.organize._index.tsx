import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizerBar } from "~/components/organize/OrganizerBar";
import { privatePageHeaders } from "~/lib/cache-headers";
import { organizerMeta } from "~/lib/organizer-page";
import { formatNumber } from "~/lib/i18n/format";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { pageTitle } from "~/lib/i18n/translate.server";
import { campaignOverview } from "~/modules/campaign/campaign-overview.service.server";
import { requireOrganizer } from "~/web/organizer-session.server";
import { can } from "~/modules/organizer/roles";

/** The organizers' home: every campaign at a glance (every role may read it). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const organizer = await requireOrganizer(request, context, lng, "read_dashboards");
  return {
    lng,
    me: {
      csrf: organizer.csrfToken,
      exports: can(organizer.role, "export_signatures"),
      exportsEmails: can(organizer.role, "export_emails"),
      moderates: can(organizer.role, "moderate"),
      edits: can(organizer.role, "edit_campaigns"),
    },
    ...(await campaignOverview(context.db)),
    title: pageTitle(lng, "organize:home.title"),
  };
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function OrganizerHome() {
  const { lng, me, petitions, letterCampaigns } = useLoaderData<typeof loader>();
  const { t } = useTranslation("organize");
  return (
    <article className="organize">
      <OrganizerBar lng={lng} />
      <h1>{t("home.title")}</h1>

      <section aria-labelledby="petitions-title">
        <h2 id="petitions-title">{t("home.petitions")}</h2>
        {me.edits ? (
          <p>
            <Link to={`/${lng}/organize/petitions/new`}>{t("home.newPetition")}</Link>
          </p>
        ) : null}
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="petitions-title">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("home.campaign")}</th>
                <th scope="col">{t("home.status")}</th>
                <th scope="col">{t("home.confirmed")}</th>
                <th scope="col">{t("home.goal")}</th>
                {me.exports ? <th scope="col">{t("home.export")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {petitions.map((p) => (
                <tr key={p.slug}>
                  <th scope="row">
                    <Link to={`/${lng}/organize/petitions/${p.slug}`}>{p.slug}</Link>
                    {" · "}
                    <Link to={p.status === "draft" ? `/${lng}/petitions/${p.slug}?preview` : `/${lng}/petitions/${p.slug}`}>{t(p.status === "draft" ? "editor.preview" : "editor.publicPage")}</Link>
                    {me.edits ? (
                      <>
                        {" · "}
                        <Link to={`/${lng}/organize/petitions/${p.slug}/edit`}>{t("home.edit")}</Link>
                      </>
                    ) : null}
                    {me.moderates ? (
                      <>
                        {" · "}
                        <Link to={`/${lng}/organize/petitions/${p.slug}/moderation`}>{t("home.moderate")}</Link>
                      </>
                    ) : null}
                  </th>
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
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="letters-title">
        <h2 id="letters-title">{t("home.letterCampaigns")}</h2>
        {me.edits ? (
          <p>
            <Link to={`/${lng}/organize/letters/new`}>{t("home.newLetterCampaign")}</Link>
          </p>
        ) : null}
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="letters-title">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("home.campaign")}</th>
                <th scope="col">{t("home.status")}</th>
                <th scope="col">{t("home.deliveryMode")}</th>
                <th scope="col">{t("home.lettersConfirmed")}</th>
              </tr>
            </thead>
            <tbody>
              {letterCampaigns.map((c) => (
                <tr key={c.slug}>
                  <th scope="row">
                    <Link to={`/${lng}/organize/letters/${c.slug}`}>{c.slug}</Link>
                    {" · "}
                    <Link to={c.status === "draft" ? `/${lng}/letters/${c.slug}?preview` : `/${lng}/letters/${c.slug}`}>{t(c.status === "draft" ? "editor.preview" : "editor.publicPage")}</Link>
                    {me.edits ? (
                      <>
                        {" · "}
                        <Link to={`/${lng}/organize/letters/${c.slug}/edit`}>{t("home.edit")}</Link>
                      </>
                    ) : null}
                  </th>
                  <td>{t(`status.${c.status}`)}</td>
                  <td>{t(`deliveryMode.${c.deliveryMode}`)}</td>
                  <td>{formatNumber(lng, c.confirmedLetters)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </article>
  );
}
