import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { seedDatabase } from "../../../db/seed";
import { seedDemoContent } from "../../../server/demo-content";
import { newReferralCode } from "~/modules/campaign/referral-code.server";
import { floodDomainOf } from "~/modules/mail/email-key";
import { NO_PARTNER } from "~/modules/partner/partner-link";
import { insertFirstSignature, type FirstSignature, type FirstSignatureResult } from "~/modules/petition/petition.repo.server";
import { insertSignatureBatch } from "~/modules/petition/signature-batch.repo.server";
import { signatureConfirmContent } from "~/modules/petition/signature-mails.server";
import { signatureWriter } from "~/modules/petition/signature-writer.server";
import type { SuspectReason } from "../../../db/schema";
import { openTestDatabase } from "../../support/database";
import { awayFromMinuteEdge, demoPetition } from "../../support/petition";

let handle: DatabaseHandle;
let live: number;
let closed: number;

beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db);
  await seedDatabase(handle.db);
  await seedDemoContent(handle.db);
  live = (await demoPetition(handle.db)).id;
  closed = (await handle.db.insertInto("petitions").values({ slug: "closed-one", status: "closed", default_language: "en", opened_at: new Date(), closed_at: new Date() }).returning("id").executeTakeFirstOrThrow()).id;
  await handle.db.insertInto("trusted_domains").values({ domain: "trusted.example", note: "allow-listed" }).execute();
});
afterAll(async () => handle?.close());

async function clear() {
  await handle.db.deleteFrom("signature_repeats").execute();
  await handle.db.deleteFrom("outgoing_mails").execute();
  await handle.db.deleteFrom("signatures").execute();
  await handle.db.deleteFrom("rate_limit_hits").execute();
}
beforeEach(clear);

/** Public (not counted), two counted and one allow-listed domain. */
const DOMAINS = ["gmail.com", "a.example", "b.example", "trusted.example"];

interface Spec {
  closedPetition: boolean;
  person: number;
  ip: number;
  suspicion: SuspectReason | null;
  name: string;
}

const LIMITS = { perMinute: 3, perHour: 5, perDomainPerHour: 4 };

function signatureOf(spec: Spec, limits = LIMITS): FirstSignature {
  const email = `p${spec.person}@${DOMAINS[spec.person % DOMAINS.length]}`;
  return {
    petitionId: spec.closedPetition ? closed : live,
    name: spec.name,
    email,
    emailKey: email,
    countryCode: ["FRA", "DEU", "BRA"][spec.person % 3]!,
    comment: spec.person % 2 === 0 ? null : "why",
    showName: spec.person % 3 === 0,
    mailConsent: spec.ip % 2 === 0,
    language: ["en", "fr"][spec.ip % 2]!,
    referralCode: newReferralCode(),
    referredBy: null,
    ipHash: `ip-${spec.ip}`,
    partner: NO_PARTNER,
    knownSuspicion: spec.suspicion,
    floodDomain: floodDomainOf(email),
    limits,
    mail: signatureConfirmContent({ name: spec.name, petitionTitle: "Title", confirmTtlMs: 30 * 24 * 3600_000 }),
  };
}

/** Everything a signature leaves behind, without ids and times (which differ between runs). */
async function snapshot() {
  const signatures = await handle.db
    .selectFrom("signatures")
    .select(["id", "petition_id", "email_key", "status", "suspect_reason", "trending", "name", "referral_code", "language", "confirmation_mails", "mail_consent", "show_name", "comment", "ip_hash"])
    .orderBy("petition_id")
    .orderBy("email_key")
    .execute();
  const keyOf = new Map(signatures.map((s) => [s.id, `${s.petition_id}:${s.email_key}`]));
  const mails = (await handle.db.selectFrom("outgoing_mails").select(["recipient", "template", "template_data", "language", "idempotency_key"]).execute())
    .map(({ template_data, idempotency_key, ...mail }) => {
      const { signatureId, ...data } = template_data as { signatureId: string };
      return { ...mail, data, of: keyOf.get(signatureId), keyIsItsOwn: idempotency_key === `signature-confirm:${signatureId}:1` };
    })
    .sort((a, b) => String(a.of).localeCompare(String(b.of)));
  const repeats = (await handle.db.selectFrom("signature_repeats").select(["signature_id", "name", "email", "ip_hash", "language", "mail_consent", "petition_title"]).orderBy("id").execute()).map(
    ({ signature_id, ...r }) => ({ ...r, of: keyOf.get(signature_id) }),
  );
  const buckets = await handle.db.selectFrom("rate_limit_hits").select(["bucket", "hits"]).orderBy("bucket").execute();
  return { signatures: signatures.map(({ id: _id, ...s }) => s), mails, repeats, buckets };
}

/** Batches as the writer forms them: in order, at most `max`, one (petition, email key) each. */
function batchesOf(signatures: FirstSignature[], max: number): FirstSignature[][] {
  const batches: FirstSignature[][] = [];
  let queue = signatures;
  while (queue.length > 0) {
    const batch: FirstSignature[] = [];
    const keys = new Set<string>();
    const left: FirstSignature[] = [];
    for (const s of queue) {
      const key = `${s.petitionId}:${s.emailKey}`;
      if (batch.length < max && !keys.has(key)) {
        keys.add(key);
        batch.push(s);
      } else left.push(s);
    }
    batches.push(batch);
    queue = left;
  }
  return batches;
}


