import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { UpdateUnsubscribeScope } from "~/modules/updates/update-views";

/**
 * The unsubscribe page of an update's mail: buttons only (the GET changes nothing), for this
 * campaign's news or all mail; then what was stopped.
 */
export function UpdateUnsubscribe({
  lng,
  email,
  campaignPath,
  active,
  scope,
}: {
  lng: string;
  email: string;
  campaignPath: string;
  active: boolean;
  scope: UpdateUnsubscribeScope | null;
}) {
  const { t } = useTranslation("updates");
  if (scope) {
    return (
      <section aria-labelledby="unsubscribe-title">
        <h1 id="unsubscribe-title">{t(`unsubscribe.done.${scope}`)}</h1>
        <p role="status">{t(`unsubscribe.doneBody.${scope}`, { email })}</p>
        <p>
          <Link to={`/${lng}/${campaignPath}`}>{t("unsubscribe.back")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="unsubscribe-title">
      <h1 id="unsubscribe-title">{t(active ? "unsubscribe.title" : "unsubscribe.stopped")}</h1>
      <p>{t("unsubscribe.explain", { email })}</p>
      {/* Posted to this page's own URL, ?lng= kept: the page after the button speaks the same language. */}
      <Form method="post" className="unsubscribe-choices">
        {active ? (
          <p>
            <button type="submit" name="scope" value="campaign">
              {t("unsubscribe.campaign")}
            </button>
          </p>
        ) : null}
        <p>
          <button type="submit" name="scope" value="everything">
            {t("unsubscribe.everything")}
          </button>
        </p>
      </Form>
    </section>
  );
}
