/**
 * A page's share card: what it shows (read from the database, in the page's language), and its
 * PNG, drawn once per subject, language and version (a hash of all it shows: the count step, the
 * status, the title…) and kept in
 * memory (bounded) and in `share_cards` (shared by every process, one row per subject and
 * language). Drafts and unknown subjects have no card, as they have no page.
 */
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { cardCountStep, type CardSubject } from "../../lib/share/card-paths";
import { formatNumber } from "../../lib/i18n/format";
import { textDirection, type Language } from "../../lib/i18n/languages";
import { countryNameOverrides, serverT } from "../../lib/i18n/translate.server";
import { TtlCache } from "../../lib/ttl-cache";
import { progressOf } from "../campaign/campaign-progress";
import { pickText } from "../campaign/campaign-text";
import { countOf } from "../campaign/counter.server";
import { countryName } from "../country/country-names";
import { getCountryDirectory } from "../country/country.service.server";
import { isoDay } from "../country/treaty-standing.server";
import type { ParticipantStatus } from "../country/treaty-status";
import type { TreatyHeadline } from "../country/treaty-count";
import { countryOutline } from "../country/world-map.server";
import { findLetterCampaign } from "../letter/letter.repo.server";
import { cachedPetition } from "../petition/petition-cache.server";
import { fontChain, measureFor } from "./card-fonts.server";
import { renderCardPng } from "./card-render.server";
import { composeCardSvg, SHAPE_BOX, STATUS_COLORS, type CardContent } from "./card-svg";

type Db = Kysely<Database>;

/** Bumped when the drawing changes, so cards drawn before are drawn again. */
export const CARD_DESIGN = "2";

export interface ShareCardSettings {
  treatySlug: string;
  petitionCacheMs: number;
  now: Date;
}

export interface CardImage {
  png: Uint8Array;
  /** A strong validator: the hash of the PNG, quoted. */
  etag: string;
}

interface Described {
  content: CardContent;
  /** The language of the campaign's words, when it fell back from the page's. */
  textLanguage?: string;
}

interface TreatySnapshot {
  countries: Map<string, { code2: string; status: ParticipantStatus }>;
  headline: TreatyHeadline;
}

/** The caches of one database handle (a server has one; tests open several). */
interface Caches {
  snapshot: TtlCache<string, TreatySnapshot>;
  described: TtlCache<string, Described>;
  images: TtlCache<string, CardImage>;
}

const cachesByDb = new WeakMap<Db, Caches>();

function cachesOf(db: Db): Caches {
  let caches = cachesByDb.get(db);
  if (!caches) {
    caches = {
      // Every country's status and the headline figures: the same for every language.
      snapshot: new TtlCache({ max: 2, ttlMs: 10_000 }),
      // What a card shows, for a few seconds: a preview crawler's burst reads the database once.
      described: new TtlCache({ max: 2_000, ttlMs: 5_000 }),
      // The PNGs (each well under 300 KB; about 150 KB at most here).
      images: new TtlCache({ max: 200 }),
    };
    cachesByDb.set(db, caches);
  }
  return caches;
}

export function subjectKey(subject: CardSubject): string {
  switch (subject.kind) {
    case "petition":
    case "letter":
      return `${subject.kind}:${subject.slug}`;
    case "country":
      return `country:${subject.code3.toUpperCase()}`;
    case "site":
      return "site";
  }
}

/** The card of a subject in a language, or null when the subject has no public page. */
export async function shareCard(db: Db, readDb: Db, lng: Language, subject: CardSubject, settings: ShareCardSettings): Promise<CardImage | null> {
  const caches = cachesOf(readDb);
  const key = subjectKey(subject);
  const described = await caches.described.get(`${lng}|${key}`, async () => (await describeCard(readDb, lng, subject, settings)) ?? undefined);
  if (!described) return null;
  // Whatever the card shows changes its version: a count step, a status, an organizer's new title.
  const version = `${CARD_DESIGN}:${createHash("sha256").update(JSON.stringify([described.content, described.textLanguage ?? lng])).digest("base64url").slice(0, 16)}`;
  return caches.images.get(`${key}|${lng}|${version}`, async () => {
    const stored = await db
      .selectFrom("share_cards")
      .select(["png", "etag"])
      .where("subject", "=", key)
      .where("language", "=", lng)
      .where("version", "=", version)
      .executeTakeFirst();
    if (stored) return { png: stored.png, etag: stored.etag };
    const image = await drawCard(lng, described.content, described.textLanguage);
    await db
      .insertInto("share_cards")
      .values({ subject: key, language: lng, version, etag: image.etag, png: image.png, rendered_at: settings.now })
      .onConflict((oc) => oc.columns(["subject", "language"]).doUpdateSet({ version, etag: image.etag, png: image.png, rendered_at: settings.now }))
      .execute();
    return image;
  });
}

