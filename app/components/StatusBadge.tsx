import { useTranslation } from "react-i18next";
import type { Confidence } from "~/modules/country/treaty-facts";
import type { ParticipantStatus } from "~/modules/country/treaty-status";

/** The confirmed status; a step only reported follows it in words, never in the badge. */
export function StatusBadge({ status, reported }: { status: ParticipantStatus; reported?: { status: ParticipantStatus; confidence: Confidence } | null }) {
  const { t } = useTranslation("countries");
  return (
    <>
      <span className={`status-badge status-badge--${status}`}>{t(`status.${status}`)}</span>
      {reported ? (
        <span className="reported-step">
          {" · "}
          {t(`reportedStep.${reported.status}`, { confidence: t(`confidenceShort.${reported.confidence}`) })}
        </span>
      ) : null}
    </>
  );
}
