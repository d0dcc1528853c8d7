import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizerPage } from "~/components/organize/OrganizerPage";
import { Table } from "~/components/organize/Table";
import { formatNumber } from "~/lib/i18n/format";
import { LANGUAGE_ENDONYMS, SUPPORTED_LANGUAGES, isSupportedLanguage, textDirection, type Language } from "~/lib/i18n/languages";
import type { CampaignKind, UpdateFormValues } from "~/modules/updates/update-rules";
import type { UpdateDetail, UpdateView } from "~/modules/updates/update-views";
import { emptyUpdateValues, UpdateForm } from "./UpdateForm";

const when = (iso: string | null) => (iso ? iso.replace("T", " ").slice(0, 16) : "");
const languageName = (lng: string) => (isSupportedLanguage(lng) ? LANGUAGE_ENDONYMS[lng] : lng);

function Crumbs({ lng, path, slug, list }: { lng: string; path: string; slug: string; list?: boolean }) {
  const { t } = useTranslation("organizeUpdates");
  return (
    <>
      {" › "}
      <Link to={`/${lng}/organize/${path}/${slug}`}>{slug}</Link>
      {list ? (
        <>
          {" › "}
          <Link to={`/${lng}/organize/${path}/${slug}/updates`}>{t("organize.title")}</Link>
        </>
      ) : null}
    </>
  );
}

function Figures({ lng, update }: { lng: string; update: UpdateView }) {
  const n = (value: number) => formatNumber(lng, value);
  return (
    <>
      <td>{n(update.figures.queued)}</td>
      <td>{n(update.figures.sent)}</td>
      <td>{n(update.figures.failed)}</td>
      <td>{n(update.figures.bounced)}</td>
      <td>{n(update.figures.unsubscribed)}</td>
    </>
  );
}

/** A campaign's updates with their figures, and the form of a new one. */
export function UpdatesListPage({
  lng,
  kind,
  path,
  slug,
  defaultLanguage,
  csrf,
  canEdit,
  updates,
  failed,
}: {
  lng: string;
  kind: CampaignKind;
  path: string;
  slug: string;
  defaultLanguage: string;
  csrf: string;
  canEdit: boolean;
  updates: UpdateView[];
  failed: { errors: Record<string, string>; values: UpdateFormValues | null } | undefined;
}) {
  const { t } = useTranslation("organizeUpdates");
  return (
    <OrganizerPage lng={lng} title={`${t("organize.title")}: ${slug}`} crumbs={<Crumbs lng={lng} path={path} slug={slug} />}>
      <p className="hint">{t("organize.intro")}</p>
      {updates.length === 0 ? (
        <p>{t("organize.none")}</p>
      ) : (
        <Table
          region={{ label: t("organize.title") }}
          columns={[
            t("organize.subject"),
            t("organize.status"),
            t("organize.audience"),
            t("figures.queued"),
            t("figures.sent"),
            t("figures.failed"),
            t("figures.bounced"),
            t("figures.unsubscribed"),
          ]}
        >
          {updates.map((u) => (
            <tr key={u.id}>
              <th scope="row">
                <Link to={`/${lng}/organize/${path}/${slug}/updates/${u.id}`}>{u.subject}</Link>
              </th>
              <td>
                {t(`statuses.${u.status}`)} {u.status === "scheduled" ? when(u.sendAt) : u.startedAt ? when(u.startedAt) : ""}
              </td>
              <td>{t(`audiences.${u.audience}`)}</td>
              <Figures lng={lng} update={u} />
            </tr>
          ))}
        </Table>
      )}
      {canEdit ? (
        <section aria-labelledby="new-update-title">
          <h2 id="new-update-title">{t("organize.new")}</h2>
          <UpdateForm csrf={csrf} kind={kind} values={failed?.values ?? emptyUpdateValues(defaultLanguage)} errors={failed?.errors ?? {}} />
        </section>
      ) : null}
    </OrganizerPage>
  );
}

const valuesOf = (update: UpdateDetail): UpdateFormValues => ({
  audience: update.audience,
  country: update.filters.country ?? "",
  language: update.filters.language ?? "",
  since: update.filters.since ? update.filters.since.slice(0, 10) : "",
  defaultLanguage: update.defaultLanguage,
  public: update.public,
  sendAt: "",
  texts: Object.fromEntries(SUPPORTED_LANGUAGES.map((l) => [l, update.texts[l] ?? { subject: "", body: "" }])) as UpdateFormValues["texts"],
});

