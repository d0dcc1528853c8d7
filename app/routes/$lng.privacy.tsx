import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { serverT } from "~/lib/i18n/translate.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const t = serverT(requireLanguage(params));
  return { title: `${t("privacy.title")} · ${t("siteName")}` };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const SECTIONS = ["stored", "cookies", "logs", "thirdParties", "erasure"] as const;

export default function Privacy() {
  const { t } = useTranslation();
  return (
    <article className="prose">
      <h1>{t("privacy.title")}</h1>
      <p className="lead">{t("privacy.intro")}</p>
      {SECTIONS.map((section) => (
        <section key={section} aria-labelledby={`privacy-${section}`}>
          <h2 id={`privacy-${section}`}>{t(`privacy.${section}.title`)}</h2>
          <p>{t(`privacy.${section}.body`)}</p>
        </section>
      ))}
    </article>
  );
}
