import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * Which partners run a campaign (shown on its page under "Run with", their `?partner=` links
 * then work) and, per partner, whether its count is public.
 */
export function CampaignPartnersForm({
  lng,
  csrf,
  choices,
  running,
}: {
  lng: string;
  csrf: string;
  choices: readonly { id: number; code: string; name: string; active: boolean }[];
  running: readonly { id: number; showCount: boolean }[];
}) {
  const { t } = useTranslation("organizePartners");
  return (
    <Form method="post" className="sign-form" id="campaign-partners" aria-labelledby="campaign-partners-title">
      <h2 id="campaign-partners-title">{t("partners.campaign.title")}</h2>
      <input type="hidden" name="csrf" value={csrf} />
      {choices.length === 0 ? (
        <p>
          {t("partners.campaign.none")} <Link to={`/${lng}/organize/partners`}>{t("partners.title")}</Link>
        </p>
      ) : (
        <fieldset>
          <legend>{t("partners.campaign.legend")}</legend>
          {choices.map((p) => {
            const chosen = running.find((r) => r.id === p.id);
            return (
              <p className="form-check" key={p.id}>
                <input id={`campaign-partner-${p.id}`} type="checkbox" name="partner" value={p.id} defaultChecked={chosen !== undefined} />
                <label htmlFor={`campaign-partner-${p.id}`}>
                  <bdi>{p.name}</bdi> (<code>{p.code}</code>){p.active ? "" : ` — ${t("partners.state.inactive")}`}
                </label>{" "}
                <input id={`campaign-partner-count-${p.id}`} type="checkbox" name={`showCount-${p.id}`} defaultChecked={chosen?.showCount ?? false} />
                <label htmlFor={`campaign-partner-count-${p.id}`}>{t("partners.campaign.showCount", { partner: p.name })}</label>
              </p>
            );
          })}
        </fieldset>
      )}
      {choices.length > 0 ? (
        <button type="submit" name="intent" value="partners">
          {t("partners.campaign.save")}
        </button>
      ) : null}
    </Form>
  );
}
