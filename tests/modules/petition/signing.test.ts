import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { seedDatabase } from "../../../db/seed";
import { seedDemoContent } from "../../../db/seeds/demo";
import type { PetitionRow } from "~/modules/petition/petition.repo.server";
import { applyCountChanges } from "~/modules/petition/signature-counter.server";
import { validateSignature } from "~/modules/petition/signature-form";
import { confirmSignature, inspectConfirmation, signPetition, withdrawSignature } from "~/modules/petition/signing.service.server";
import { getPetitionApiView } from "~/modules/petition/petition-page.service.server";
import { openTestDatabase } from "../../support/database";
import { DEMO_PETITION, demoPetition, mailsTo, signaturesOf, testSigningConfig, tokenFromMail } from "../../support/petition";

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

const sign = (email: string, { lng = "en", honeypot = false, fillMs = 5000, ip = "ip-1", now = new Date(), config = testSigningConfig() }: SignOptions = {}, country = "FRA") =>
  signPetition(
    handle.db,
    { petition, petitionTitle: "Title", signature: person(email, country), lng, honeypotFilled: honeypot, fillMs, ipHash: ip },
    { config, now },
  ).then((result) => {
    if (result.kind !== "signed") throw new Error(`not signed: ${result.kind}`);
    return result;
  });

const tokenOf = (mail: { template_data: Record<string, unknown> }, kind: "confirm" | "withdraw") => tokenFromMail(mail, kind, secrets);
const confirmCtx = (now = new Date()) => ({ config: testSigningConfig(), secrets, now });
const count = async () => (await getPetitionApiView(handle.db, DEMO_PETITION))!;

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
    expect(await inspectConfirmation(handle.db, token, confirmCtx())).toEqual({ kind: "confirmed", slug: DEMO_PETITION });
    // Looking at the link (a mail scanner's GET) confirms nothing.
    expect((await signaturesOf(handle.db, petition.id))[0]!.status).toBe("pending");

    expect(await confirmSignature(handle.db, token, confirmCtx())).toEqual({ kind: "confirmed", slug: DEMO_PETITION });
    expect(await confirmSignature(handle.db, token, confirmCtx())).toEqual({ kind: "already_confirmed", slug: DEMO_PETITION });
    expect(await applyCountChanges(handle.db)).toBe(1);
    expect(await count()).toMatchObject({ confirmedSignatures: 1, byCountry: [{ code: "FRA", count: 1 }] });
    expect(await applyCountChanges(handle.db)).toBe(0);
  });

  it("keeps one signature per person: case, Gmail dots and +tags are one address", async () => {
    const first = await sign("ann.lee@gmail.com");
    for (const email of ["Ann.Lee@GMAIL.com", "annlee+x@googlemail.com", " a.n.n.lee@gmail.com "]) {
      expect(await sign(email)).toEqual(first);
    }
    expect(await signaturesOf(handle.db, petition.id)).toHaveLength(1);
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

  it("tells a confirmed signer who signs again that they had already signed", async () => {
    await sign("ann@example.org");
    await confirmSignature(handle.db, tokenOf((await mailsTo(handle.db, "ann@example.org"))[0]!, "confirm"), confirmCtx());
    await sign("ann@example.org", { now: later(10) });
    const mails = await mailsTo(handle.db, "ann@example.org");
    expect(mails.map((m) => m.template)).toEqual(["signature-confirm", "signature-already-signed"]);
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

  it("marks signatures over the per-address rate limit as suspect, and not those of other addresses", async () => {
    const config = testSigningConfig({ perMinute: 3 });
    for (let i = 0; i < 5; i++) await sign(`person${i}@example.org`, { config, ip: "busy-ip" });
    await sign("neighbour@example.org", { config, ip: "other-ip" });
    const statuses = (await signaturesOf(handle.db, petition.id)).map((r) => `${r.email}:${r.status}`);
    expect(statuses).toEqual([
      "person0@example.org:pending",
      "person1@example.org:pending",
      "person2@example.org:pending",
      "person3@example.org:suspect",
      "person4@example.org:suspect",
      "neighbour@example.org:pending",
    ]);
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
