import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FollowForm } from "~/components/follow/FollowForm";
import { readForm } from "~/lib/form.server";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { serverT } from "~/lib/i18n/translate.server";
import { siteSocial } from "~/lib/share/page-social.server";
import { socialMeta } from "~/lib/share/social-meta";
import { issueFormToken } from "~/modules/campaign/form-token.server";
import { findFollowableCountry, submitFollow } from "~/modules/follow/follow.service.server";
import { countryNameIn, followContext } from "~/web/follow-route.server";

const notFound = () => new Response(null, { status: 404, statusText: "Not Found" });

/** Follow a country: an address and a language; the mail that follows asks to confirm. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const country = await findFollowableCountry(context.readDb, context.config.treaty.slug, params.code ?? "");
  if (country.kind === "not_found") throw notFound();
  if (country.kind === "redirect") throw redirect(`/${lng}/countries/${country.segment}/follow`, 301);
  const name = countryNameIn(lng, country.code2);
  return {
    lng,
    segment: country.segment,
    countryName: name,
    formToken: issueFormToken(country.treatyId, new Date(), context.config.server.sessionSecrets, "follow"),
    title: `${serverT(lng)("follows:page.title", { country: name })} · ${serverT(lng)("common:siteName")}`,
    social: siteSocial(lng, "follow", { country: name }),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lng = requireLanguage(params);
  const result = await submitFollow(context.db, context.config.treaty.slug, params.code ?? "", await readForm(request), followContext(context));
  if (result.kind === "not_found") throw notFound();
  if (result.kind === "invalid") return data({ errors: result.errors, values: result.values }, { status: 400 });
  throw redirect(`/${lng}/countries/${result.segment}/follow/sent`, 303);
}

// Each view carries a fresh form token (it times the fill-in): not for shared caches.
export const headers: HeadersFunction = ({ errorHeaders }) => errorHeaders ?? { "Cache-Control": "private, no-cache" };

export const meta: MetaFunction<typeof loader> = socialMeta;

export default function FollowCountryPage() {
  const { lng, segment, countryName, formToken } = useLoaderData<typeof loader>();
  const submitted = useActionData<typeof action>();
  const { t } = useTranslation("follows");
  return (
    <section className="follow" aria-labelledby="follow-title">
      <h1 id="follow-title">{t("page.title", { country: countryName })}</h1>
      <p className="lead">{t("page.lead", { country: countryName })}</p>
      <ul>
        <li>{t("page.what")}</li>
        <li>{t("page.howOften")}</li>
        <li>{t("page.stop")}</li>
      </ul>
      <FollowForm lng={lng} action={`/${lng}/countries/${segment}/follow`} countryName={countryName} formToken={formToken} submitted={submitted} />
      <p>
        <Link to={`/${lng}/countries/${segment}`}>{t("page.back", { country: countryName })}</Link>
      </p>
    </section>
  );
}
