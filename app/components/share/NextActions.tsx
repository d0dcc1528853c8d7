import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CampaignCard } from "~/components/share/CampaignCard";
import type { NextAction } from "~/modules/share/next-actions";
import { campaignPath } from "~/modules/share/share-links";

/** "What next": the campaigns that fit after an action, then following the country. Nothing when there is none. */
export function NextActions({ lng, actions }: { lng: string; actions: NextAction[] }) {
  const { t } = useTranslation("share");
  if (actions.length === 0) return null;
  const follow = actions.find((a) => a.kind === "follow");
  return (
    <section className="next-step" aria-labelledby="next-step-title">
      <h2 id="next-step-title">{t("block.next.title")}</h2>
      <ul className="campaign-cards">
        {actions.map((action) =>
          action.kind === "follow" ? null : (
            <CampaignCard
              key={`${action.kind}-${action.slug}`}
              {...action}
              href={`${campaignPath(lng, action)}${action.kind === "letter_campaign" && action.country ? `?country=${action.country}` : ""}`}
              action={t(action.kind === "petition" ? "block.next.sign" : "block.next.write")}
            />
          ),
        )}
      </ul>
      {follow?.kind === "follow" ? (
        <p>
          <Link to={`/${lng}/countries/${follow.country}/follow`}>{t("block.next.follow", { country: follow.countryName })}</Link>
        </p>
      ) : null}
    </section>
  );
}
