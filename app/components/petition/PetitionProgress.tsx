import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { GoalProgress } from "~/components/GoalProgress";

export const LIVE_COUNT_INTERVAL_MS = 10_000;

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
  const [current, setCurrent] = useState(count);
  useEffect(() => setCurrent(count), [count]);
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(async () => {
      if (document.visibilityState !== "visible") return;
      try {
        const response = await fetch(`/api/v1/petitions/${slug}`, { headers: { Accept: "application/json" } });
        if (response.ok) setCurrent(((await response.json()) as { confirmedSignatures: number }).confirmedSignatures);
      } catch {
        // Offline for a moment: the next tick tries again.
      }
    }, refreshMs);
    return () => clearInterval(timer);
  }, [slug, live, refreshMs]);
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