/** The PNG of a card's content in a page's language (with the campaign text's, if another), with its validator. */
export async function drawCard(lng: Language, content: CardContent, textLanguage: string = lng): Promise<CardImage> {
  const languages = [lng, textLanguage];
  const svg = composeCardSvg(content, {
    direction: textDirection(lng),
    fontFamilies: fontChain(languages).map((f) => f.family),
    siteName: serverT(lng)("common:siteName"),
    measure: measureFor(languages),
  });
  const png = await renderCardPng(svg, languages);
  return { png, etag: `"${createHash("sha256").update(png).digest("base64url").slice(0, 27)}"` };
}

async function describeCard(db: Db, lng: Language, subject: CardSubject, settings: ShareCardSettings): Promise<Described | null> {
  const t = serverT(lng);
  const n = (value: number) => formatNumber(lng, value);
  /** A public petition's or letter campaign's card: its title, the count step, the goal as a bar, the call. */
  const campaignCard = async (
    found: { id: number; status: string; goal: number | null; defaultLanguage: string; texts: readonly { language: string; title: string }[] } | null,
    counted: "signatures" | "letters",
  ): Promise<Described | null> => {
    if (!found || found.status === "draft") return null;
    const picked = pickText(found.texts, lng, found.defaultLanguage);
    if (!picked) return null;
    const step = cardCountStep((await countOf(db, counted, found.id)).confirmed);
    const progress = progressOf(step, found.goal);
    const kind = counted === "signatures" ? "petition" : "letter";
    return {
      textLanguage: picked.text.language,
      content: {
        kind: "campaign",
        title: picked.text.title,
        figure: { value: n(step), label: t(`share:card.${kind}.${counted}`, { count: step }) },
        progress: progress.goal === null ? null : { fraction: step / progress.goal, text: t("share:card.goal", { goal: n(progress.goal) }) },
        call: found.status === "closed" ? t("share:card.closed") : t(`share:card.${kind}.call`),
      },
    };
  };
  switch (subject.kind) {
    case "petition": {
      const found = await cachedPetition(db, subject.slug, settings.petitionCacheMs);
      return campaignCard(found && { ...found.petition, texts: found.texts }, "signatures");
    }
    case "letter": {
      const found = await findLetterCampaign(db, subject.slug);
      return campaignCard(found && { ...found.campaign, defaultLanguage: found.campaign.default_language, texts: found.texts }, "letters");
    }
    case "country": {
      const code3 = subject.code3.toUpperCase();
      const country = (await treatySnapshot(db, settings)).countries.get(code3);
      if (!country) return null;
      const shape = countryOutline(code3, SHAPE_BOX.width, SHAPE_BOX.height);
      return {
        content: {
          kind: "country",
          name: countryName(lng, country.code2, countryNameOverrides(lng)),
          badge: { text: t(`countries:status.${country.status}`), color: STATUS_COLORS[country.status] },
          summary: t(`share:card.country.summary.${country.status}`),
          shape: shape ? { path: shape, color: STATUS_COLORS[country.status] } : null,
        },
      };
    }
    case "site": {
      const { signatories } = (await treatySnapshot(db, settings)).headline;
      return {
        content: {
          kind: "site",
          question: t("common:home.question"),
          figure: { value: n(signatories.confirmed), label: t("share:card.site.signatories", { count: signatories.confirmed }) },
        },
      };
    }
  }
}

async function treatySnapshot(db: Db, settings: ShareCardSettings): Promise<TreatySnapshot> {
  return cachesOf(db).snapshot.get(settings.treatySlug, async () => {
    const directory = await getCountryDirectory(db, settings.treatySlug, "en", {}, isoDay(settings.now));
    return {
      countries: new Map(directory.countries.map((c) => [c.code3, { code2: c.code2, status: c.status }])),
      headline: directory.headline,
    };
  });
}
