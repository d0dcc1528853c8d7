import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { seedDatabase } from "../../../db/seed";
import { standingSentences } from "~/modules/country/country-standing";
import { getCountryDirectory, getCountryProfile } from "~/modules/country/country.service.server";
import { countriesForApi, countryForApi } from "~/web/country-api.server";
import { openTestDatabase } from "../../support/database";

const TREATY = "un-cybercrime-convention";
const BEFORE_CLOSE = "2026-12-05";
const AFTER_CLOSE = "2027-01-01";
const noLetters = async () => null;
let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db);
  await seedDatabase(handle.db);
});
afterAll(() => handle.close());

async function profile(code: string, today: string) {
  const lookup = await getCountryProfile(handle.db, TREATY, "en", code, {}, noLetters, today);
  if (lookup.kind !== "found") throw new Error(`${code}: ${lookup.kind}`);
  const { standing, country, treaty } = lookup.profile;
  const sentences = standingSentences(standing, { signedOn: country.signedOn, phase: treaty.signaturePhase, signatureClosesOn: treaty.signatureClosesOn, openedForSignatureOn: treaty.openedForSignatureOn, today });
  return { ...lookup.profile, sentences: sentences.map((s) => s.key) };
}

describe("the country page's standing, with the day passed in", () => {
  it("says no signature was found (not 'has not signed') while signature is open, and that signature is open", async () => {
    const germany = await profile("deu", BEFORE_CLOSE);
    expect(germany.standing).toMatchObject({ status: "not_signed", reported: null, absence: { kind: "no_signature_found", asOf: null } });
    expect(germany.treaty.signaturePhase).toBe("open");
    expect(germany.sentences).toEqual(["absence.no_signature_found.unchecked", "phase.open"]);
  });

  it("says 'has not joined (accession possible)' and 'only accession remains' by itself once signature has closed", async () => {
    const germany = await profile("deu", AFTER_CLOSE);
    expect(germany.standing).toMatchObject({ status: "not_joined", absence: { kind: "not_joined_accession_possible" } });
    expect(germany.treaty.signaturePhase).toBe("closed");
    expect(germany.sentences).toEqual(["absence.not_joined_accession_possible.unchecked", "phase.closed"]);
  });

  it("keeps a signatory signed on either side of the closing day", async () => {
    for (const today of [BEFORE_CLOSE, AFTER_CLOSE]) {
      const france = await profile("fra", today);
      expect(france.standing.status).toBe("signed");
      expect(france.sentences).toEqual(["headline.signedOn", "absence.no_deposit_found.unchecked"]);
    }
  });

  it("shows a press-only signature as reported beside 'no signature found', never as confirmed", async () => {
    const uk = await profile("gbr", BEFORE_CLOSE);
    expect(uk.standing).toMatchObject({ status: "not_signed", reported: { status: "signed", confidence: "press" } });
    expect(uk.sentences[0]).toBe("absence.no_signature_found.reportedUnchecked");
    expect(uk.facts.find((f) => f.kind === "signature")?.confidence).toBe("press");
  });

  it("reads every kind of fact: Azerbaijan's reported approval at home beside its confirmed signature, and its declarations", async () => {
    const azerbaijan = await profile("aze", BEFORE_CLOSE);
    expect(azerbaijan.standing).toMatchObject({ status: "signed", reported: { status: "domestic_approval_reported", confidence: "press" } });
    expect(new Set(azerbaijan.facts.map((f) => f.kind))).toEqual(new Set(["signature", "declaration_or_reservation", "domestic_step"]));
    expect(azerbaijan.facts.filter((f) => f.kind === "declaration_or_reservation").every((f) => f.declarationText)).toBe(true);
    expect(azerbaijan.statements.every((s) => ["depositary", "official", "press", "reported"].includes(s.confidence))).toBe(true);
  });

  it("states every figure as of the last depositary check once there is one", async () => {
    await sql`update treaties set depositary_checked_on = '2026-11-30' where slug = ${TREATY}`.execute(handle.db);
    try {
      const germany = await profile("deu", BEFORE_CLOSE);
      expect(germany.standing.absence).toEqual({ kind: "no_signature_found", asOf: "2026-11-30" });
      expect(germany.sentences[0]).toBe("absence.no_signature_found.asOf");
      const directory = await getCountryDirectory(handle.db, TREATY, "en", {}, BEFORE_CLOSE);
      expect(directory.headline.asOf).toBe("2026-11-30");
    } finally {
      await sql`update treaties set depositary_checked_on = null where slug = ${TREATY}`.execute(handle.db);
    }
  });
});

