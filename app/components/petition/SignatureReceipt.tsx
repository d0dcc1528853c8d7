import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { receiptVerifyPath } from "~/lib/links/receipt-links";
import type { Receipt } from "~/modules/transparency/receipt";

/** How often, and how many times, an open page asks whether the receipt is ready (the log job runs every 2 s). */
const POLL_MS = 2500;
const POLLS = 8;

/**
 * "Your receipt" on a counted signature's confirm page: what it is, the receipt to copy, a file
 * to download and a link that checks it. While its entry waits for the log job, a reload link
 * (without JavaScript) or a few quiet requests for the receipt file (with it).
 */
export function SignatureReceipt({ lng, slug, receipt: initial, downloadHref, reloadHref }: { lng: string; slug: string; receipt: Receipt | null; downloadHref: string; reloadHref: string }) {
  const { t } = useTranslation();
  const [receipt, setReceipt] = useState(initial);
  useEffect(() => setReceipt(initial), [initial]);
  useEffect(() => {
    if (receipt !== null) return;
    let polls = 0;
    let stopped = false;
    const timer = setInterval(async () => {
      if (++polls >= POLLS) clearInterval(timer);
      try {
        const response = await fetch(downloadHref, { headers: { Accept: "application/json" } });
        if (response.ok && !stopped) {
          setReceipt((await response.json()) as Receipt);
          clearInterval(timer);
        }
      } catch {
        // Offline for a moment: the next poll, or the reload link, tries again.
      }
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [receipt, downloadHref]);

  return (
    <section className="receipt" aria-labelledby="receipt-title">
      <h2 id="receipt-title">{t("petitions:confirm.receipt.title")}</h2>
      <p>{t("petitions:confirm.receipt.explain")}</p>
      {receipt ? (
        <>
          <label htmlFor="receipt-json">{t("petitions:confirm.receipt.label")}</label>
          <textarea id="receipt-json" className="receipt__json" readOnly rows={8} dir="ltr" spellCheck={false} value={JSON.stringify(receipt, null, 2)} />
          <p className="receipt__actions">
            <a href={downloadHref} download>
              {t("petitions:confirm.receipt.download")}
            </a>
            <a href={receiptVerifyPath(lng, slug, receipt)}>{t("petitions:confirm.receipt.check")}</a>
          </p>
        </>
      ) : (
        <p role="status">
          {t("petitions:confirm.receipt.preparing")} <a href={reloadHref}>{t("petitions:confirm.receipt.reload")}</a>
        </p>
      )}
      <p>{t("petitions:confirm.receipt.mailed")}</p>
    </section>
  );
}
