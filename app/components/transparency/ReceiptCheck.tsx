import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { parseReceipt } from "~/modules/transparency/receipt";
import { receiptTextFromFragment } from "~/lib/links/receipt-links";
import { RECEIPT_PROBLEM_KEYS } from "~/modules/transparency/verify-text";
import { CheckStatus } from "./CheckStatus";
import { useHydrated } from "./useHydrated";
import { WithFlags } from "./WithFlags";
import { useLogCheck } from "./useLogCheck";

/**
 * Check one receipt: pasted, or carried in this page's fragment (`#receipt=…`, which browsers
 * never send). The receipt is read and checked here only: what goes to the server are the same
 * requests for the public log as any visitor's, and the inclusion proof of its entry.
 */
export function ReceiptCheck({ lng, logOrigin }: { lng: string; logOrigin: string }) {
  const { t } = useTranslation("transparency");
  const hydrated = useHydrated();
  const { state, run } = useLogCheck(logOrigin);
  const [text, setText] = useState("");
  const [fromLink, setFromLink] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const carried = receiptTextFromFragment(window.location.hash);
    if (carried !== null) {
      setText(carried);
      setFromLink(true);
    }
  }, []);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (text.trim() === "") return setProblem(t("receipt.empty"));
    const parsed = parseReceipt(text.trim());
    if (!parsed.ok) return setProblem(t(RECEIPT_PROBLEM_KEYS[parsed.problem]));
    setProblem(null);
    void run(parsed.receipt);
  };
  return (
    <section className="verify-receipt" aria-labelledby="verify-receipt-title">
      <h2 id="verify-receipt-title">{t("receipt.title")}</h2>
      <p>{t("receipt.body")}</p>
      {hydrated ? (
        <form onSubmit={submit} noValidate>
          <label htmlFor="receipt-text">{t("receipt.label")}</label>
          {fromLink ? (
            <small className="hint" id="receipt-from-link">
              {t("receipt.fromLink")}
            </small>
          ) : null}
          {problem === null ? null : (
            <p className="field-error" id="receipt-error" role="alert">
              {problem}
            </p>
          )}
          <textarea
            id="receipt-text"
            name="receipt"
            rows={7}
            dir="ltr"
            spellCheck={false}
            autoComplete="off"
            value={text}
            onChange={(event) => setText(event.target.value)}
            aria-invalid={problem === null ? undefined : true}
            aria-describedby={[fromLink ? "receipt-from-link" : "", problem === null ? "" : "receipt-error"].filter(Boolean).join(" ") || undefined}
          />
          <button type="submit" disabled={state.phase === "running"}>
            {t("receipt.button")}
          </button>
          <CheckStatus lng={lng} state={state} forReceipt />
        </form>
      ) : (
        <p className="verify-needs-js">
          <WithFlags text={t("receipt.needsJavaScript")} />
        </p>
      )}
    </section>
  );
}
