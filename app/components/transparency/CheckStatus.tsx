import { useTranslation } from "react-i18next";
import { formatMoment, formatNumber } from "~/lib/i18n/format";
import { FAILURE_KEYS, PROGRESS_KEYS, REMOVAL_REASON_KEYS } from "~/modules/transparency/verify-text";
import type { VerifyProgress } from "~/modules/transparency/verify";
import type { LogCheckState } from "./useLogCheck";

function ProgressLine({ lng, progress }: { lng: string; progress: VerifyProgress | null }) {
  const { t } = useTranslation("transparency");
  if (progress === null) return <p>{t("progress.start")}</p>;
  const n = (value: number) => formatNumber(lng, value);
  const text =
    progress.stage === "keys"
      ? t(PROGRESS_KEYS.keys, { count: progress.keys, shown: n(progress.keys) })
      : progress.stage === "checkpoints"
        ? t(PROGRESS_KEYS.checkpoints, { count: progress.checkpoints, shown: n(progress.checkpoints), size: n(progress.size) })
        : progress.stage === "entries"
          ? t(PROGRESS_KEYS.entries, { done: n(progress.done), total: n(progress.total) })
          : progress.stage === "consistency"
            ? t(PROGRESS_KEYS.consistency, { from: n(progress.from), to: n(progress.to) })
            : t(PROGRESS_KEYS.receipt, { index: n(progress.index) });
  return (
    <>
      <p>{text}</p>
      {progress.stage === "entries" ? <progress max={progress.total} value={progress.done} aria-hidden="true" /> : null}
    </>
  );
}

/**
 * Where a check stands and how it ended, for the whole log or for one receipt. The English
 * details of a failure are kept for whoever wants to dig (they are what the command line prints).
 */
export function CheckStatus({ lng, state, forReceipt = false }: { lng: string; state: LogCheckState; forReceipt?: boolean }) {
  const { t } = useTranslation("transparency");
  if (state.phase === "idle") return <div className="verify-status" role="status" aria-live="polite" />;
  if (state.phase === "running") {
    return (
      <div className="verify-status verify-status--running" role="status" aria-live="polite" aria-busy="true">
        <ProgressLine lng={lng} progress={state.progress} />
      </div>
    );
  }
  const { outcome } = state;
  if (outcome.kind === "verified") {
    const { result } = outcome;
    const receipt = result.receipt;
    return (
      <div className={`verify-status verify-status--${receipt?.status === "removed" ? "removed" : receipt?.status === "pending" ? "running" : "ok"}`} role="status" aria-live="polite" data-outcome={receipt ? `receipt-${receipt.status}` : "verified"}>
        {receipt === null ? null : receipt.status === "counted" ? (
          <p className="verify-headline">{t("receipt.counted", { index: formatNumber(lng, receipt.index) })}</p>
        ) : receipt.status === "pending" ? (
          <p className="verify-headline">{t("receipt.pending", { index: formatNumber(lng, receipt.index), size: formatNumber(lng, receipt.checkpointSize) })}</p>
        ) : (
          <p className="verify-headline">
            {t("receipt.removed", { index: formatNumber(lng, receipt.index), by: formatNumber(lng, receipt.removedBy), reason: t(REMOVAL_REASON_KEYS[receipt.reason]) })}
          </p>
        )}
        <p className={receipt === null ? "verify-headline" : undefined}>{t("result.verified", { count: result.counts.total, shown: formatNumber(lng, result.counts.total), size: formatNumber(lng, result.size) })}</p>
        <p>{t("result.latest", { time: formatMoment(lng, result.latest.time), count: result.checkpoints, checkpoints: formatNumber(lng, result.checkpoints) })}</p>
        <p>{t("result.since")}</p>
      </div>
    );
  }
  if (outcome.kind === "failed") {
    return (
      <div className="verify-status verify-status--failed" role="alert" data-outcome="failed" data-code={outcome.failure.code}>
        <p className="verify-headline">{t(FAILURE_KEYS[outcome.failure.code])}</p>
        <details>
          <summary>{t("result.details")}</summary>
          <code lang="en" dir="ltr">
            {outcome.failure.code}: {outcome.failure.message}
          </code>
        </details>
      </div>
    );
  }
  const key = outcome.kind === "no_checkpoint" ? (forReceipt ? "result.noCheckpointReceipt" : "result.noCheckpoint") : outcome.kind === "no_crypto" ? "result.noCrypto" : "result.noEd25519";
  return (
    <div className="verify-status verify-status--none" role="status" aria-live="polite" data-outcome={outcome.kind}>
      <p className="verify-headline">{t(key)}</p>
    </div>
  );
}
