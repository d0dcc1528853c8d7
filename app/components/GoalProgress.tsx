import { formatNumber } from "~/lib/i18n/format";
import { progressOf } from "~/modules/campaign/campaign-progress";

/**
 * A count and, when there is a goal, the bar toward it (past the goal, toward
 * the next round number). The words come from the caller's namespace:
 * `countLabel` (plural by count), `barLabel`, and the goal line.
 */
export function GoalProgress({
  lng,
  count,
  goal,
  testId,
  countLabel,
  barLabel,
  goalLine,
  live = false,
}: {
  lng: string;
  count: number;
  goal: number | null;
  testId: string;
  countLabel: (count: number) => string;
  barLabel: string;
  goalLine: (goal: string, reached: boolean) => string;
  /** A count that changes while the page is open is announced to screen readers. */
  live?: boolean;
}) {
  const progress = progressOf(count, goal);
  return (
    <div className="petition-progress">
      <p className="petition-count" aria-live={live ? "polite" : undefined}>
        <strong data-testid={testId}>{formatNumber(lng, progress.count)}</strong> {countLabel(progress.count)}
      </p>
      {progress.goal !== null ? (
        <>
          <progress max={progress.goal} value={Math.min(progress.count, progress.goal)} aria-label={barLabel}>
            {progress.percent}%
          </progress>
          <p className="petition-goal">{goalLine(formatNumber(lng, progress.goal), progress.goalReached)}</p>
        </>
      ) : null}
    </div>
  );
}
