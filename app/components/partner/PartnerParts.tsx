import { useTranslation } from "react-i18next";
import { formatNumber } from "~/lib/i18n/format";
import type { LinkPartner, ShownPartner } from "~/modules/partner/partner-link";

/** "with <partner>": the page was opened through a partner's link. */
export function WithPartner({ partner }: { partner: LinkPartner }) {
  const { t } = useTranslation("partners");
  return (
    <p className="with-partner">
      {t("with.before")}{" "}
      <a href={partner.websiteUrl} rel="noopener noreferrer" target="_blank">
        <bdi>{partner.name}</bdi>
      </a>
    </p>
  );
}

/**
 * The partner's own consent box, beside the platform's, never ticked for the person. It carries
 * the partner's code (a hidden field) so the submission names the partner the page showed.
 */
export function PartnerConsentBox({ partner, idPrefix, checked }: { partner: LinkPartner; idPrefix: string; checked: boolean }) {
  const { t } = useTranslation("partners");
  const id = `${idPrefix}-partner-consent`;
  return (
    <>
      <input type="hidden" name="partner" value={partner.code} />
      <p className="form-check partner-consent">
        <input id={id} type="checkbox" name="partnerConsent" defaultChecked={checked} aria-describedby={`${id}-privacy`} />
        <label htmlFor={id}>{t("consent.label", { partner: partner.name })}</label>{" "}
        <small id={`${id}-privacy`} className="hint">
          <a href={partner.privacyUrl} rel="noopener noreferrer" target="_blank">
            {t("consent.privacy", { partner: partner.name })}
          </a>
        </small>
      </p>
    </>
  );
}

/** "Run with": the partners running a campaign, their logos from our own address, links to their sites. */
export function RunWith({ lng, partners, kind }: { lng: string; partners: readonly ShownPartner[]; kind: "petition" | "letter" }) {
  const { t } = useTranslation("partners");
  if (partners.length === 0) return null;
  return (
    <section className="run-with" aria-labelledby="run-with-title">
      <h2 id="run-with-title">{t("runWith.title")}</h2>
      <ul className="run-with-list">
        {partners.map((p) => (
          <li key={p.code}>
            <a href={p.websiteUrl} rel="noopener noreferrer" target="_blank">
              {p.hasLogo ? <img src={`/partners/${p.code}/logo.png`} alt={p.name} height={48} loading="lazy" /> : <bdi>{p.name}</bdi>}
            </a>
            {p.count !== null ? <small className="run-with-count">{t(kind === "petition" ? "runWith.signatures" : "runWith.letters", { formatted: formatNumber(lng, p.count) })}</small> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
