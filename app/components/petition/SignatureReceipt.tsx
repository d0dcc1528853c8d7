import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { receiptVerifyPath } from "~/lib/links/receipt-links";
import type { Receipt } from "~/modules/transparency/receipt";

/** How often, and how many times, an open page asks again whether the receipt is ready (the log job runs every 2 s). */
const POLL_MS = 2500;
const POLLS = 8;

/**
 * "Your receipt" on a counted signature's confirm page: what it is, the receipt to copy, a file
 * to download and a link that checks it. While its entry waits for the log job, a reload link
 * (without JavaScript), and a few quiet reloads of the page's data (with it).
 */
export function SignatureReceipt({ lng, slug, receipt, downloadHref, reloadHref }: { lng: string; slug: string; receipt: Receipt | null; downloadHref: string; reloadHref: string }) {
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  const polls = useRef(0);
  useEffect(() => {
    if (receipt !== null || revalidator.state !== "idle" || polls.current >= POLLS) return;
    const timer = setTimeout(() => {
      polls.current += 1;
      revalidator.revalidate();
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [receipt, revalidator]);

  return (
    <section className="receipt" aria-labelledby="receipt-title">
      <h2 id="receipt-title">{t("petitions:confirm.receipt.title")}</h2>
      <p>{t("petitions:confirm.receipt.explain")}</p>
      {receipt ? (
        <>
          <label htmlFor="receipt-json">{t("petitions:confirm.receipt.label")}</label>
          <textarea id="receipt-json" className="receipt__json" readOnly rows={10} dir="ltr" spellCheck={false} value={JSON.stringify(receipt, null, 2)} />
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
