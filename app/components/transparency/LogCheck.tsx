import { useTranslation } from "react-i18next";
import { CheckStatus } from "./CheckStatus";
import { useHydrated } from "./useHydrated";
import { useLogCheck } from "./useLogCheck";

/**
 * "Check this count now": the whole log, rebuilt in this browser. Without JavaScript there is
 * no button (it could do nothing), only how to check from the command line.
 */
export function LogCheck({ lng, logOrigin }: { lng: string; logOrigin: string }) {
  const { t } = useTranslation("transparency");
  const hydrated = useHydrated();
  const { state, run } = useLogCheck(logOrigin);
  return (
    <section className="verify-check" aria-labelledby="verify-check-title">
      <h2 id="verify-check-title">{t("check.title")}</h2>
      {hydrated ? (
        <>
          <p>{t("check.body")}</p>
          <button type="button" className="button-primary" onClick={() => void run()} disabled={state.phase === "running"}>
            {t("check.button")}
          </button>
          <CheckStatus lng={lng} state={state} />
        </>
      ) : (
        <p className="verify-needs-js">{t("check.needsJavaScript")}</p>
      )}
    </section>
  );
}
