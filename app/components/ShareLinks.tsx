import { useTranslation } from "react-i18next";

/**
 * Plain share links: nothing loads from the networks until the reader clicks,
 * so the page makes no third-party request.
 */
export function ShareLinks({ url, text }: { url: string; text: string }) {
  const { t } = useTranslation();
  const u = encodeURIComponent(url);
  const message = encodeURIComponent(`${text} ${url}`);
  const targets = [
    { name: t("share.email"), href: `mailto:?subject=${encodeURIComponent(text)}&body=${message}` },
    { name: "WhatsApp", href: `https://wa.me/?text=${message}` },
    { name: "Telegram", href: `https://t.me/share/url?url=${u}&text=${encodeURIComponent(text)}` },
    { name: "Bluesky", href: `https://bsky.app/intent/compose?text=${message}` },
    { name: "X", href: `https://x.com/intent/post?text=${message}` },
    { name: "Facebook", href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
  ];
  return (
    <nav className="share-links" aria-label={t("share.label")}>
      <h2>{t("share.label")}</h2>
      <ul>
        {targets.map((target) => (
          <li key={target.name}>
            <a href={target.href} rel="noopener noreferrer external">
              {target.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
