import type { Kysely } from "kysely";
import type { Database, SignatureStatus } from "../../db/schema";
import { findPetitionBySlug, type PetitionRow } from "~/modules/petition/petition.repo.server";
import { confirmUrlFor, withdrawUrlFor } from "~/lib/links/signature-links.server";
import type { SigningConfig } from "~/modules/petition/signing-config.server";
import { validateSignature } from "~/modules/petition/signature-form";
import { confirmSignature, signPetition } from "~/modules/petition/signing.service.server";
import { testConfig } from "./test-config";

export const DEMO_PETITION = "stop-the-cybercrime-convention";

/** Defaults of the real config, with every limit explicit for the test that reads it. */
/** The default signing settings, with `overrides`. */
export const testSigningConfig = (overrides: Partial<SigningConfig> = {}): SigningConfig => ({ ...testConfig().signing, ...overrides });

export async function demoPetition(db: Kysely<Database>): Promise<PetitionRow> {
  const petition = await findPetitionBySlug(db, DEMO_PETITION);
  if (!petition) throw new Error("The demo petition is not seeded");
  return petition;
}

/** Signatures and outbox rows as a test wants to see them. */
export async function signaturesOf(db: Kysely<Database>, petitionId: number) {
  return db.selectFrom("signatures").selectAll().where("petition_id", "=", petitionId).orderBy("id").execute();
}

/** Every signature as if it had come to `status` (with the reason or time that status carries). */
export async function putSignaturesIn(db: Kysely<Database>, status: SignatureStatus): Promise<void> {
  await db
    .updateTable("signatures")
    .set({
      status,
      suspect_reason: status === "suspect" ? "too_fast" : null,
      confirmed_at: status === "confirmed" || status === "held" ? new Date() : null,
      withdrawn_at: status === "withdrawn" ? new Date() : null,
    })
    .execute();
}

export async function mailsTo(db: Kysely<Database>, recipient: string) {
  return db.selectFrom("outgoing_mails").selectAll().where("recipient", "=", recipient).orderBy("id").execute();
}

/** The token of the confirm or withdraw link a queued signature mail will carry. */
export function tokenFromMail(mail: { template_data: Record<string, unknown> }, kind: "confirm" | "withdraw", secrets: readonly string[]): string {
  const id = String(mail.template_data.signatureId);
  const url = kind === "confirm" ? confirmUrlFor(id, "https://x.example", "en", secrets) : withdrawUrlFor(id, "https://x.example", "en", secrets);
  return new URL(url).pathname.split("/")[2]!;
}

/**
 * Rate-limit windows are clock minutes in the database: a test that counts requests in one window
 * starts at least `marginMs` before the next minute begins (waiting for it when too close).
 */
export async function awayFromMinuteEdge(marginMs = 5_000): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 60_000 - marginMs) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 200));
}

/**
 * Signs `petition` as `email` (in `lng`, from `country`) and confirms through the mailed token, as
 * a person would; returns the signature's id and its confirm and withdraw tokens.
 */
export async function signAndConfirm(
  db: Kysely<Database>,
  petition: PetitionRow,
  email: string,
  { lng = "en", country = "FRA", secrets = ["test-secret"] }: { lng?: string; country?: string; secrets?: string[] } = {},
): Promise<{ id: string; confirmToken: string; withdrawToken: string }> {
  const checked = validateSignature({ name: "Ann Lee", email, country, comment: "", showName: false, mailConsent: false }, "", () => true);
  if (!checked.ok) throw new Error("bad test person");
  const signed = await signPetition(db, { petition, petitionTitle: "T", signature: checked.signature, lng, honeypotFilled: false, fillMs: 5000, ipHash: `ip-${email}` }, { config: testSigningConfig(), now: new Date() });
  if (signed.kind !== "signed") throw new Error(signed.kind);
  const [mail] = await mailsTo(db, email);
  const confirmToken = tokenFromMail(mail!, "confirm", secrets);
  const outcome = await confirmSignature(db, confirmToken, { config: testSigningConfig(), secrets, now: new Date() });
  if (outcome.kind !== "confirmed") throw new Error(`not confirmed: ${outcome.kind}`);
  const row = await db.selectFrom("signatures").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  return { id: String(row.id), confirmToken, withdrawToken: tokenFromMail(mail!, "withdraw", secrets) };
}
