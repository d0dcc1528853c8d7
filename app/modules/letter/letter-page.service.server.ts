import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { parseCountryCode } from "../country/country";
import { countryOptions } from "../country/country-options.server";
import { pickText } from "../campaign/campaign-text";
import { pickLetterTemplate } from "../campaign/campaign-asks";
import { askForCountry } from "../campaign/campaign-asks.service.server";
import { hashClientAddress } from "../../lib/client-address.server";
import { countOf } from "../campaign/counter.server";
import { countLetterEvent } from "./letter-events.repo.server";
import { composeLetter } from "./letter-form";
import { campaignTargets, findLetterCampaign } from "./letter.repo.server";
import { renderLetter } from "./letter-template";

/**
 * A live (or closed) letter campaign as its page shows it: the words in the
 * reader's language, the chosen country's targets, and a live petition on the
 * same treaty to offer where a country has no one to write to.
 */
export async function getLetterPage(
  db: Kysely<Database>,
  slug: string,
  lng: string,
  countryParam: string | null,
  nameOverrides: Record<string, string>,
  { includeDraft = false, now = new Date() } = {},
) {
  const found = await findLetterCampaign(db, slug);
  // Drafts are not public: only an organizer's preview shows them.
  if (!found || (found.campaign.status === "draft" && !includeDraft)) return null;
  const { campaign, texts } = found;
  const picked = pickText(texts, lng, campaign.default_language);
  if (!picked) return null;
  const countries = await countryOptions(db, lng, nameOverrides);
  const parsed = countryParam ? parseCountryCode(countryParam) : null;
  // Only the visitor's choice (`?country=`): the page without one is the same for everyone, and the
  // browser pre-selects the likely country in the chooser.
  const chosen = parsed ? countries.find((c) => (parsed.alphabet === "alpha3" ? c.code3 : c.code2) === parsed.code) : undefined;
  const targets = chosen ? await campaignTargets(db, campaign.id, chosen.code3) : [];
  const fits = chosen ? await askForCountry(db, "letter_campaign", { id: campaign.id, treatyId: campaign.treaty_id, defaultLanguage: campaign.default_language }, chosen.code3, lng, now) : null;
  const { confirmed: confirmedLetters } = await countOf(db, "letters", campaign.id);
  const petition = campaign.treaty_id
    ? await db.selectFrom("petitions").select("slug").where("treaty_id", "=", campaign.treaty_id).where("status", "=", "live").orderBy("id").executeTakeFirst()
    : undefined;
  return {
    campaign,
    title: picked.text.title,
    intro: picked.text.intro,
    textLanguage: picked.text.language,
    fallback: picked.fallback,
    subjectVariants: picked.text.subject_variants,
    // The template for the chosen country's status where the campaign wrote one (the same on the
    // page and when the letter is sent: both read it here).
    bodyTemplate: fits ? pickLetterTemplate(fits.asks, fits.status, picked.text.language, picked.text.body_template) : picked.text.body_template,
    ask: fits?.ask ?? null,
    countries,
    country: chosen ? { code3: chosen.code3, code2: chosen.code2, name: chosen.name } : null,
    // Who, never where: no address is read for a page. `addressPublic` says whether the
    // sender may write to them from their own mail app.
    targets: targets.map((t) => ({ id: t.id, name: t.name, role: t.role, organization: t.organization, isDemo: t.is_demo, addressPublic: t.email_public })),
    petitionSlug: petition?.slug ?? null,
    confirmedLetters,
    goal: campaign.goal,
  };
}

/**
 * The page as a visitor opens it. Choosing a country with no one to write to
 * is demand organizers should see: it is counted (aggregate, per day).
 */
export async function viewLetterPage(
  db: Kysely<Database>,
  request: { slug: string; lng: string; countryParam: string | null; preview: boolean },
  ctx: { nameOverrides: Record<string, string>; clientAddress: string; secrets: readonly string[]; now: Date },
) {
  const page = await getLetterPage(db, request.slug, request.lng, request.countryParam, ctx.nameOverrides, { includeDraft: request.preview, now: ctx.now });
  if (page?.country && page.targets.length === 0 && request.countryParam && page.campaign.status === "live") {
    const ipHash = hashClientAddress(ctx.clientAddress, ctx.secrets);
    await countLetterEvent(db, { campaignId: page.campaign.id, countryCode: page.country.code3, kind: "no_targets", ipHash, now: ctx.now });
  }
  return page;
}

/** What the first chosen target will read, exactly (the preview). Names and roles only: no address. */
export function previewLetter(
  letter: { subject: string; body: string; personal: string; name: string; city: string | null },
  targets: { name: string; role: string; organization: string }[],
  country: string,
): { text: string } {
  const first = targets[0];
  const text = renderLetter(composeLetter(letter.body, letter.personal), {
    "target.name": first?.name ?? "",
    "target.role": first?.role ?? "",
    "target.organization": first?.organization ?? "",
    "sender.name": letter.name,
    "sender.city": letter.city ?? "",
    "country.name": country,
  });
  return { text };
}

/**
 * A mailto: link for the sender's own mail app, to addresses organizers marked
 * public (each part of an address percent-encoded: a `?` or `&` in it stays in it).
 */
export function mailtoLink(addresses: readonly string[], subject: string, text: string): string {
  const to = addresses.map((a) => a.split("@").map(encodeURIComponent).join("@")).join(",");
  return `mailto:${to}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(text)}`;
}

/** The public JSON of a letter campaign's count (what its pages poll): counts only, never a person. Drafts are not public. */
export async function letterCountView(db: Kysely<Database>, slug: string): Promise<{ slug: string; status: "live" | "closed"; goal: number | null; confirmedLetters: number } | null> {
  const found = await findLetterCampaign(db, slug);
  if (!found || found.campaign.status === "draft") return null;
  const { confirmed } = await countOf(db, "letters", found.campaign.id);
  return { slug: found.campaign.slug, status: found.campaign.status, goal: found.campaign.goal, confirmedLetters: confirmed };
}
