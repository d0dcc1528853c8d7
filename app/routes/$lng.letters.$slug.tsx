import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { EmailField } from "~/components/form/PersonFields";
import { PreviewBanner } from "~/components/PreviewBanner";
import { LetterProgress } from "~/components/letter/LetterProgress";
import { PersonalMeter } from "~/components/letter/PersonalMeter";
import { readForm } from "~/lib/form.server";
import { textDirection } from "~/lib/i18n/languages";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { countryNameOverrides } from "~/lib/i18n/translate.server";
import { campaignSocial } from "~/lib/share/page-social.server";
import { socialMeta } from "~/lib/share/social-meta";
import { canonicalCountrySegment } from "~/modules/country/country";
import { useLikelyCountry } from "~/components/useLikelyCountry";
import type { LetterField } from "~/modules/letter/letter-form";
import { viewLetterPage } from "~/modules/letter/letter-page.service.server";
import { isOrganizerPreview } from "~/web/preview.server";
import { submitLetter } from "~/modules/letter/letter-submission.service.server";
import { HONEYPOT_FIELD, issueFormToken } from "~/modules/campaign/form-token.server";
import { CountryAsk } from "~/components/asks/CountryAsk";
import { readReferralCode } from "~/modules/campaign/referral-code";
import { PartnerConsentBox, RunWith, WithPartner } from "~/components/partner/PartnerParts";
import { linkPartnerOf, partnerOfLink, shownPartnersOf } from "~/modules/partner/partner-consent.server";

const notFound = () => new Response(null, { status: 404, statusText: "Not Found" });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const url = new URL(request.url);
  const preview = await isOrganizerPreview(request, context, lng);
  const page = await viewLetterPage(
    context.db,
    {
      slug: params.slug ?? "",
      lng,
      countryParam: url.searchParams.get("country"),
      preview,
    },
    { nameOverrides: countryNameOverrides(lng), clientAddress: context.clientAddress, secrets: context.config.server.sessionSecrets, now: new Date() },
  );
  if (!page) throw notFound();
  const { campaign, ...shown } = page;
  const letterCampaign = { kind: "letter", id: campaign.id } as const;
  return {
    lng,
    social: campaignSocial(lng, "letter", { slug: campaign.slug, title: page.title, count: page.confirmedLetters }),
    slug: campaign.slug,
    status: campaign.status,
    preview,
    // A preview shows the form a live campaign will have.
    live: campaign.status === "live" || (preview && campaign.status === "draft"),
    minPersonal: campaign.min_personal_chars,
    formToken: issueFormToken(campaign.id, new Date(), context.config.server.sessionSecrets, "letter"),
    liveCountIntervalMs: context.surge.liveCountIntervalMs,
    // The code of the shared link the visitor came through: kept across choosing a country, sent with the letter.
    referral: readReferralCode(url.searchParams.get("ref")),
    // A partner's link: "with <partner>" and its own consent box (kept across choosing a country).
    partner: linkPartnerOf(await partnerOfLink(context.db, letterCampaign, url.searchParams.get("partner"))),
    runWith: await shownPartnersOf(context.db, letterCampaign),
    // Senders see who, never an address (the page service reads none): a public one
    // reaches them only as the mailto: link, in answer to the mail-app POST.
    ...shown,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lng = requireLanguage(params);
  const slug = params.slug ?? "";
  const result = await submitLetter(context.db, slug, lng, await readForm(request), {
    clientAddress: context.clientAddress,
    secrets: context.config.server.sessionSecrets,
    nameOverrides: countryNameOverrides(lng),
    now: new Date(),
    config: context.config.letters,
  });
  switch (result.kind) {
    case "not_found":
      throw notFound();
    case "closed":
      return data({ kind: "closed" as const }, { status: 409 });
    case "invalid":
      return data({ kind: "invalid" as const, errors: result.errors, values: result.values, formToken: result.formToken }, { status: 400 });
    case "preview":
      return { kind: "preview" as const, values: result.values, text: result.text, ownMailApp: result.ownMailApp, formToken: result.formToken };
    case "mailto":
      // The sender's own mail app opens with the letter; we only counted that it did.
      throw redirect(result.url, 303);
    case "written": {
      // The writer's own code to share, and the country written from (in the form's URL already), so the next page can offer to follow it.
      const country = new URL(request.url).searchParams.get("country");
      const next = new URLSearchParams({ ref: result.referralCode });
      if (country && /^[a-z]{3}$/u.test(country)) next.set("country", country);
      throw redirect(`/${lng}/letters/${slug}/sent?${next}`);
    }
  }
}

