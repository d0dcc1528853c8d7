import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { seedDatabase } from "../../../db/seed";
import { seedDemoContent } from "../../../server/demo-content";
import type { PetitionRow } from "~/modules/petition/petition.repo.server";
import { applyCountChanges } from "~/modules/campaign/counter.server";
import { validateSignature } from "~/modules/petition/signature-form";
import { confirmSignature, inspectConfirmation, processSignatureRepeats, signPetition, withdrawSignature } from "~/modules/petition/signing.service.server";
import { getPetitionApiView } from "~/modules/petition/petition-page.service.server";
import { openTestDatabase } from "../../support/database";
import { testConfig } from "../../support/test-config";
import { awayFromMinuteEdge, DEMO_PETITION, demoPetition, mailsTo, putSignaturesIn, signaturesOf, testSigningConfig, tokenFromMail } from "../../support/petition";

let handle: DatabaseHandle;
let petition: PetitionRow;
const secrets = ["test-secret"];
const T0 = new Date("2026-11-28T12:00:00Z");
const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);

beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db);
  await seedDatabase(handle.db);
  await seedDemoContent(handle.db);
  petition = await demoPetition(handle.db);
});
afterAll(async () => handle?.close());
beforeEach(async () => {
  await handle.db.deleteFrom("signature_repeats").execute();
  await handle.db.deleteFrom("signatures").execute();
  await handle.db.deleteFrom("outgoing_mails").execute();
  await handle.db.deleteFrom("signature_count_changes").execute();
  await handle.db.deleteFrom("petition_counts").execute();
  await handle.db.deleteFrom("petition_country_counts").execute();
  await handle.db.deleteFrom("rate_limit_hits").execute();
});

function person(email: string, country = "FRA", name = "Ann Lee") {
  const checked = validateSignature({ name, email, country, comment: "", showName: true, mailConsent: false }, "", () => true);
  if (!checked.ok) throw new Error("test person is invalid");
  return checked.signature;
}

interface SignOptions {
  lng?: string;
  honeypot?: boolean;
  fillMs?: number;
  ip?: string;
  now?: Date;
  config?: ReturnType<typeof testSigningConfig>;
}

/** Signs, then lets the petition job handle a repeat at `now` (it runs every few seconds). */
const sign = async (email: string, { lng = "en", honeypot = false, fillMs = 5000, ip = "ip-1", now = new Date(), config = testSigningConfig() }: SignOptions = {}, country = "FRA") => {
  const result = await signPetition(
    handle.db,
    { petition, petitionTitle: "Title", signature: person(email, country), lng, honeypotFilled: honeypot, fillMs, ipHash: ip },
    { config, now },
  );
  if (result.kind !== "signed") throw new Error(`not signed: ${result.kind}`);
  await processSignatureRepeats(handle.db, config, now);
  return result;
};

const tokenOf = (mail: { template_data: Record<string, unknown> }, kind: "confirm" | "withdraw") => tokenFromMail(mail, kind, secrets);
const confirmCtx = (now = new Date()) => ({ config: testSigningConfig(), secrets, now });
const count = async () => (await getPetitionApiView(handle.db, DEMO_PETITION, testConfig().caches.petitionMs))!;

