import { useTranslation } from "react-i18next";
import { textDirection } from "~/lib/i18n/languages";
import type { PublicUpdate } from "~/modules/updates/update-views";

/** A petition's public updates, newest first; each in the reader's language or, marked, in its default. */
export function PublicUpdates({ lng, updates }: { lng: string; updates: PublicUpdate[] }) {
  const { t } = useTranslation("updates");
  if (updates.length === 0) return null;
  return (
    <section aria-labelledby="updates-title" className="campaign-updates">
      <h2 id="updates-title">{t("public.title")}</h2>
      {updates.map((u) => {
        const textLang = u.lng !== lng ? { lang: u.lng, dir: textDirection(u.lng) } : {};
        return (
          <article key={u.id} aria-labelledby={`update-${u.id}`}>
            <h3 id={`update-${u.id}`} {...textLang}>
              {u.subject}
            </h3>
            <p>
              <small>{t("public.date", { date: u.date })}</small>
            </p>
            {/* Organizer markdown, rendered with raw HTML escaped (markdown.server.ts). */}
            <div {...textLang} dangerouslySetInnerHTML={{ __html: u.html }} />
          </article>
        );
      })}
    </section>
  );
}
