/**
 * Link previews: the Open Graph and Twitter Card tags of a public page. A page's loader says what
 * its preview shows (`pageSocial` in `page-social.server.ts`: description, card, the card's words for those who cannot see
 * it); its `meta` is `socialMeta`, which adds the title, the canonical address and the rest from
 * the root loader's data (public address, language, site name). Pages not meant to be shared
 * (signed, sent, mail links, the organizer area) do not use it.
 */
import type { MetaDescriptor } from "@remix-run/node";
import { SUPPORTED_LANGUAGES, type Language } from "../i18n/languages";

/** Facebook's locale tags (language_TERRITORY), which the other previews read too. */
export const OG_LOCALES: Record<Language, string> = { en: "en_US", fr: "fr_FR", es: "es_ES", ar: "ar_AR", ru: "ru_RU", zh: "zh_CN" };

export const CARD_IMAGE = { width: 1200, height: 630, type: "image/png" } as const;

export interface PageSocial {
  description: string;
  /** Path of the page's card: its own, or the site's. */
  image: string;
  imageAlt: string;
  type: "website" | "article";
}

interface RootData {
  lng: Language;
  publicUrl: string;
  resources: { common?: { siteName?: string } };
}

interface SocialMetaArgs {
  data?: unknown;
  matches: readonly { id: string; data?: unknown }[];
  location: { pathname: string };
}

/** A page's `meta`: its title, and with `social` in its data, the canonical link and every preview tag. */
export function socialMeta({ data, matches, location }: SocialMetaArgs): MetaDescriptor[] {
  const page = data as { title?: string; social?: PageSocial } | undefined;
  if (!page?.title) return [];
  const root = matches.find((m) => m.id === "root")?.data as RootData | undefined;
  if (!page.social || !root) return [{ title: page.title }];
  const { social } = page;
  const absolute = (path: string) => `${root.publicUrl}${path}`;
  const url = absolute(location.pathname);
  const image = absolute(social.image);
  return [
    { title: page.title },
    { name: "description", content: social.description },
    { tagName: "link", rel: "canonical", href: url },
    { property: "og:type", content: social.type },
    { property: "og:site_name", content: root.resources.common?.siteName ?? "Treaty Watch" },
    { property: "og:title", content: page.title },
    { property: "og:description", content: social.description },
    { property: "og:url", content: url },
    { property: "og:locale", content: OG_LOCALES[root.lng] },
    ...SUPPORTED_LANGUAGES.filter((lng) => lng !== root.lng).map((lng) => ({ property: "og:locale:alternate", content: OG_LOCALES[lng] })),
    { property: "og:image", content: image },
    { property: "og:image:type", content: CARD_IMAGE.type },
    { property: "og:image:width", content: String(CARD_IMAGE.width) },
    { property: "og:image:height", content: String(CARD_IMAGE.height) },
    { property: "og:image:alt", content: social.imageAlt },
    { name: "twitter:card", content: "summary_large_image" },
    { name: "twitter:title", content: page.title },
    { name: "twitter:description", content: social.description },
    { name: "twitter:image", content: image },
    { name: "twitter:image:alt", content: social.imageAlt },
  ];
}
