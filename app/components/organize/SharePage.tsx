import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LanguageField } from "~/components/form/PersonFields";
import type { EmbedKind } from "~/modules/share/embed-protocol";
import { useEditorField } from "./EditorField";
import { OrganizerPage } from "./OrganizerPage";

export interface SharePageData {
  lng: string;
  kind: EmbedKind;
  slug: string;
  status: string;
  dashboard: string;
  embedLng: string;
  typed: { ref: string; partner: string };
  errors: Partial<Record<"ref" | "partner", string>>;
  snippet: string;
  embedPreview: string;
  pageUrl: string;
  qrPath: string;
}

/**
 * A campaign's "Share and embed": the snippet partners paste (its language and
 * codes chosen with a GET form, so the page's address is the snippet's
 * settings), the public address, and the QR code for print.
 */
export function SharePage(page: SharePageData) {
  const { t } = useTranslation("organizeShare");
  const field = useEditorField(page.errors as Record<string, string>);
  return (
    <OrganizerPage
      lng={page.lng}
      title={`${t("title")}: ${page.slug}`}
      crumbs={
        <>
          {" › "}
          <Link to={page.dashboard}>{page.slug}</Link>
        </>
      }
    >
      {page.status === "draft" ? <p className="note">{t("draftNote")}</p> : null}

      <section aria-labelledby="embed-title">
        <h2 id="embed-title">{t("embed.title")}</h2>
        <p>{t(`embed.intro.${page.kind}`)}</p>
        <Form method="get" className="share-settings">
          <LanguageField ids={{ id: "share-language", errorId: "share-language-error" }} label={t("embed.language")} defaultValue={page.embedLng} />
          {field("ref", t("embed.ref"), (props) => <input {...props} defaultValue={page.typed.ref} maxLength={32} autoComplete="off" />, t(`embed.refHint.${page.kind}`))}
          {field("partner", t("embed.partner"), (props) => <input {...props} defaultValue={page.typed.partner} maxLength={32} autoComplete="off" />, t("embed.partnerHint"))}
          <button type="submit">{t("embed.update")}</button>
        </Form>
        <div className="form-field">
          <label htmlFor="share-snippet">{t("embed.snippet")}</label>
          <p className="hint" id="share-snippet-hint">
            {t("embed.snippetHint")}
          </p>
          <textarea id="share-snippet" className="share-code" readOnly rows={6} value={page.snippet} aria-describedby="share-snippet-hint" dir="ltr" />
        </div>
        <p>
          <a href={page.embedPreview} target="_blank" rel="noopener">
            {t("embed.preview")}
          </a>
        </p>
      </section>

      <section aria-labelledby="link-title">
        <h2 id="link-title">{t("link.title")}</h2>
        <div className="form-field">
          <label htmlFor="share-url">{t("link.label")}</label>
          <input id="share-url" className="share-code" readOnly value={page.pageUrl} dir="ltr" />
        </div>
      </section>

      <section aria-labelledby="qr-title">
        <h2 id="qr-title">{t("qr.title")}</h2>
        <p>{t("qr.intro")}</p>
        <img className="share-qr" src={page.qrPath} alt={t("qr.alt", { url: page.pageUrl })} width={240} height={240} />
        <p>
          <a href={page.qrPath} download>
            {t("qr.download")}
          </a>
        </p>
      </section>
    </OrganizerPage>
  );
}
