/**
 * The signature log against the database: count changes queue entries in their transaction, the
 * append job builds the tree, checkpoints are signed under the log's lock and never go backwards,
 * proofs and receipts check out, erasure keeps entries, and the tables refuse rewrites.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { seedDatabase } from "../../../db/seed";
import { seedDemoContent } from "../../../server/demo-content";
import { applyCountChanges, countOf } from "~/modules/campaign/counter.server";
import { decideSignature } from "~/modules/petition/moderation.service.server";
import type { PetitionRow } from "~/modules/petition/petition.repo.server";
import { withdrawSignature } from "~/modules/petition/signing.service.server";
import { erasePerson } from "~/modules/privacy/privacy.service.server";
import { fromHex } from "~/modules/transparency/bytes";
import { verifyCheckpointSignature } from "~/modules/transparency/checkpoint";
import { generateLogSigningKey } from "~/modules/transparency/checkpoint.server";
import { publishCheckpoint, publishDueCheckpoints, RetiredKeyError, type Publisher } from "~/modules/transparency/checkpoint-publisher.server";
import { appendQueuedEntries } from "~/modules/transparency/log-append.server";
import { countsOf } from "~/modules/transparency/log-counts";
import { commitmentOf, encodeEntry, type LogEntry } from "~/modules/transparency/log-entry";
import { checkpointOf, consistencyProofOf, entriesOf, inclusionProofOf, logKeys, publicLog, receiptOf, type PublicLog } from "~/modules/transparency/log-read.service.server";
import { leafHash, rootOfLeafHashes, verifyConsistency, verifyInclusion } from "~/modules/transparency/merkle";
import { openTestDatabase } from "../../support/database";
import { DEMO_PETITION, demoPetition, signAndConfirm as signAndConfirmAs, testSigningConfig } from "../../support/petition";

const SITE = "https://treaty.example";
const secrets = ["test-secret"];
let handle: DatabaseHandle;
let petition: PetitionRow;
let publisher: Publisher;

beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db);
  await seedDatabase(handle.db);
  await seedDemoContent(handle.db);
  petition = await demoPetition(handle.db);
  publisher = { key: generateLogSigningKey().key, siteOrigin: SITE };
});
afterAll(async () => handle?.close());
beforeEach(async () => {
  await handle.db.deleteFrom("signatures").execute();
  await handle.db.deleteFrom("outgoing_mails").execute();
});

const signAndConfirm = (email: string, country = "FRA") => signAndConfirmAs(handle.db, petition, email, { country, secrets });

const logOf = async (): Promise<PublicLog> => (await publicLog(handle.db, DEMO_PETITION, SITE))!;

async function allEntries(log: PublicLog): Promise<LogEntry[]> {
  const answer = await entriesOf(handle.db, log, 0, log.size);
  if (!answer.ok) throw new Error(answer.error);
  return answer.value.entries.map(({ index: _index, ...entry }) => entry as LogEntry);
}

describe("the signature log in the database", () => {
  it("logs confirmations, withdrawals, moderation and erasure; its checkpoint, proofs and receipts verify; counts match", async () => {
    const before = await logOf();
    const ann = await signAndConfirm("ann@example.org", "FRA");
    const bob = await signAndConfirm("bob@example.org", "KEN");
    const cy = await signAndConfirm("cy@example.org", "KEN");
    await signAndConfirm("dee@example.org", "BRA");
    // Queued with the count change, in its transaction: nothing appended yet.
    expect(Number((await sql<{ n: string }>`select count(*) as n from petition_log_queue`.execute(handle.db)).rows[0]!.n)).toBeGreaterThanOrEqual(4);
    await appendQueuedEntries(handle.db);
    const receipt = await receiptOf(handle.db, ann.id, SITE);
    expect(receipt).toMatchObject({ petition: `${SITE}/petitions/${DEMO_PETITION}`, index: before.size });
    const first = await publishCheckpoint(handle.db, petition.id, publisher);
    expect(first).toMatchObject({ size: before.size + 4 });

    expect((await withdrawSignature(handle.db, bob.withdrawToken, secrets, true)).kind).toBe("withdrawn");
    const lead = await handle.db.insertInto("organizers").values({ email: "lead@example.org", role: "admin" }).returning("id").executeTakeFirstOrThrow();
    const actor = { id: lead.id, email: "lead@example.org" };
    expect(await decideSignature(handle.db, { slug: DEMO_PETITION, signatureId: cy.id, decision: "reject", actor }, testSigningConfig())).toBe("done");
    await erasePerson(handle.db, "dee@example.org", actor, secrets);
    const second = (await publishCheckpoint(handle.db, petition.id, publisher))!;
    expect(second.size).toBe(before.size + 7);
    expect(await publishCheckpoint(handle.db, petition.id, publisher)).toBeNull();

    const log = await logOf();
    const entries = await allEntries(log);
    const ours = entries.slice(before.size);
    expect(ours.map((e) => (e.kind === "add" ? `add ${e.country}` : `remove ${e.country} ${e.removes - before.size} ${e.reason}`))).toEqual([
      "add FRA",
      "add KEN",
      "add KEN",
      "add BRA",
      "remove KEN 1 withdrawn",
      "remove KEN 2 invalidated:moderation",
      "remove BRA 3 withdrawn",
    ]);
    // The tree, the counts and the signature of the checkpoint, as a verifier rebuilds them.
    expect(second.rootHash).toBe(Buffer.from(rootOfLeafHashes(entries.map((e) => leafHash(encodeEntry(e))))).toString("hex"));
    const counts = countsOf(entries);
    expect(counts.ok && counts.counts).toEqual(second.counts);
    expect(await verifyCheckpointSignature(second, await logKeys(handle.db))).toEqual({ ok: true });
    while ((await applyCountChanges(handle.db)) > 0);
    expect((await countOf(handle.db, "signatures", petition.id)).confirmed).toBe(second.counts.total);

    // The receipt: its commitment is the entry's, and its inclusion proof checks against the later checkpoint.
    expect(receipt!.commitment).toBe(commitmentOf(receipt!.signatureId, fromHex(receipt!.secret, 32)!));
    expect(entries[receipt!.index]).toMatchObject({ kind: "add", commitment: receipt!.commitment });
    const inclusion = await inclusionProofOf(handle.db, log, receipt!.index, second.size);
    expect(inclusion.ok).toBe(true);
    const proof = inclusion.ok ? inclusion.value.proof.map((h) => fromHex(h, 32)!) : [];
    expect(verifyInclusion(leafHash(encodeEntry(entries[receipt!.index]!)), receipt!.index, second.size, proof, fromHex(second.rootHash, 32)!)).toBe(true);
    const consistency = await consistencyProofOf(handle.db, log, first!.size, second.size);
    const steps = consistency.ok ? consistency.value.proof.map((h) => fromHex(h, 32)!) : [];
    expect(verifyConsistency(first!.size, second.size, steps, fromHex(first!.rootHash, 32)!, fromHex(second.rootHash, 32)!)).toBe(true);
    expect((await checkpointOf(handle.db, log, first!.size)).ok).toBe(true);

    // Erasure: the entry stays, its private link goes.
    const erased = await handle.db.selectFrom("petition_log_entries").select(["signature_id", "secret"]).where("petition_id", "=", petition.id).where("entry_index", "=", String(before.size + 3)).executeTakeFirstOrThrow();
    expect(erased).toEqual({ signature_id: null, secret: null });
  });

  it("erasing someone who withdrew earlier keeps their entries and drops the link to them at once", async () => {
    const kim = await signAndConfirm("kim@example.org", "DEU");
    await withdrawSignature(handle.db, kim.withdrawToken, secrets, true);
    await appendQueuedEntries(handle.db);
    const linked = () => handle.db.selectFrom("petition_log_entries").select(["kind", "secret"]).where("signature_id", "=", kim.id).execute();
    expect((await linked()).map((e) => e.kind)).toEqual(["add"]);
    const lead = await handle.db.insertInto("organizers").values({ email: "lead2@example.org", role: "admin" }).returning("id").executeTakeFirstOrThrow();
    await erasePerson(handle.db, "kim@example.org", { id: lead.id, email: "lead2@example.org" }, secrets);
    expect(await linked()).toEqual([]);
    const log = await logOf();
    expect((await allEntries(log)).slice(-2).map((e) => `${e.kind} ${e.country}`)).toEqual(["add DEU", "remove DEU"]);
  });

  it("answers bad ranges with bad_request", async () => {
    const log = await logOf();
    expect(await inclusionProofOf(handle.db, log, log.size, log.size)).toEqual({ ok: false, error: "bad_request" });
    expect(await inclusionProofOf(handle.db, log, 0, log.size + 1)).toEqual({ ok: false, error: "bad_request" });
    expect(await consistencyProofOf(handle.db, log, 0, log.size)).toEqual({ ok: false, error: "bad_request" });
    expect(await entriesOf(handle.db, log, log.size + 1, log.size + 2)).toEqual({ ok: false, error: "bad_request" });
    expect(await checkpointOf(handle.db, log, log.size + 5)).toEqual({ ok: false, error: "not_found" });
  });

  it("refuses to change or delete entries, nodes and checkpoints, and a checkpoint that goes backwards", async () => {
    await signAndConfirm("eve@example.org");
    await publishCheckpoint(handle.db, petition.id, publisher);
    const id = petition.id;
    await expect(sql`update petition_log_entries set country_code = 'USA' where petition_id = ${id} and entry_index = 0`.execute(handle.db)).rejects.toThrow(/only grows/);
    await expect(sql`delete from petition_log_entries where petition_id = ${id} and entry_index = 0`.execute(handle.db)).rejects.toThrow(/only grows/);
    await expect(sql`update petition_log_nodes set hash = hash where petition_id = ${id}`.execute(handle.db)).rejects.toThrow(/only grows/);
    await expect(sql`delete from petition_log_checkpoints where petition_id = ${id}`.execute(handle.db)).rejects.toThrow(/only grows/);
    await expect(
      sql`insert into petition_log_checkpoints (petition_id, size, root_hash, total, by_country, published_at, key_id, signature)
          select petition_id, size - 1, root_hash, 0, '{}'::jsonb, published_at + interval '1 hour', key_id, signature from petition_log_checkpoints where petition_id = ${id} order by size desc limit 1`.execute(handle.db),
    ).rejects.toThrow(/larger and not earlier/);
  });

  it("signs one checkpoint when two processes publish at once, and only when due or closed", async () => {
    await signAndConfirm("hal@example.org");
    const checkpoints = async () => Number((await sql<{ n: string }>`select count(*) as n from petition_log_checkpoints where petition_id = ${petition.id}`.execute(handle.db)).rows[0]!.n);
    const before = await checkpoints();
    const both = await Promise.all([publishCheckpoint(handle.db, petition.id, publisher), publishCheckpoint(handle.db, petition.id, publisher)]);
    expect(both.filter((c) => c !== null)).toHaveLength(1);
    expect(await checkpoints()).toBe(before + 1);

    await signAndConfirm("ida@example.org");
    expect(await publishDueCheckpoints(handle.db, publisher, 3_600_000)).toEqual([]);
    expect(await publishDueCheckpoints(handle.db, publisher, 1)).toHaveLength(1);
    await signAndConfirm("jon@example.org");
    await handle.db.updateTable("petitions").set({ status: "closed", closed_at: new Date() }).where("id", "=", petition.id).execute();
    try {
      expect(await publishDueCheckpoints(handle.db, publisher, 3_600_000)).toHaveLength(1);
    } finally {
      await handle.db.updateTable("petitions").set({ status: "live", closed_at: null }).where("id", "=", petition.id).execute();
    }
  });

  it("rotates keys: a new key retires the old one at that moment, and the retired key signs nothing more", async () => {
    const next: Publisher = { key: generateLogSigningKey().key, siteOrigin: SITE };
    await signAndConfirm("fay@example.org");
    const signed = (await publishCheckpoint(handle.db, petition.id, next))!;
    const keys = await logKeys(handle.db);
    const [old, current] = [keys.find((k) => k.keyId === publisher.key.keyId)!, keys.find((k) => k.keyId === next.key.keyId)!];
    expect(old.retiredAt).toBe(current.activatedAt);
    expect(current.retiredAt).toBeNull();
    expect(await verifyCheckpointSignature(signed, keys)).toEqual({ ok: true });
    await signAndConfirm("gus@example.org");
    await expect(publishCheckpoint(handle.db, petition.id, publisher)).rejects.toBeInstanceOf(RetiredKeyError);
  });
});
