import { campaignTargets, findLetterCampaign } from "~/modules/letter/letter.repo.server";
import { DEMO_LETTERS } from "./attack";
import { formTokenIn } from "./sign-form";
import type { TestServer } from "./test-server";

export type LetterFields = Record<string, string | string[]>;

/**
 * The demo campaign's letter form for France as a browser sends it: a token
 * from the page, France's targets, and a letter that is let through, with
 * `overrides`. Also the target ids, for tests that pick among them.
 */
export async function demoLetterForm(server: TestServer): Promise<{ franceTargets: string[]; letterFields: (overrides?: LetterFields) => LetterFields }> {
  const formToken = formTokenIn(await (await server.get(`/en/letters/${DEMO_LETTERS}?country=fra`)).text());
  const { campaign } = (await findLetterCampaign(server.database.db, DEMO_LETTERS))!;
  const franceTargets = (await campaignTargets(server.database.db, campaign.id, "FRA")).map((t) => String(t.id));
  const letterFields = (overrides: LetterFields = {}) => ({
    formToken,
    country: "fra",
    targets: franceTargets,
    subject: "Please protect human rights",
    body: "Dear {{target.name}},\n\nPlease do not ratify.",
    personal: "I am a journalist, and my sources trust me because their messages stay private.",
    name: "Ann Lee",
    email: "ann@example.org",
    city: "",
    website: "",
    intent: "send",
    ...overrides,
  });
  return { franceTargets, letterFields };
}
