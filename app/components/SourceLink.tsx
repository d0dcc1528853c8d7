import { useTranslation } from "react-i18next";

/** Every fact on screen names where it comes from. */
export function SourceLink({ href }: { href: string }) {
  const { t } = useTranslation();
  let host = href;
  try {
    host = new URL(href).hostname.replace(/^www\./, "");
  } catch {
    // keep the raw URL
  }
  return (
    <a className="source-link" href={href} rel="noopener noreferrer external">
      {t("source", { host })}
    </a>
  );
}