describe("signing a petition", () => {
  it("stores a pending signature and queues a confirmation mail in the signer's language, in one go", async () => {
    const { referralCode } = await sign("ann@example.org", { lng: "fr" });
    const [row] = await signaturesOf(handle.db, petition.id);
    expect(row).toMatchObject({ status: "pending", email: "ann@example.org", email_key: "ann@example.org", country_code: "FRA", language: "fr", referral_code: referralCode });
    expect(row!.confirmed_at).toBeNull();
    const mails = await mailsTo(handle.db, "ann@example.org");
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ template: "signature-confirm", language: "fr" });
    expect(mails[0]!.template_data).toEqual({ signatureId: row!.id, name: "Ann Lee", petitionTitle: "Title", linkDays: 30 });
    expect((await count()).confirmedSignatures).toBe(0);
  });

  it("counts a signature only once it is confirmed, and once however often the link is used", async () => {
    await sign("ann@example.org");
    const token = tokenOf((await mailsTo(handle.db, "ann@example.org"))[0]!, "confirm");
    // The signer's own referral code and country come with the outcome: the page after confirming shares with the one, acts on the other.
    const own = { slug: DEMO_PETITION, referralCode: (await signaturesOf(handle.db, petition.id))[0]!.referral_code, countryCode: "FRA" };
    expect(await inspectConfirmation(handle.db, token, confirmCtx())).toEqual({ kind: "confirmed", ...own, held: false });
    // Looking at the link (a mail scanner's GET) confirms nothing.
    expect((await signaturesOf(handle.db, petition.id))[0]!.status).toBe("pending");

    expect(await confirmSignature(handle.db, token, confirmCtx())).toEqual({ kind: "confirmed", ...own, held: false });
    expect(await confirmSignature(handle.db, token, confirmCtx())).toEqual({ kind: "already_confirmed", ...own });
    expect(await applyCountChanges(handle.db)).toBe(1);
    expect(await count()).toMatchObject({ confirmedSignatures: 1, byCountry: [{ code: "FRA", count: 1 }] });
    expect(await applyCountChanges(handle.db)).toBe(0);
  });

  it("keeps one signature per person: case, Gmail dots and +tags are one address", async () => {
    const first = await sign("ann.lee@gmail.com");
    const stored = (await signaturesOf(handle.db, petition.id))[0]!.referral_code;
    expect(first.referralCode).toBe(stored);
    for (const email of ["Ann.Lee@GMAIL.com", "annlee+x@googlemail.com", " a.n.n.lee@gmail.com "]) {
      // The same kind of answer, with a code of its own: never the earlier signature's.
      const again = await sign(email);
      expect(again.kind).toBe("signed");
      expect(again.referralCode).toMatch(/^[\w-]{8}$/u);
      expect(again.referralCode).not.toBe(stored);
    }
    expect(await signaturesOf(handle.db, petition.id)).toHaveLength(1);
    expect(await handle.db.selectFrom("signature_repeats").selectAll().execute()).toHaveLength(0);
    // Re-signing within minutes sends nothing more (the confirmation mail is on its way).
    expect(await handle.db.selectFrom("outgoing_mails").selectAll().execute()).toHaveLength(1);
  });

  it("re-sends the confirmation to a pending signer after a while, with a link that still works", async () => {
    await sign("ann@example.org");
    await sign("ann@example.org", { now: later(6) });
    const mails = await mailsTo(handle.db, "ann@example.org");
    expect(mails.map((m) => m.template)).toEqual(["signature-confirm", "signature-confirm"]);
    expect(mails[1]!.template_data.signatureId).toBe(mails[0]!.template_data.signatureId);
    expect((await signaturesOf(handle.db, petition.id))[0]!.confirmation_mails).toBe(2);
  });

  it("tells a confirmed signer who signs again that they had already signed, with their own share link", async () => {
    const { referralCode } = await sign("ann@example.org", { lng: "fr" });
    await confirmSignature(handle.db, tokenOf((await mailsTo(handle.db, "ann@example.org"))[0]!, "confirm"), confirmCtx());
    await sign("ANN+again@example.org", { now: later(10), lng: "es" });
    const mails = await mailsTo(handle.db, "ann@example.org");
    expect(mails.map((m) => m.template)).toEqual(["signature-confirm", "signature-already-signed"]);
    // In the language of the page used to sign again, to the address that signed, with its code.
    expect(mails[1]).toMatchObject({ language: "es", template_data: { referralCode, petitionSlug: DEMO_PETITION } });
    expect((await signaturesOf(handle.db, petition.id))[0]!.status).toBe("confirmed");
  });

  it("lets the signer withdraw: a counted signature stops counting", async () => {
    await sign("ann@example.org");
    const mail = (await mailsTo(handle.db, "ann@example.org"))[0]!;
    await confirmSignature(handle.db, tokenOf(mail, "confirm"), confirmCtx());
    await applyCountChanges(handle.db);
    const withdraw = tokenOf(mail, "withdraw");
    expect(await withdrawSignature(handle.db, withdraw, secrets, false)).toEqual({ kind: "can_withdraw", slug: DEMO_PETITION });
    expect(await withdrawSignature(handle.db, withdraw, secrets, true)).toEqual({ kind: "withdrawn", slug: DEMO_PETITION });
    expect(await withdrawSignature(handle.db, withdraw, secrets, true)).toEqual({ kind: "already_withdrawn", slug: DEMO_PETITION });
    await applyCountChanges(handle.db);
    expect(await count()).toMatchObject({ confirmedSignatures: 0, byCountry: [] });
    // The confirm link of a withdrawn signature says so rather than counting it again.
    expect((await confirmSignature(handle.db, tokenOf(mail, "confirm"), confirmCtx())).kind).toBe("withdrawn");
  });

  it("lets someone who withdrew sign again, with a new confirmation", async () => {
    await sign("ann@example.org");
    const first = (await mailsTo(handle.db, "ann@example.org"))[0]!;
    await withdrawSignature(handle.db, tokenOf(first, "withdraw"), secrets, true);
    await sign("ann@example.org", {}, "DEU");
    const [row] = await signaturesOf(handle.db, petition.id);
    expect(row).toMatchObject({ status: "pending", country_code: "DEU", withdrawn_at: null });
    expect(await mailsTo(handle.db, "ann@example.org")).toHaveLength(2);
  });

  it("refuses an expired confirmation link", async () => {
    await sign("ann@example.org");
    const token = tokenOf((await mailsTo(handle.db, "ann@example.org"))[0]!, "confirm");
    expect((await confirmSignature(handle.db, token, confirmCtx(later(31 * 24 * 60)))).kind).toBe("expired");
    expect((await signaturesOf(handle.db, petition.id))[0]!.status).toBe("pending");
  });

  it("refuses links that are forged or of another kind", async () => {
    await sign("ann@example.org");
    const mail = (await mailsTo(handle.db, "ann@example.org"))[0]!;
    expect((await confirmSignature(handle.db, tokenOf(mail, "withdraw"), confirmCtx())).kind).toBe("invalid");
    expect((await confirmSignature(handle.db, "bm9wZQ.bm9wZQ", confirmCtx())).kind).toBe("invalid");
    expect((await withdrawSignature(handle.db, tokenOf(mail, "confirm"), secrets, true)).kind).toBe("invalid");
  });
});

