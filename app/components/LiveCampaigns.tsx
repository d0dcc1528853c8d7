import { useTranslation } from "react-i18next";
import { LetterProgress } from "~/components/letter/LetterProgress";
import { PetitionProgress } from "~/components/petition/PetitionProgress";
import { CampaignCard } from "~/components/share/CampaignCard";
import { campaignPath } from "~/modules/share/share-links";

interface Campaign {
  kind: "petition" | "letter_campaign";
  slug: string;
  title: string;
  titleLanguage: string;
  count: number;
  goal: number | null;
}

/**
 * The live campaigns where most visitors land: each petition with its confirmed count and the
 * bar toward its goal, each letter campaign with its letters, and a link to act. The counts are
 * the page's (cached for a second): no request of their own.
 */
export function LiveCampaigns({ lng, campaigns }: { lng: string; campaigns: Campaign[] }) {
  const { t } = useTranslation();
  if (campaigns.length === 0) return null;
  return (
    <section className="live-campaigns" aria-labelledby="live-campaigns-title">
      <h2 id="live-campaigns-title">{t("home.live.title")}</h2>
      <ul className="campaign-cards">
        {campaigns.map((c) => (
          <CampaignCard key={`${c.kind}-${c.slug}`} {...c} href={campaignPath(lng, c)} action={t(c.kind === "petition" ? "asks:country.sign" : "asks:country.write")}>
            {c.kind === "petition" ? <PetitionProgress lng={lng} slug={c.slug} count={c.count} goal={c.goal} live={false} /> : <LetterProgress lng={lng} count={c.count} goal={c.goal} />}
          </CampaignCard>
        ))}
      </ul>
    </section>
  );
}
