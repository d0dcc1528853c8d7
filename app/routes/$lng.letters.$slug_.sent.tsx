import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { serverT } from "~/lib/i18n/translate.server";

/** After writing: the letter waits for the sender's confirmation by mail. */
export async function loader({ params }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  return { lng, slug: params.slug ?? "", title: `${serverT(lng)("letters:sent.title")} · ${serverT(lng)("common:siteName")}` };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: "robots", content: "noindex" }];

export default function LetterSent() {
  const { lng, slug } = useLoaderData<typeof loader>();
  const { t } = useTranslation("letters");
  return (
    <section className="signed" aria-labelledby="sent-title">
      <h1 id="sent-title">{t("sent.title")}</h1>
      <p className="lead" role="status">
        {t("sent.body")}
      </p>
      <p>
        <Link to={`/${lng}/letters/${slug}`}>{t("sent.back")}</Link>
      </p>
    </section>
  );
}