/** Counts the statements a handle sends (BEGIN and COMMIT are not statements of ours, but a transaction has at least one). */
class StatementCounter implements KyselyPlugin {
  statements = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.statements++;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

describe("signing again tells the form nothing", () => {
  const states = ["pending", "confirmed", "withdrawn", "suspect", "rejected"] as const;

  it.each(states)("with a %s signature: the same one statement as a first signature, and a code of its own", async (state) => {
    await sign("ann@example.org");
    const [row] = await signaturesOf(handle.db, petition.id);
    await putSignaturesIn(handle.db, state);
    const measure = async (email: string) => {
      const counter = new StatementCounter();
      const result = await signPetition(
        handle.db.withPlugin(counter),
        { petition, petitionTitle: "Title", signature: person(email), lng: "en", honeypotFilled: false, fillMs: 5000, ipHash: "ip-9" },
        { config: testSigningConfig(), now: later(10) },
      );
      return { result, statements: counter.statements };
    };
    const first = await measure("someone-new@example.org");
    const again = await measure("ANN+x@example.org");
    expect(again.statements).toBe(first.statements);
    expect(first.statements).toBe(1);
    expect(Object.keys(again.result)).toEqual(Object.keys(first.result));
    expect(again.result).toEqual({ kind: "signed", referralCode: expect.stringMatching(/^[\w-]{8}$/u) });
    expect((again.result as { referralCode: string }).referralCode).not.toBe(row!.referral_code);
  });

  it("mails the owner of the address what fits, once the petition job has run", async () => {
    await sign("ann@example.org");
    await signPetition(
      handle.db,
      { petition, petitionTitle: "Title", signature: person("Ann@Example.org"), lng: "en", honeypotFilled: false, fillMs: 5000, ipHash: "ip-9" },
      { config: testSigningConfig(), now: later(10) },
    );
    // Nothing happened in the request beyond noting it …
    expect((await mailsTo(handle.db, "ann@example.org")).map((m) => m.template)).toEqual(["signature-confirm"]);
    expect(await handle.db.selectFrom("signature_repeats").select("email").execute()).toEqual([{ email: "Ann@example.org" }]);
    // … the job mails the confirmation again (the signature is still pending) and forgets what was typed.
    expect(await processSignatureRepeats(handle.db, testSigningConfig(), later(10))).toBe(1);
    expect((await mailsTo(handle.db, "ann@example.org")).map((m) => m.template)).toEqual(["signature-confirm", "signature-confirm"]);
    expect(await handle.db.selectFrom("signature_repeats").selectAll().execute()).toHaveLength(0);
  });

  it("a noted repeat goes with its signature when that is erased", async () => {
    await sign("ann@example.org");
    await signPetition(
      handle.db,
      { petition, petitionTitle: "Title", signature: person("ann@example.org"), lng: "en", honeypotFilled: false, fillMs: 5000, ipHash: "ip-9" },
      { config: testSigningConfig(), now: new Date() },
    );
    await handle.db.deleteFrom("signatures").execute();
    expect(await handle.db.selectFrom("signature_repeats").selectAll().execute()).toHaveLength(0);
  });

  it("a repeat that looks automated is not even noted", async () => {
    await sign("ann@example.org");
    await signPetition(
      handle.db,
      { petition, petitionTitle: "Title", signature: person("ann@example.org"), lng: "en", honeypotFilled: true, fillMs: 5000, ipHash: "ip-9" },
      { config: testSigningConfig(), now: new Date() },
    );
    expect(await handle.db.selectFrom("signature_repeats").selectAll().execute()).toHaveLength(0);
  });
});

describe("abuse defences", () => {
  it("stores a filled honeypot or a too-fast form as suspect: not counted, not mailed", async () => {
    await sign("bot1@example.org", { honeypot: true });
    await sign("bot2@example.org", { fillMs: 300 });
    const rows = await signaturesOf(handle.db, petition.id);
    expect(rows.map((r) => [r.status, r.suspect_reason])).toEqual([
      ["suspect", "honeypot"],
      ["suspect", "too_fast"],
    ]);
    expect(await handle.db.selectFrom("outgoing_mails").selectAll().execute()).toHaveLength(0);
  });

  it("refuses signatures over the per-address limit in a minute, storing nothing, and not those of other addresses", async () => {
    const config = testSigningConfig({ perMinute: 3 });
    await awayFromMinuteEdge(10_000);
    for (let i = 0; i < 3; i++) await sign(`person${i}@example.org`, { config, ip: "busy-ip" });
    const refused = await signPetition(
      handle.db,
      { petition, petitionTitle: "Title", signature: person("person3@example.org"), lng: "en", honeypotFilled: false, fillMs: 5000, ipHash: "busy-ip" },
      { config, now: new Date() },
    );
    expect(refused).toEqual({ kind: "busy" });
    await sign("neighbour@example.org", { config, ip: "other-ip" });
    const statuses = (await signaturesOf(handle.db, petition.id)).map((r) => `${r.email}:${r.status}`);
    expect(statuses).toEqual(["person0@example.org:pending", "person1@example.org:pending", "person2@example.org:pending", "neighbour@example.org:pending"]);
    expect(await handle.db.selectFrom("outgoing_mails").selectAll().execute()).toHaveLength(4);
  });

  it("marks signatures over the per-address or per-domain threshold in an hour trending, and still mails them", async () => {
    const config = testSigningConfig({ perHour: 2, perDomainPerHour: 3 });
    for (let i = 0; i < 3; i++) await sign(`a${i}@one.example`, { config, ip: "hour-ip" });
    for (let i = 0; i < 4; i++) await sign(`b${i}@two.example`, { config, ip: `ip-${i}` });
    const rows = await handle.db.selectFrom("signatures").select(["email", "status", "trending"]).where("petition_id", "=", petition.id).orderBy("id").execute();
    expect(rows.map((r) => `${r.email}:${r.status}:${r.trending}`)).toEqual([
      "a0@one.example:pending:null",
      "a1@one.example:pending:null",
      "a2@one.example:pending:address",
      "b0@two.example:pending:null",
      "b1@two.example:pending:null",
      "b2@two.example:pending:null",
      "b3@two.example:pending:domain",
    ]);
    expect(await handle.db.selectFrom("outgoing_mails").selectAll().execute()).toHaveLength(7);
  });

  it("stores nothing when the petition closed after the form was checked (the statement checks again)", async () => {
    await handle.db.updateTable("petitions").set({ status: "closed", closed_at: T0 }).where("id", "=", petition.id).execute();
    try {
      const result = await signPetition(
        handle.db,
        { petition, petitionTitle: "Title", signature: person("late@example.org"), lng: "en", honeypotFilled: false, fillMs: 5000, ipHash: "ip" },
        { config: testSigningConfig(), now: new Date() },
      );
      expect(result).toEqual({ kind: "closed" });
      expect(await signaturesOf(handle.db, petition.id)).toHaveLength(0);
      expect(await handle.db.selectFrom("outgoing_mails").selectAll().execute()).toHaveLength(0);
    } finally {
      await handle.db.updateTable("petitions").set({ status: "live", closed_at: null }).where("id", "=", petition.id).execute();
    }
  });

  it("does not confirm a signature once the petition has closed", async () => {
    await sign("ann@example.org");
    const token = tokenOf((await mailsTo(handle.db, "ann@example.org"))[0]!, "confirm");
    await handle.db.updateTable("petitions").set({ status: "closed", closed_at: T0 }).where("id", "=", petition.id).execute();
    try {
      expect((await confirmSignature(handle.db, token, confirmCtx())).kind).toBe("closed");
    } finally {
      await handle.db.updateTable("petitions").set({ status: "live", closed_at: null }).where("id", "=", petition.id).execute();
    }
  });
});