/** One update: state, figures, audience size, previews, and its buttons. */
export function UpdateDetailPage({
  lng,
  kind,
  path,
  slug,
  csrf,
  canEdit,
  me,
  done,
  update,
  failed,
}: {
  lng: string;
  kind: CampaignKind;
  path: string;
  slug: string;
  csrf: string;
  canEdit: boolean;
  me: string;
  done: string | null;
  update: UpdateDetail;
  failed: { errors: Record<string, string>; values: UpdateFormValues | null } | undefined;
}) {
  const { t } = useTranslation("organizeUpdates");
  const editable = update.status === "draft" || update.status === "scheduled";
  const going = update.status === "sending" || update.status === "scheduled";
  const errors = failed?.errors ?? {};
  return (
    <OrganizerPage lng={lng} title={update.subject} crumbs={<Crumbs lng={lng} path={path} slug={slug} list />}>
      {done ? <p role="status">{t(`done.${done}`, { email: me })}</p> : null}
      {errors.form && !failed?.values ? (
        <p className="field-error" role="alert">
          {t(errors.form)}
        </p>
      ) : null}
      <dl>
        <dt>{t("organize.status")}</dt>
        <dd>
          {t(`statuses.${update.status}`)} {update.status === "scheduled" ? when(update.sendAt) : when(update.startedAt)}
        </dd>
        <dt>{t("organize.audience")}</dt>
        <dd>
          {t(`audiences.${update.audience}`)}
          {update.filters.country ? ` · ${update.filters.country}` : ""}
          {update.filters.language ? ` · ${languageName(update.filters.language)}` : ""}
          {update.filters.since
            ? ` · ${t("organize.since", {
                date: update.filters.since.slice(0, 10),
              })}`
            : ""}
        </dd>
        <dt>{t("organize.size")}</dt>
        <dd>{t(update.audienceSize.exact ? "organize.sizeExact" : "organize.sizeAbout", { formatted: formatNumber(lng, update.audienceSize.count), count: update.audienceSize.count })}</dd>
        <dt>{t("organize.public")}</dt>
        <dd>{t(update.public ? "organize.yes" : "organize.no")}</dd>
        <dt>{t("organize.createdBy")}</dt>
        <dd>{update.createdBy}</dd>
      </dl>
      <Table columns={[t("figures.queued"), t("figures.sent"), t("figures.failed"), t("figures.bounced"), t("figures.unsubscribed")]}>
        <tr>
          <Figures lng={lng} update={update} />
        </tr>
      </Table>

      {canEdit && (editable || going) ? (
        <section aria-labelledby="update-actions-title">
          <h2 id="update-actions-title">{t("organize.actions")}</h2>
          {editable ? (
            <>
              <Form method="post">
                <input type="hidden" name="csrf" value={csrf} />
                <p>
                  <button type="submit" name="intent" value="test">
                    {t("organize.test", { email: me })}
                  </button>
                </p>
              </Form>
              <Form method="post">
                <input type="hidden" name="csrf" value={csrf} />
                <p>
                  <button type="submit" name="intent" value="send">
                    {t("organize.sendNow", {
                      formatted: formatNumber(lng, update.audienceSize.count),
                      count: update.audienceSize.count,
                    })}
                  </button>
                </p>
              </Form>
              <Form method="post">
                <input type="hidden" name="csrf" value={csrf} />
                <input type="hidden" name="intent" value="schedule" />
                <div className="form-field">
                  <label htmlFor="update-sendAt">{t("organize.sendAt")}</label>
                  {errors.sendAt ? (
                    <p className="field-error" id="update-sendAt-error">
                      {t(errors.sendAt)}
                    </p>
                  ) : null}
                  <input
                    id="update-sendAt"
                    name="sendAt"
                    type="datetime-local"
                    defaultValue={update.sendAt ? update.sendAt.slice(0, 16) : ""}
                    {...(errors.sendAt
                      ? {
                          "aria-invalid": true as const,
                          "aria-describedby": "update-sendAt-error",
                        }
                      : {})}
                  />
                </div>
                <p>
                  <button type="submit">{t("organize.schedule")}</button>
                </p>
              </Form>
            </>
          ) : null}
          {going ? (
            <Form method="post">
              <input type="hidden" name="csrf" value={csrf} />
              <p>
                <button type="submit" name="intent" value="cancel">
                  {t("organize.cancel")}
                </button>
              </p>
            </Form>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="update-previews-title">
        <h2 id="update-previews-title">{t("organize.previews")}</h2>
        {update.previews.map((p) => (
          <details key={p.lng} lang={p.lng} dir={textDirection(p.lng)}>
            <summary>
              {languageName(p.lng)}
              {p.lng === update.defaultLanguage ? ` (${t("organize.default")})` : ""}: {p.subject}
            </summary>
            <pre className="mail-preview">{p.text}</pre>
          </details>
        ))}
        <p className="hint">
          {t("organize.fallback", {
            languages: SUPPORTED_LANGUAGES.filter((l: Language) => !update.languages.includes(l))
              .map(languageName)
              .join(", "),
            language: languageName(update.defaultLanguage),
          })}
        </p>
      </section>

      {canEdit && editable ? (
        <section aria-labelledby="update-edit-title">
          <h2 id="update-edit-title">{t("organize.edit")}</h2>
          <UpdateForm csrf={csrf} kind={kind} intent="save" values={failed?.values ?? valuesOf(update)} errors={failed?.values ? errors : {}} />
        </section>
      ) : null}
    </OrganizerPage>
  );
}
