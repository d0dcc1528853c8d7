import { useTranslation } from "react-i18next";
import { GoalProgress } from "~/components/GoalProgress";

/** Letters confirmed so far and, when the organizers set one, the bar toward the goal. */
export function LetterProgress({ lng, count, goal }: { lng: string; count: number; goal: number | null }) {
  const { t } = useTranslation("letters");
  return (
    <GoalProgress
      lng={lng}
      count={count}
      goal={goal}
      testId="letter-count"
      countLabel={(n) => t("progress.letters", { count: n })}
      barLabel={t("progress.label")}
      goalLine={(shown, reached) => t(reached ? "progress.nextGoal" : "progress.goal", { goal: shown })}
    />
  );
}