describe("the directory's figures", () => {
  it("count the depositary's signatures as confirmed and the others as reported, with the phase of the day", async () => {
    const open = await getCountryDirectory(handle.db, TREATY, "en", {}, BEFORE_CLOSE);
    expect(open.headline.asOf).toBeNull();
    expect(open.headline.signatories).toEqual({ confirmed: 30, moreReported: 43 });
    expect(open.headline.instruments).toEqual({ confirmed: 0, moreReported: 0, needed: 40 });
    expect(open.legacyFigures).toEqual({ signatories: 73, ratifications: 0, ratificationsNeeded: 40 });
    expect(open.treaty.signaturePhase).toBe("open");
    expect(open.countries.filter((c) => c.status === "not_joined")).toEqual([]);
    const closed = await getCountryDirectory(handle.db, TREATY, "en", {}, AFTER_CLOSE);
    expect(closed.treaty.signaturePhase).toBe("closed");
    expect(closed.countries.filter((c) => c.status === "not_signed")).toEqual([]);
    expect(closed.countries.find((c) => c.code3 === "DEU")?.status).toBe("not_joined");
  });

  it("leave the EU's instrument out of the 40, and compute entry into force once 40 States have deposited", async () => {
    const treaty = await handle.db.selectFrom("treaties").select("id").where("slug", "=", TREATY).executeTakeFirstOrThrow();
    const source = "https://treaties.un.org/doc/Publication/MTDSG/Volume%20II/Chapter%20XVIII/XVIII-16.en.xml";
    const states = (await handle.db.selectFrom("countries").select("code3").where("participant_kind", "=", "state").orderBy("code3").limit(40).execute()).map((c) => c.code3);
    await handle.db.transaction().execute(async (trx) => {
      await trx.insertInto("treaty_actions").values({ treaty_id: treaty.id, country_code: "EUU", action: "formal_confirmation", acted_on: "2026-06-01", source_url: source, notes: "", confidence: "depositary" }).execute();
      const before = await getCountryDirectory(trx as never, TREATY, "en", {}, BEFORE_CLOSE);
      expect(before.headline.instruments.confirmed).toBe(0);
      expect(before.headline.instrumentsNotCounted).toBe(1);
      expect(before.countries.find((c) => c.code3 === "EUU")?.status).toBe("party");
      await trx
        .insertInto("treaty_actions")
        .values(states.map((code3, i) => ({ treaty_id: treaty.id, country_code: code3, action: i % 2 ? ("accession" as const) : ("ratification" as const), acted_on: i === 39 ? "2026-09-01" : "2026-07-01", source_url: source, notes: "", confidence: "depositary" as const })))
        .onConflict((oc) => oc.doNothing())
        .execute();
      const reached = await getCountryDirectory(trx as never, TREATY, "en", {}, BEFORE_CLOSE);
      expect(reached.headline.instruments.confirmed).toBe(40);
      expect(reached.headline.entryIntoForce).toEqual({ reached: true, lastNeededDepositOn: "2026-09-01", on: "2026-11-30" });
      expect(reached.countries.find((c) => c.code3 === states[0])?.status).toBe("in_force");
      const api = await countriesForApi(trx as never, TREATY, {}, BEFORE_CLOSE);
      expect(api.headline.entryIntoForce).toEqual({ reached: true, on: "2026-11-30", lastNeededDepositOn: "2026-09-01" });
      expect(api.countries.find((c) => c.code === states[0])).toMatchObject({ status: "ratified", participantStatus: "in_force", inForceOn: "2026-11-30" });
      // Undo it all: the other tests read the seeded convention.
      throw new RollBack();
    }).catch((error: unknown) => {
      if (!(error instanceof RollBack)) throw error;
    });
  });
});

class RollBack extends Error {}

describe("the API's new fields", () => {
  it("add the new vocabulary, confidence and the as-of date, and keep the first status", async () => {
    const list = await countriesForApi(handle.db, TREATY, {}, AFTER_CLOSE);
    expect(list.asOf).toBeNull();
    expect(list.treaty).toMatchObject({ signaturePhase: "closed", signatureClosesOn: "2026-12-31", depositaryCheckedOn: null, ratificationsForEntryIntoForce: 40 });
    expect(list.countries.find((c) => c.code === "DEU")).toMatchObject({ status: "not_signed", participantStatus: "not_joined", reportedStatus: null, signedOn: null });
    expect(list.countries.find((c) => c.code === "GBR")).toMatchObject({ status: "not_signed", participantStatus: "not_joined", reportedStatus: "signed", reportedConfidence: "press", signature: { date: null, confidence: "press" } });
    const found = await countryForApi(handle.db, TREATY, "aze", {}, BEFORE_CLOSE);
    if (found.kind !== "found") throw new Error(found.kind);
    expect(found.body).toMatchObject({ status: "signed", participantStatus: "signed", reportedStatus: "domestic_approval_reported", absence: { kind: "no_deposit_found", asOf: null } });
    expect(found.body.actions.map((a) => a.action)).toEqual(["signature"]);
    expect(found.body.facts.find((f) => f.kind === "domestic_step")).toMatchObject({ deposited: false, confidence: "press" });
    expect(found.body.declarations.length).toBe(2);
  });
});
