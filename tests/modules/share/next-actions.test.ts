import { describe, expect, it } from "vitest";
import { chooseNextActions, MAX_CAMPAIGNS, type CandidateCampaign } from "../../../app/modules/share/next-actions";

const petition = (slug: string): CandidateCampaign => ({ kind: "petition", slug, title: `P ${slug}`, titleLanguage: "en", reachesCountry: true });
const letters = (slug: string, reachesCountry = true): CandidateCampaign => ({ kind: "letter_campaign", slug, title: `L ${slug}`, titleLanguage: "en", reachesCountry });
const germany = { segment: "deu", name: "Germany" };
const kinds = (actions: ReturnType<typeof chooseNextActions>) => actions.map((a) => (a.kind === "follow" ? `follow:${a.country}` : `${a.kind}:${a.slug}`));

describe("chooseNextActions", () => {
  it("after signing: write to your government (opened on your country), then follow it; never the petition just signed", () => {
    const actions = chooseNextActions({ kind: "petition", slug: "p1" }, [petition("p1"), letters("l1")], germany, { followFormShown: false });
    expect(kinds(actions)).toEqual(["letter_campaign:l1", "follow:deu"]);
    expect(actions[0]).toMatchObject({ kind: "letter_campaign", country: "deu" });
  });

  it("after writing: sign the petition, then follow; never the letter campaign just written to", () => {
    const actions = chooseNextActions({ kind: "letter_campaign", slug: "l1" }, [petition("p1"), letters("l1")], germany, { followFormShown: false });
    expect(kinds(actions)).toEqual(["petition:p1", "follow:deu"]);
  });

  it("offers the other kind first, then other campaigns of the same kind, at most a few", () => {
    const live = [petition("p1"), petition("p2"), petition("p3"), letters("l1"), letters("l2")];
    expect(kinds(chooseNextActions({ kind: "petition", slug: "p1" }, live, null, { followFormShown: false }))).toEqual(["letter_campaign:l1", "letter_campaign:l2", "petition:p2"]);
    expect(chooseNextActions({ kind: "petition", slug: "p1" }, live, germany, { followFormShown: true })).toHaveLength(MAX_CAMPAIGNS);
  });

  it("leaves out a letter campaign with no one to write to in the person's country, and keeps it when the country is unknown", () => {
    const live = [petition("p1"), letters("l1", false)];
    expect(kinds(chooseNextActions({ kind: "petition", slug: "p1" }, live, germany, { followFormShown: false }))).toEqual(["follow:deu"]);
    const unknown = chooseNextActions({ kind: "petition", slug: "p1" }, live, null, { followFormShown: false });
    expect(kinds(unknown)).toEqual(["letter_campaign:l1"]);
    expect(unknown[0]).toMatchObject({ country: null });
  });

  it("does not offer following twice where the page shows the follow form, nor without a country", () => {
    expect(kinds(chooseNextActions({ kind: "petition", slug: "p1" }, [petition("p1")], germany, { followFormShown: true }))).toEqual([]);
    expect(kinds(chooseNextActions({ kind: "petition", slug: "p1" }, [petition("p1")], null, { followFormShown: false }))).toEqual([]);
  });
});
