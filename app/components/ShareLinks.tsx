import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { shareTargets, type ShareTarget } from "~/modules/share/share-links";

/** Proper names stay as the networks write them; mail and text messages are named in the reader's language. */
const NETWORK_NAMES: Record<Exclude<ShareTarget["id"], "email" | "sms">, string> = {
  whatsapp: "WhatsApp",
  telegram: "Telegram",
  facebook: "Facebook",
  x: "X",
  bluesky: "Bluesky",
  linkedin: "LinkedIn",
  reddit: "Reddit",
};

/**
 * The share block, the same on every page that offers sharing. Without JavaScript: the link in a
 * read-only field to select and copy, plain links for mail, text messages, the messengers and the
 * networks, and a small form for a Mastodon server (through our own page, see
 * `$lng.share.mastodon.tsx`). Nothing loads from any network until the reader follows a link.
 * With JavaScript: a copy button (Clipboard API) that says "Copied" to screen readers too, and
 * "Share…" (the system's share sheet) where the browser has `navigator.share`.
 */
export function ShareLinks({ lng, url, text, heading }: { lng: string; url: string; text: string; heading?: string }) {
  const { t } = useTranslation("share");
  const field = useRef<HTMLInputElement>(null);
  const [can, setCan] = useState({ copy: false, share: false });
  const [status, setStatus] = useState("");
  useEffect(() => {
    setCan({ copy: typeof navigator.clipboard?.writeText === "function", share: typeof navigator.share === "function" });
  }, []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setStatus(t("block.copied"));
    } catch {
      // No permission: the link is selected, for the keyboard's copy.
      field.current?.select();
      setStatus(t("block.copyFailed"));
    }
  };
  const share = async () => {
    try {
      await navigator.share({ title: text, text, url });
    } catch {
      // Cancelled, or refused: nothing to say.
    }
  };
  return (
    <section className="share-block" aria-labelledby="share-block-title">
      <h2 id="share-block-title">{heading ?? t("block.title")}</h2>
      <div className="share-copy">
        <label htmlFor="share-link">{t("block.linkLabel")}</label>
        <div className="share-copy-row">
          <input id="share-link" className="share-link-field" type="url" readOnly value={url} dir="ltr" onFocus={(e) => e.currentTarget.select()} ref={field} />
          <button type="button" className="share-copy-button" hidden={!can.copy} onClick={copy}>
            {t("block.copy")}
          </button>
          <button type="button" className="share-native-button" hidden={!can.share} onClick={share}>
            {t("block.shareButton")}
          </button>
        </div>
        <p className="share-copy-status" role="status">
          {status}
        </p>
      </div>
      <ul className="share-links" aria-label={t("block.linksLabel")}>
        {shareTargets(url, text).map((target) => (
          <li key={target.id}>
            <a href={target.href} rel="noopener noreferrer external" data-share={target.id}>
              {target.id === "email" || target.id === "sms" ? t(`block.${target.id}`) : NETWORK_NAMES[target.id]}
            </a>
          </li>
        ))}
      </ul>
      <MastodonForm lng={lng} message={`${text} ${url}`} />
    </section>
  );
}

/** "Share on Mastodon": the person's own server, asked for, then our page leads there. */
export function MastodonForm({ lng, message, instance = "", error }: { lng: string; message: string; instance?: string; error?: string }) {
  const { t } = useTranslation("share");
  return (
    <form method="get" action={`/${lng}/share/mastodon`} className="share-mastodon">
      <input type="hidden" name="text" value={message} />
      <label htmlFor="share-mastodon-instance">{t("block.mastodon.label")}</label>
      <small className="hint" id="share-mastodon-hint">
        {t("block.mastodon.hint")}
      </small>
      {error ? (
        <p className="field-error" id="share-mastodon-error">
          {error}
        </p>
      ) : null}
      <span className="share-copy-row">
        <input
          id="share-mastodon-instance"
          name="instance"
          dir="ltr"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="mastodon.social"
          defaultValue={instance}
          aria-describedby={error ? "share-mastodon-hint share-mastodon-error" : "share-mastodon-hint"}
          aria-invalid={error ? true : undefined}
        />
        <button type="submit">{t("block.mastodon.submit")}</button>
      </span>
    </form>
  );
}
