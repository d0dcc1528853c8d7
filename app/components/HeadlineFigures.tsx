import { useTranslation } from "react-i18next";
import { formatDay, formatNumber } from "~/lib/i18n/format";
import type { TreatyHeadline } from "~/modules/country/treaty-count";
import type { SignaturePhase } from "~/modules/country/treaty-rules";

/**
 * The treaty's figures as the depositary confirms them, with the reported ones beside them, the
 * day they are "as of" (or plainly that they are not checked yet) and the signature phase.
 */
export function HeadlineFigures({
  lng,
  headline,
  treaty,
  today,
}: {
  lng: string;
  headline: TreatyHeadline;
  treaty: { signaturePhase: SignaturePhase; openedForSignatureOn: string; signatureClosesOn: string };
  today: string;
}) {
  const { t } = useTranslation();
  const n = (value: number) => formatNumber(lng, value);
  const { signatories, instruments, entryIntoForce, asOf } = headline;
  return (
    <>
      <dl className="figure-list">
        <div>
          <dt>{t("home.signatories")}</dt>
          <dd>
            {asOf
              ? t("home.signatoriesAsOf", { confirmed: n(signatories.confirmed), more: n(signatories.moreReported), date: formatDay(lng, asOf) })
              : t("home.signatoriesUnchecked", { confirmed: n(signatories.confirmed), more: n(signatories.moreReported) })}
          </dd>
        </div>
        <div>
          <dt>{t("home.instruments")}</dt>
          <dd>
            {t("home.instrumentsOfNeeded", { confirmed: n(instruments.confirmed), more: n(instruments.moreReported), needed: n(instruments.needed) })}
            {headline.instrumentsNotCounted > 0 ? (
              <small className="figure-aside">{t("home.notCounted", { instruments: n(headline.instrumentsNotCounted), needed: n(instruments.needed) })}</small>
            ) : null}
          </dd>
        </div>
        {entryIntoForce.reached ? (
          <div>
            <dt>{t("home.entryIntoForce")}</dt>
            <dd>
              {entryIntoForce.on === null
                ? t("home.entryIntoForceDateUnknown")
                : t(entryIntoForce.on <= today ? "home.enteredIntoForceOn" : "home.entersIntoForceOn", { date: formatDay(lng, entryIntoForce.on) })}
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="figure-note">
        {asOf ? t("home.asOfNote", { date: formatDay(lng, asOf) }) : t("home.uncheckedNote")}{" "}
        {t(`countries:phase.${treaty.signaturePhase}`, {
          date: formatDay(lng, treaty.signaturePhase === "not_yet_open" ? treaty.openedForSignatureOn : treaty.signatureClosesOn),
        })}
      </p>
    </>
  );
}
