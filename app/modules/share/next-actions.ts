import type { SharedCampaign } from "./share-links";

/** A live campaign as a candidate next step; `reachesCountry`: a letter campaign has someone to write to in the person's country. */
export interface CandidateCampaign extends SharedCampaign {
  title: string;
  titleLanguage: string;
  reachesCountry: boolean;
}

export type NextAction =
  | { kind: "petition"; slug: string; title: string; titleLanguage: string }
  /** `country`: the segment the letter page opens with, so the person's decision makers are listed. */
  | { kind: "letter_campaign"; slug: string; title: string; titleLanguage: string; country: string | null }
  | { kind: "follow"; country: string; countryName: string };

/** At most this many campaigns are offered: one clear next step, a second and a third for the keen. */
export const MAX_CAMPAIGNS = 3;

/**
 * What to offer after an action (`done`): first the other kind of campaign (after signing, write
 * to your government; after writing, sign), then other campaigns of the same kind; never the
 * campaign just acted on. A letter campaign with no one to write to in the person's known country
 * is left out. Following the country comes last, when the country is known and the page does not
 * already show the follow form (`followFormShown`).
 */
export function chooseNextActions(
  done: SharedCampaign,
  live: readonly CandidateCampaign[],
  country: { segment: string; name: string } | null,
  options: { followFormShown: boolean },
): NextAction[] {
  const open = live.filter((c) => !(c.kind === done.kind && c.slug === done.slug) && (c.kind === "petition" || !country || c.reachesCountry));
  const ordered = [...open.filter((c) => c.kind !== done.kind), ...open.filter((c) => c.kind === done.kind)].slice(0, MAX_CAMPAIGNS);
  const actions: NextAction[] = ordered.map(({ kind, slug, title, titleLanguage }) =>
    kind === "petition" ? { kind, slug, title, titleLanguage } : { kind, slug, title, titleLanguage, country: country?.segment ?? null },
  );
  if (country && !options.followFormShown) actions.push({ kind: "follow", country: country.segment, countryName: country.name });
  return actions;
}
