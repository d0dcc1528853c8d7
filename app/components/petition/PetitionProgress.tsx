import { useTranslation } from "react-i18next";
import { GoalProgress } from "~/components/GoalProgress";
import { LIVE_COUNT_INTERVAL_MS, useLiveCount } from "~/components/useLiveCount";

/**
 * The confirmed count and the bar toward the goal. With JavaScript the count
 * refreshes from the JSON API every 10 s while the tab is visible (counts are
 * folded in every few seconds, so polling faster would show nothing new), and
 * every minute in surge mode.
 */
export function PetitionProgress({
  lng,
  slug,
  count,
  goal,
  live,
  refreshMs = LIVE_COUNT_INTERVAL_MS,
}: {
  lng: string;
  slug: string;
  count: number;
  goal: number | null;
  live: boolean;
  /** Longer in surge mode (the server says so in the page). */
  refreshMs?: number;
}) {
  const { t } = useTranslation("petitions");
  const current = useLiveCount(count, live ? `/api/v1/petitions/${slug}` : null, "confirmedSignatures", refreshMs);
  return (
    <GoalProgress
      lng={lng}
      count={current}
      goal={goal}
      testId="signature-count"
      live
      countLabel={(n) => t("progress.signatures", { count: n })}
      barLabel={t("progress.label")}
      goalLine={(shown, reached) => t(reached ? "progress.nextGoal" : "progress.goal", { goal: shown })}
    />
  );
}
