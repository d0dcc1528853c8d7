import { useTranslation } from "react-i18next";
import { formatNumber } from "~/lib/i18n/format";
import { progressOf } from "~/modules/petition/petition-progress";

/**
 * Letters confirmed so far and, when the organizers set one, the bar toward
 * the goal (past it, toward the next round number, as on petitions).
 */
export function LetterProgress({ lng, count, goal }: { lng: string; count: number; goal: number | null }) {
  const { t } = useTranslation("letters");
  const progress = progressOf(count, goal);
  return (
    <div className="petition-progress">
      <p className="petition-count">
        <strong data-testid="letter-count">{formatNumber(lng, progress.count)}</strong> {t("progress.letters", { count: progress.count })}
      </p>
      {progress.goal !== null ? (
        <>
          <progress max={progress.goal} value={Math.min(progress.count, progress.goal)} aria-label={t("progress.label")}>
            {progress.percent}%
          </progress>
          <p className="petition-goal">{t(progress.goalReached ? "progress.nextGoal" : "progress.goal", { goal: formatNumber(lng, progress.goal) })}</p>
        </>
      ) : null}
    </div>
  );
}
