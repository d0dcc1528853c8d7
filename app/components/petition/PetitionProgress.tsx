import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "~/lib/i18n/format";
import { progressOf } from "~/modules/petition/petition-progress";

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
  const progress = progressOf(current, goal);
  return (
    <div className="petition-progress">
      <p className="petition-count" aria-live="polite">
        <strong data-testid="signature-count">{formatNumber(lng, progress.count)}</strong>{" "}
        {t("progress.signatures", { count: progress.count })}
      </p>
      {progress.goal !== null ? (
        <>
          <progress max={progress.goal} value={Math.min(progress.count, progress.goal)} aria-label={t("progress.label")}>
            {progress.percent}%
          </progress>
          <p className="petition-goal">
            {t(progress.goalReached ? "progress.nextGoal" : "progress.goal", { goal: formatNumber(lng, progress.goal) })}
          </p>
        </>
      ) : null}
    </div>
  );
}