export const meta: MetaFunction<typeof loader> = socialMeta;

/**
 * Without `?country=` one copy for everyone in shared caches (the browser pre-selects the likely
 * country in the chooser); with it, or a preview, the visitor's own (server/page-cache-headers.ts).
 */
export { publicPageHeaders as headers } from "~/lib/cache-headers";

const FIELDS: readonly LetterField[] = ["targets", "subject", "body", "personal", "name", "email", "city"];

export default function LetterCampaignPage() {
  const page = useLoaderData<typeof loader>();
  const countrySelect = useRef<HTMLSelectElement>(null);
  const likely = useLikelyCountry(page.countries);
  useEffect(() => {
    const select = countrySelect.current;
    if (select && !page.country && select.value === "" && likely) select.value = canonicalCountrySegment(likely.code3);
  }, [likely, page.country]);
  const submitted = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("letters");
  const { lng } = page;
  const errors: Partial<Record<LetterField | "form", string>> = submitted?.kind === "invalid" ? submitted.errors : {};
  const values = submitted && "values" in submitted ? submitted.values : undefined;
  // The token of the form as first served: previews and corrections keep its time.
  const formToken = (submitted && "formToken" in submitted ? submitted.formToken : undefined) ?? page.formToken;
  const [body, setBody] = useState(values?.body ?? page.bodyTemplate);
  // Another country may have another template (asks per status): the letter starts again from it.
  useEffect(() => {
    if (!values) setBody(page.bodyTemplate);
  }, [page.bodyTemplate, values]);
  const [personal, setPersonal] = useState(values?.personal ?? "");
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const textLang = page.fallback ? { lang: page.textLanguage, dir: textDirection(page.textLanguage) } : {};
  const fieldError = (field: LetterField) =>
    errors[field] ? (
      <p className="field-error" id={`letter-${field}-error`}>
        {t(errors[field]!)}
      </p>
    ) : null;
  const invalid = (field: LetterField) => (errors[field] ? { "aria-invalid": true, "aria-describedby": `letter-${field}-error` } : {});
  const shownErrors = FIELDS.filter((f) => errors[f]);
  const closed = !page.live || submitted?.kind === "closed";
  // After a preview: the chosen people the sender's own mail app may write to.
  const chosen = submitted?.kind === "preview" ? page.targets.filter((x) => submitted.values.targets.includes(String(x.id))) : [];
  const mailApp = submitted?.kind === "preview" ? chosen.filter((x) => submitted.ownMailApp.includes(x.id)) : [];

  return (
    <article className="letter-campaign">
      {page.preview ? <PreviewBanner status={page.status} /> : null}
      <p className="petition-kind">{t("kind")}</p>
      <h1 {...textLang}>{page.title}</h1>
      <p className="lead" {...textLang}>
        {page.intro}
      </p>
      {page.partner ? <WithPartner partner={page.partner} /> : null}
      {page.fallback ? <p className="note">{t("fallbackNote")}</p> : null}
      <LetterProgress lng={page.lng} count={page.confirmedLetters} goal={page.goal} slug={page.status === "live" ? page.slug : undefined} refreshMs={page.liveCountIntervalMs} />

      <Form method="get" className="country-step">
        {page.preview ? <input type="hidden" name="preview" value="" /> : null}
        {page.referral ? <input type="hidden" name="ref" value={page.referral} /> : null}
        {page.partner ? <input type="hidden" name="partner" value={page.partner.code} /> : null}
        <div className="form-field">
          <label htmlFor="letter-country">{t("country.label")}</label>
          <select ref={countrySelect} id="letter-country" name="country" defaultValue={page.country ? canonicalCountrySegment(page.country.code3) : ""}>
            <option value="">{t("country.choose")}</option>
            {page.countries.map((c) => (
              <option key={c.code3} value={canonicalCountrySegment(c.code3)}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t("country.submit")}</button>
      </Form>

      {page.country && page.ask ? <CountryAsk country={page.country.name} ask={page.ask} /> : null}

      {closed ? (
        <p className="petition-closed" role="status">
          {t("closed")}
        </p>
      ) : page.country && page.targets.length === 0 ? (
        <p className="note" role="status">
          {t("noTargets", { country: page.country.name })}{" "}
          {page.petitionSlug ? <a href={`/${lng}/petitions/${page.petitionSlug}`}>{t("petitionLink")}</a> : null}
        </p>
      ) : page.country ? (
        <Form method="post" action={`/${lng}/letters/${page.slug}?country=${canonicalCountrySegment(page.country.code3)}${page.partner ? `&partner=${page.partner.code}` : ""}`} className="sign-form letter-form" noValidate>
          <input type="hidden" name="country" value={canonicalCountrySegment(page.country.code3)} />
          <input type="hidden" name="formToken" value={formToken} />
          {page.referral ? <input type="hidden" name="ref" value={page.referral} /> : null}
          {errors.form || shownErrors.length > 0 ? (
            <div className="error-summary" role="alert">
              <p>{errors.form ? t(errors.form) : t("errors.summary")}</p>
              <ul>
                {shownErrors.map((f) => (
                  <li key={f}>
                    <a href={`#letter-${f}`}>{t(errors[f]!)}</a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}

          <fieldset id="letter-targets" {...invalid("targets")}>
            <legend>{t("targets.legend")}</legend>
            {fieldError("targets")}
            {page.targets.map((target) => (
              <p className="form-check" key={target.id}>
                <input
                  id={`target-${target.id}`}
                  type="checkbox"
                  name="targets"
                  value={target.id}
                  defaultChecked={values ? values.targets.includes(String(target.id)) : true}
                />
                <label htmlFor={`target-${target.id}`}>
                  {target.name}, {target.role} ({target.organization}){target.isDemo ? ` — ${t("targets.demo")}` : ""}
                </label>
              </p>
            ))}
          </fieldset>

          <h2>{t("compose.title")}</h2>
          <div className="form-field">
            <label htmlFor="letter-subject">{t("compose.subject")}</label>
            <small className="hint">{t("compose.subjectHint")}</small>
            {fieldError("subject")}
            <input id="letter-subject" name="subject" list="subject-variants" maxLength={200} defaultValue={values?.subject ?? page.subjectVariants[0]} {...invalid("subject")} />
            <datalist id="subject-variants">
              {page.subjectVariants.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          </div>
          <div className="form-field">
            <label htmlFor="letter-body">{t("compose.body")}</label>
            <small className="hint">{t("compose.bodyHint", { example: "{{target.name}}" })}</small>
            {fieldError("body")}
            <textarea id="letter-body" name="body" rows={14} value={body} onChange={(e) => setBody(e.target.value)} {...invalid("body")} />
          </div>
          <div className="form-field">
            <label htmlFor="letter-personal">{t("compose.personal")}</label>
            <small className="hint">{t("compose.personalHint", { count: page.minPersonal })}</small>
            {fieldError("personal")}
            <textarea id="letter-personal" name="personal" rows={5} required value={personal} onChange={(e) => setPersonal(e.target.value)} {...invalid("personal")} />
          </div>
          {hydrated ? <PersonalMeter letter={`${body}\n\n${personal}`} template={page.bodyTemplate} /> : null}
          <div className="form-field">
            <label htmlFor="letter-name">{t("compose.name")}</label>
            {fieldError("name")}
            <input id="letter-name" name="name" autoComplete="name" maxLength={100} defaultValue={values?.name} {...invalid("name")} />
          </div>
          <EmailField
            ids={{ id: "letter-email", errorId: "letter-email-error" }}
            label={t("compose.email")}
            hint={t("compose.emailHint")}
            error={errors.email ? t(errors.email) : undefined}
            defaultValue={values?.email}
          />
          <div className="form-field">
            <label htmlFor="letter-city">{t("compose.city")}</label>
            {fieldError("city")}
            <input id="letter-city" name="city" autoComplete="address-level2" maxLength={100} defaultValue={values?.city} {...invalid("city")} />
          </div>
          <p className="form-check">
            <input id="letter-mail-consent" type="checkbox" name="mailConsent" defaultChecked={values?.mailConsent ?? false} />
            <label htmlFor="letter-mail-consent">{t("updates:letterConsent")}</label>
          </p>
          {page.partner ? <PartnerConsentBox partner={page.partner} idPrefix="letter" checked={values?.partnerConsent ?? false} /> : null}
          {/* People never see or reach this field; bots that fill every input do. */}
          <div className="hp-field" aria-hidden="true">
            <label htmlFor="letter-website">{t("compose.honeypot")}</label>
            <input id="letter-website" name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" defaultValue="" />
          </div>

          {submitted?.kind === "preview" ? (
            <section className="letter-preview" aria-labelledby="preview-title">
              <h2 id="preview-title">{t("preview.title", { name: page.targets.find((x) => submitted.values.targets.includes(String(x.id)))?.name ?? "" })}</h2>
              <p>
                <strong>{t("preview.subject", { subject: submitted.values.subject })}</strong>
              </p>
              <pre className="mail-text">{submitted.text}</pre>
              {/* The sender's own mail app only for people whose address organizers made public. */}
              {mailApp.length > 0 ? (
                <>
                  {mailApp.length < chosen.length ? (
                    <p className="note">{t("preview.mailtoSome", { names: new Intl.ListFormat(lng, { type: "conjunction" }).format(mailApp.map((x) => x.name)) })}</p>
                  ) : null}
                  <p>
                    <button type="submit" form="letter-mailto" className="link-button">
                      {t("preview.mailto")}
                    </button>
                  </p>
                </>
              ) : null}
            </section>
          ) : null}

          <p className="form-actions">
            <button type="submit" name="intent" value="preview" disabled={navigation.state === "submitting"}>
              {t("compose.preview")}
            </button>{" "}
            <button type="submit" name="intent" value="send" disabled={navigation.state === "submitting"}>
              {t("compose.send")}
            </button>
          </p>
        </Form>
      ) : null}
      {submitted?.kind === "preview" && page.country && mailApp.length > 0 ? (
        <MailtoForm action={`/${lng}/letters/${page.slug}`} values={{ ...submitted.values, mailConsent: submitted.values.mailConsent ? "on" : "", partnerConsent: submitted.values.partnerConsent ? "on" : "", targets: mailApp.map((x) => String(x.id)) }} formToken={formToken} />
      ) : null}
      <RunWith lng={lng} partners={page.runWith} kind="letter" />
    </article>
  );
}

/**
 * "Send from my own mail app": a plain form (a document POST, with or without
 * JS) that counts the opening and answers with a redirect to the mailto: link.
 * It names only targets whose address is public; the server checks that again.
 */
function MailtoForm({ action, values, formToken }: { action: string; values: Record<string, string | string[]>; formToken: string }) {
  return (
    <form id="letter-mailto" method="post" action={action} hidden>
      <input type="hidden" name="formToken" value={formToken} />
      <input type="hidden" name="intent" value="mailto" />
      {Object.entries(values).flatMap(([name, value]) =>
        (Array.isArray(value) ? value : [value]).map((v, i) => <input key={`${name}-${i}`} type="hidden" name={name} value={v} />),
      )}
    </form>
  );
}
