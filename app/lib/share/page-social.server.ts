import type { Language } from "../i18n/languages";
import { serverT } from "../i18n/translate.server";
import { formatNumber } from "../i18n/format";
import { cardCountStep, shareCardPath, type CardSubject } from "./card-paths";
import type { PageSocial } from "./social-meta";

/** What a loader returns as `social` for `socialMeta`: the card defaults to the site's. */
export function pageSocial(
  lng: Language,
  { description, imageAlt, card = { kind: "site" }, version }: { description: string; imageAlt: string; card?: CardSubject; version?: string | number },
): PageSocial {
  return { description, imageAlt, image: shareCardPath(lng, card, version), type: card.kind === "petition" || card.kind === "letter" ? "article" : "website" };
}

/** A page without a card of its own: the site's card, and the page's description (a `common:social.description.*` key). */
export function siteSocial(lng: Language, page: "home" | "countries" | "privacy" | "follow", values: Record<string, string> = {}): PageSocial {
  const t = serverT(lng);
  return pageSocial(lng, {
    description: t(`common:social.description.${page}`, values),
    imageAlt: t("common:social.imageAlt.site", { question: t("common:home.question") }),
  });
}

/** A petition's or a letter campaign's page: its own card at the count step it shows. */
export function campaignSocial(lng: Language, kind: "petition" | "letter", campaign: { slug: string; title: string; count: number }): PageSocial {
  const t = serverT(lng);
  const step = cardCountStep(campaign.count);
  return pageSocial(lng, {
    description: t(`common:social.description.${kind}`, { number: formatNumber(lng, campaign.count) }),
    imageAlt: t(`common:social.imageAlt.${kind}`, { title: campaign.title, number: formatNumber(lng, step) }),
    card: { kind, slug: campaign.slug },
    version: step,
  });
}
