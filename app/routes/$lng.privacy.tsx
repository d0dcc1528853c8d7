import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLanguage } from "~/lib/i18n/route-language.server";
import { serverT } from "~/lib/i18n/translate.server";
import { siteSocial } from "~/lib/share/page-social.server";
import { socialMeta } from "~/lib/share/social-meta";

export async function loader({ params, context }: LoaderFunctionArgs) {
  const lng = requireLanguage(params);
  const t = serverT(lng);
  // The periods this site runs with (RETENTION_* settings), not a promise written once.
  const policy = context.config.retention;
  return { title: `${t("privacy.title")} · ${t("siteName")}`, social: siteSocial(lng, "privacy"), retention: { unconfirmed: policy.unconfirmedDays, mail: policy.mailDays, closed: policy.anonymizeAfterCloseDays } };
}

export const meta: MetaFunction<typeof loader> = socialMeta;

const SECTIONS = ["stored", "retention", "cookies", "logs", "thirdParties", "erasure"] as const;
const RETENTION_ITEMS = ["unconfirmed", "mail", "closed"] as const;

export default function Privacy() {
  const { retention } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <article className="prose">
      <h1>{t("privacy.title")}</h1>
      <p className="lead">{t("privacy.intro")}</p>
      {SECTIONS.map((section) => (
        <section key={section} aria-labelledby={`privacy-${section}`}>
          <h2 id={`privacy-${section}`}>{t(`privacy.${section}.title`)}</h2>
          <p>{t(`privacy.${section}.body`)}</p>
          {section === "stored" ? <p>{t("follows:privacy.stored")}</p> : null}
          {section === "erasure" ? <p>{t("privacy.erasure.log")}</p> : null}
          {section === "retention" ? (
            <ul>
              {RETENTION_ITEMS.map((item) => (
                <li key={item}>{t(`privacy.retention.${item}`, { count: retention[item] })}</li>
              ))}
              <li>{t("follows:privacy.retention", { count: retention.unconfirmed })}</li>
              <li>{t("privacy.retention.limits")}</li>
            </ul>
          ) : null}
        </section>
      ))}
    </article>
  );
}
