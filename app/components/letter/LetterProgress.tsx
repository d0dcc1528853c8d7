import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { GoalProgress } from "~/components/GoalProgress";
import { LIVE_COUNT_INTERVAL_MS } from "~/components/petition/PetitionProgress";

/**
 * Letters confirmed so far and, when the organizers set one, the bar toward the goal. With
 * `slug` and JavaScript the count refreshes from the counts JSON while the tab is visible, so a
 * page a shared cache served is at most its cache life behind, and only until the first tick.
 */
export function LetterProgress({ lng, count, goal, slug, refreshMs = LIVE_COUNT_INTERVAL_MS }: { lng: string; count: number; goal: number | null; slug?: string; refreshMs?: number }) {
  const { t } = useTranslation("letters");
  const [current, setCurrent] = useState(count);
  useEffect(() => setCurrent(count), [count]);
  useEffect(() => {
    if (!slug) return;
    const timer = setInterval(async () => {
      if (document.visibilityState !== "visible") return;
      try {
        const response = await fetch(`/api/v1/letters/${slug}`, { headers: { Accept: "application/json" } });
        if (response.ok) setCurrent(((await response.json()) as { confirmedLetters: number }).confirmedLetters);
      } catch {
        // Offline for a moment: the next tick tries again.
      }
    }, refreshMs);
    return () => clearInterval(timer);
  }, [slug, refreshMs]);
  return (
    <GoalProgress
      lng={lng}
      count={current}
      goal={goal}
      testId="letter-count"
      live={slug !== undefined}
      countLabel={(n) => t("progress.letters", { count: n })}
      barLabel={t("progress.label")}
      goalLine={(shown, reached) => t(reached ? "progress.nextGoal" : "progress.goal", { goal: shown })}
    />
  );
}
