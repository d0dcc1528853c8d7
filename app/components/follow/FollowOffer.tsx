import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { FollowOfferView } from "~/modules/follow/follow-form";
import { FollowForm } from "./FollowForm";

/**
 * "Follow a country", after signing or writing. With the country known, the follow form (empty:
 * the page never knows the person) posting to the follow route; otherwise a GET form that picks
 * a country and comes back to this page with it. Both work without JavaScript.
 */
export function FollowOffer({ lng, offer, keep = {} }: { lng: string; offer: FollowOfferView; keep?: Record<string, string> }) {
  const { t } = useTranslation("follows");
  return (
    <section className="follow-offer" aria-labelledby="follow-offer-title">
      <h2 id="follow-offer-title">{t("offer.title")}</h2>
      <p>{t("offer.lead")}</p>
      {offer.country ? (
        <FollowForm lng={lng} action={`/${lng}/countries/${offer.country.segment}/follow`} countryName={offer.country.name} formToken={offer.country.formToken} />
      ) : (
        <Form method="get" className="country-step">
          {Object.entries(keep).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <div className="form-field">
            <label htmlFor="follow-offer-country">{t("offer.country")}</label>
            <select id="follow-offer-country" name="country" defaultValue="">
              <option value="">{t("offer.chooseCountry")}</option>
              {offer.countries.map((c) => (
                <option key={c.segment} value={c.segment}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{t("offer.choose")}</button>
        </Form>
      )}
    </section>
  );
}
