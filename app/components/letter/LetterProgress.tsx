import { useTranslation } from "react-i18next";
import { GoalProgress } from "~/components/GoalProgress";
import { LIVE_COUNT_INTERVAL_MS, useLiveCount } from "~/components/useLiveCount";

/**
 * Letters confirmed so far and, when the organizers set one, the bar toward the goal. With
 * `slug` and JavaScript the count refreshes from the counts JSON while the tab is visible, so a
 * page a shared cache served is at most its cache life behind, and only until the first tick.
 */
export function LetterProgress({ lng, count, goal, slug, refreshMs = LIVE_COUNT_INTERVAL_MS }: { lng: string; count: number; goal: number | null; slug?: string; refreshMs?: number }) {
  const { t } = useTranslation("letters");
  const current = useLiveCount(count, slug ? `/api/v1/letters/${slug}` : null, "confirmedLetters", refreshMs);
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
