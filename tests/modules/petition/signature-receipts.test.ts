/**
 * Receipts of counted signatures: the mail queued in the appending transaction (once per add, none
 * for a signature that stopped counting or was erased before the append), its rendering, and the
 * receipt a confirm link leads to.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { seedDatabase } from "../../../db/seed";
import { renderMail, readStoredMail } from "../../../emails/index";
import { seedDemoContent } from "../../../server/demo-content";
import { receiptMailsOnAppend, receiptForConfirmToken } from "~/modules/petition/signature-receipts.server";
import type { PetitionRow } from "~/modules/petition/petition.repo.server";
import { validateSignature } from "~/modules/petition/signature-form";
import { signPetition, withdrawSignature } from "~/modules/petition/signing.service.server";
import { erasePerson } from "~/modules/privacy/privacy.service.server";
import { generateLogSigningKey } from "~/modules/transparency/checkpoint.server";
import { publishCheckpoint } from "~/modules/transparency/checkpoint-publisher.server";
import { appendQueuedEntries } from "~/modules/transparency/log-append.server";
import { entriesOf, publicLog } from "~/modules/transparency/log-read.service.server";
import { parseReceipt } from "~/modules/transparency/receipt";
import { openTestDatabase } from "../../support/database";
import { DEMO_PETITION, demoPetition, mailsTo, signAndConfirm as signAndConfirmAs, testSigningConfig, tokenFromMail } from "../../support/petition";

const SITE = "https://treaty.example";
const secrets = ["test-secret"];
const onAppended = receiptMailsOnAppend(SITE);
let handle: DatabaseHandle;
let petition: PetitionRow;

beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db);
  await seedDatabase(handle.db);
  await seedDemoContent(handle.db);
  petition = await demoPetition(handle.db);
});
afterAll(async () => handle?.close());
beforeEach(async () => {
  // Whatever an earlier test left queued goes into the log first, without mail.
  await appendQueuedEntries(handle.db);
  await handle.db.deleteFrom("signatures").execute();
  await handle.db.deleteFrom("outgoing_mails").execute();
});

const signAndConfirm = (email: string, lng = "en", country = "FRA") => signAndConfirmAs(handle.db, petition, email, { lng, country, secrets });

const receiptMailsTo = async (email: string) => (await mailsTo(handle.db, email)).filter((m) => m.template === "signature-receipt");

describe("receipt mails on append", () => {
  it("queues exactly one receipt mail per appended add, in the signer's language, bulk, with a receipt that matches the entry", async () => {
    const ann = await signAndConfirm("ann@example.org", "fr");
    expect(await receiptMailsTo("ann@example.org")).toHaveLength(0);
    await appendQueuedEntries(handle.db, { onAppended });
    const [mail, ...more] = await receiptMailsTo("ann@example.org");
    expect(more).toHaveLength(0);
    expect(mail).toMatchObject({ language: "fr", priority: 1, status: "queued", idempotency_key: expect.stringMatching(new RegExp(`^signature-receipt:${ann.id}:\\d+$`, "u")) });
    expect(mail!.template_data.signatureId).toBe(ann.id);

    const stored = readStoredMail(mail!.template, mail!.template_data);
    if (!stored.ok || stored.mail.intent !== "signature-receipt") throw new Error("the receipt mail does not fit its intent");
    const parsed = parseReceipt(stored.mail.data.receipt);
    if (!parsed.ok) throw new Error(parsed.problem);
    const receipt = parsed.receipt;
    expect(receipt.petition).toBe(`${SITE}/petitions/${DEMO_PETITION}`);
    const signature = await handle.db.selectFrom("signatures").select("uuid").where("id", "=", ann.id).executeTakeFirstOrThrow();
    expect(receipt.signatureId).toBe(String(signature.uuid));
    const log = (await publicLog(handle.db, DEMO_PETITION, SITE))!;
    const entries = await entriesOf(handle.db, log, receipt.index, receipt.index + 1);
    expect(entries.ok && entries.value.entries[0]).toMatchObject({ kind: "add", commitment: receipt.commitment, country: "FRA" });
    // The French title of the demo petition, not the English one the signature form passed along.
    const title = await handle.db.selectFrom("petition_texts").select("title").where("petition_id", "=", petition.id).where("language", "=", "fr").executeTakeFirstOrThrow();
    expect(stored.mail.data.petitionTitle).toBe(title.title);

    // Another run, and the same adds handed to the hook again: nothing more.
    await appendQueuedEntries(handle.db, { onAppended });
    await handle.db.transaction().execute((trx) => onAppended(trx, [{ petitionId: petition.id, signatureId: ann.id, index: receipt.index, mailReceipt: true }]));
    expect(await receiptMailsTo("ann@example.org")).toHaveLength(1);

    // Rendered: the receipt as text, the verify page with it in the fragment, the privacy sentence.
    const rendered = renderMail("signature-receipt", { lng: "fr", publicUrl: SITE, signingSecrets: secrets }, stored.mail.data);
    expect(rendered.text).toContain(JSON.stringify(receipt));
    const link = /https:\/\/treaty\.example\/fr\/petitions\/[a-z0-9-]+\/verify#receipt=([A-Za-z0-9_-]+)/u.exec(rendered.text);
    expect(link?.[0]).toContain(`/fr/petitions/${DEMO_PETITION}/verify#receipt=`);
    expect(JSON.parse(Buffer.from(link![1]!, "base64url").toString("utf8"))).toEqual(receipt);
    expect(rendered.text).toContain("Gardez-le pour vous");
    expect(rendered.html).toContain(`verify#receipt=${link![1]}`);
  });

  it("queues none for a signature withdrawn before the append, nor for one erased", async () => {
    const bob = await signAndConfirm("bob@example.org");
    await signAndConfirm("cy@example.org");
    expect((await withdrawSignature(handle.db, bob.withdrawToken, secrets, true)).kind).toBe("withdrawn");
    const lead = await handle.db.insertInto("organizers").values({ email: "lead@example.org", role: "admin" }).returning("id").executeTakeFirstOrThrow();
    await erasePerson(handle.db, "cy@example.org", { id: lead.id, email: "lead@example.org" }, secrets);
    const dee = await signAndConfirm("dee@example.org");
    await appendQueuedEntries(handle.db, { onAppended });
    expect(await receiptMailsTo("bob@example.org")).toHaveLength(0);
    expect(await receiptMailsTo("cy@example.org")).toHaveLength(0);
    // The add of each is in the log all the same (and its removal after it).
    const adds = await handle.db.selectFrom("petition_log_entries").select("signature_id").where("kind", "=", "add").where("signature_id", "in", [bob.id, dee.id]).execute();
    expect(adds).toHaveLength(2);
    expect(await receiptMailsTo("dee@example.org")).toHaveLength(1);
  });

  it("queues none for a signature counted before the log existed (queued by the migration without a mail)", async () => {
    const eli = await signAndConfirm("eli@example.org");
    await handle.db.updateTable("petition_log_queue").set({ mail_receipt: false } as never).where("signature_id", "=", eli.id).execute();
    await appendQueuedEntries(handle.db, { onAppended });
    expect(await receiptMailsTo("eli@example.org")).toHaveLength(0);
    expect(await handle.db.selectFrom("petition_log_entries").select("entry_index").where("signature_id", "=", eli.id).execute()).toHaveLength(1);
  });

  it("queues them from the checkpoint publisher's append too, and erasure deletes the receipt mail", async () => {
    await signAndConfirm("eve@example.org");
    await publishCheckpoint(handle.db, petition.id, { key: generateLogSigningKey().key, siteOrigin: SITE, onAppended });
    expect(await receiptMailsTo("eve@example.org")).toHaveLength(1);
    const lead = await handle.db.insertInto("organizers").values({ email: "boss@example.org", role: "admin" }).returning("id").executeTakeFirstOrThrow();
    await erasePerson(handle.db, "eve@example.org", { id: lead.id, email: "boss@example.org" }, secrets);
    expect(await handle.db.selectFrom("outgoing_mails").select("id").where("template", "=", "signature-receipt").execute()).toHaveLength(0);
  });
});

describe("the receipt a confirm link leads to", () => {
  const ctx = { secrets, siteOrigin: SITE };

  it("is preparing until the entry is appended, then ready; none for a bad token, a pending or a withdrawn signature", async () => {
    const fay = await signAndConfirm("fay@example.org");
    expect(await receiptForConfirmToken(handle.db, fay.confirmToken, ctx)).toEqual({ status: "preparing", slug: DEMO_PETITION });
    await appendQueuedEntries(handle.db);
    const ready = await receiptForConfirmToken(handle.db, fay.confirmToken, ctx);
    expect(ready?.status).toBe("ready");
    expect(ready?.status === "ready" && parseReceipt(ready.receipt).ok).toBe(true);

    expect(await receiptForConfirmToken(handle.db, "not-a-token", ctx)).toBeNull();
    expect(await receiptForConfirmToken(handle.db, fay.withdrawToken, ctx)).toBeNull();
    expect(await receiptForConfirmToken(handle.db, fay.confirmToken, { ...ctx, secrets: ["another-secret"] })).toBeNull();

    const checked = validateSignature({ name: "Gus", email: "gus@example.org", country: "FRA", comment: "", showName: false, mailConsent: false }, "", () => true);
    if (!checked.ok) throw new Error("bad test person");
    await signPetition(handle.db, { petition, petitionTitle: "T", signature: checked.signature, lng: "en", honeypotFilled: false, fillMs: 5000, ipHash: "ip-gus" }, { config: testSigningConfig(), now: new Date() });
    const [pending] = await mailsTo(handle.db, "gus@example.org");
    expect(await receiptForConfirmToken(handle.db, tokenFromMail(pending!, "confirm", secrets), ctx)).toBeNull();

    expect((await withdrawSignature(handle.db, fay.withdrawToken, secrets, true)).kind).toBe("withdrawn");
    expect(await receiptForConfirmToken(handle.db, fay.confirmToken, ctx)).toBeNull();
  });
});
