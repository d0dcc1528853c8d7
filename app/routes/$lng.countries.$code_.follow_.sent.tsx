import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { serverT } from "~/lib/i18n/translate.server";
import { findFollowableCountry } from "~/modules/follow/follow.service.server";
import { countryNameIn } from "~/web/follow-route.server";

/**
 * After the follow form: check your mail. Shows nothing about the address, so it reads the
 * same whether or not it already followed the country.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const country = await findFollowableCountry(context.readDb, context.config.treaty.slug, params.code ?? "");
  if (country.kind === "not_found") throw new Response(null, { status: 404, statusText: "Not Found" });
  if (country.kind === "redirect") throw redirect(`/${lng}/countries/${country.segment}/follow/sent`, 301);
  const t = serverT(lng);
  return { lng, segment: country.segment, countryName: countryNameIn(lng, country.code2), title: `${t("follows:sent.title")} · ${t("common:siteName")}` };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: "robots", content: "noindex" }];

export default function FollowSent() {
  const { lng, segment, countryName } = useLoaderData<typeof loader>();
  const { t } = useTranslation("follows");
  return (
    <section className="signed" aria-labelledby="follow-sent-title">
      <h1 id="follow-sent-title">{t("sent.title")}</h1>
      <p className="lead" role="status">
        {t("sent.body", { country: countryName })}
      </p>
      <p>{t("sent.notArrived")}</p>
      <p>
        <Link to={`/${lng}/countries/${segment}`}>{t("sent.back", { country: countryName })}</Link>
      </p>
    </section>
  );
}