const kinds = (results: FirstSignatureResult[]) => results.map((r) => r.kind);

const spec: fc.Arbitrary<Spec> = fc.record({
  closedPetition: fc.boolean().map((b) => b && Math.random() < 0.3),
  person: fc.integer({ min: 0, max: 7 }),
  ip: fc.integer({ min: 0, max: 2 }),
  suspicion: fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom<SuspectReason>("honeypot", "too_fast") }),
  name: fc.constantFrom("Ann Lee", "Bo", "Zoë Ö", "李雷", "O'Brien; drop"),
});

describe("signatures written in one batch", () => {
  it("give each member exactly what one statement per signature gives, in the batch's order", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(spec, { minLength: 1, maxLength: 40 }), fc.integer({ min: 2, max: 16 }), async (specs, max) => {
        await awayFromMinuteEdge();
        await clear();
        const signatures = specs.map((s) => signatureOf(s));
        const batches = batchesOf(signatures, max);
        const batched: FirstSignatureResult[] = [];
        for (const batch of batches) batched.push(...(await insertSignatureBatch(handle.db, batch)));
        const afterBatches = await snapshot();

        await clear();
        const oneByOne: FirstSignatureResult[] = [];
        for (const s of batches.flat()) oneByOne.push(await insertFirstSignature(handle.db, s));
        const afterOneByOne = await snapshot();

        expect(kinds(batched)).toEqual(kinds(oneByOne));
        expect(afterBatches).toEqual(afterOneByOne);
      }),
      { numRuns: process.env.DATABASE_URL ? 60 : 25 },
    );
  }, 300_000);

  it("counts a shared client address and domain once per member, and each member sees its own turn", async () => {
    // Five from one address, four of one counted domain: the 4th and 5th are busy (limit 3 a minute).
    const specs: Spec[] = [0, 1, 2, 3, 4].map((i) => ({ closedPetition: false, person: 1 + 4 * i, ip: 0, suspicion: null, name: "Ann" }));
    const results = await insertSignatureBatch(handle.db, specs.map((s) => signatureOf(s)));
    expect(kinds(results)).toEqual(["inserted", "inserted", "inserted", "busy", "busy"]);
    const buckets = Object.fromEntries((await handle.db.selectFrom("rate_limit_hits").select(["bucket", "hits"]).execute()).map((b) => [b.bucket, b.hits]));
    expect(buckets).toEqual({ [`sign:${live}:ip-0:m`]: 5, [`sign:${live}:ip-0:h`]: 5, [`sign:${live}:domain:a.example:h`]: 5 });
    expect(await handle.db.selectFrom("outgoing_mails").select("recipient").execute()).toHaveLength(3);
  });
});

describe("the signature writer (group commit)", () => {
  it("answers every concurrent signer with their own outcome, deferring a second signature of one person", async () => {
    const writer = signatureWriter(handle.db, 64);
    const people = [1, 2, 1, 3, 1].map((person, i) => signatureOf({ closedPetition: false, person, ip: i, suspicion: null, name: `Signer ${i}` }));
    const results = await Promise.all(people.map((s) => writer.write(s)));
    expect(kinds(results)).toEqual(["inserted", "inserted", "repeated", "inserted", "repeated"]);
    expect(results.map((r) => ("referralCode" in r ? r.referralCode : null))).toEqual(people.map((p) => p.referralCode));
    const repeats = await handle.db.selectFrom("signature_repeats").select("name").orderBy("id").execute();
    expect(repeats.map((r) => r.name)).toEqual(["Signer 2", "Signer 4"]);
    // The three first signatures went in one statement (one transaction).
    const transactions = await sql<{ n: string }>`select count(distinct xmin::text) as n from signatures`.execute(handle.db);
    expect(Number(transactions.rows[0]!.n)).toBe(1);
  });

  it("writes the others when one member of a batch is refused by the database, and fails only that one", async () => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    const writer = signatureWriter(handle.db, 64);
    const people = [1, 2, 3, 4].map((person) => signatureOf({ closedPetition: false, person, ip: person, suspicion: null, name: `Signer ${person}` }));
    // A referral code the table's check refuses: the whole statement fails, then each goes alone.
    people[2] = { ...people[2]!, referralCode: "no!" };
    const outcomes = await Promise.allSettled(people.map((s) => writer.write(s)));
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    const stored = await handle.db.selectFrom("signatures").select("email_key").orderBy("email_key").execute();
    expect(stored.map((s) => s.email_key)).toEqual(["p1@a.example", "p2@b.example", "p4@gmail.com"]);
    expect(await handle.db.selectFrom("outgoing_mails").select("recipient").execute()).toHaveLength(3);
    // Counted once each: the failed batch left no trace.
    const hour = await handle.db.selectFrom("rate_limit_hits").select("hits").where("bucket", "=", `sign:${live}:ip-1:h`).executeTakeFirstOrThrow();
    expect(hour.hits).toBe(1);
    expect(quiet).toHaveBeenCalledWith(expect.stringContaining("a batch of"));
  });

  it("stores nothing and answers closed for a petition that closed", async () => {
    const writer = signatureWriter(handle.db, 64);
    const results = await Promise.all([1, 2].map((person) => writer.write(signatureOf({ closedPetition: true, person, ip: 0, suspicion: null, name: "Ann" }))));
    expect(kinds(results)).toEqual(["closed", "closed"]);
    expect(await handle.db.selectFrom("signatures").select("id").execute()).toHaveLength(0);
  });
});
