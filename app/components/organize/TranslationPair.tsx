import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { textDirection } from "~/lib/i18n/languages";

/**
 * A translation's fields beside the default language's words (as saved), so
 * translators see what they translate; on narrow screens the reference comes first.
 */
export function TranslationPair({ reference, referenceLanguage, children }: { reference: { label: string; text: string }[] | null; referenceLanguage: string; children: ReactNode }) {
  const { t } = useTranslation("organize");
  if (!reference) return <>{children}</>;
  return (
    <div className="editor-pair">
      <div className="editor-reference" aria-label={t("editor.reference", { language: referenceLanguage })} role="group">
        <p className="hint">{t("editor.reference", { language: referenceLanguage })}</p>
        <dl lang={referenceLanguage} dir={textDirection(referenceLanguage)}>
          {reference.map((item) => (
            <div key={item.label}>
              <dt>{item.label}</dt>
              <dd>{item.text}</dd>
            </div>
          ))}
        </dl>
      </div>
      <div>{children}</div>
    </div>
  );
}
