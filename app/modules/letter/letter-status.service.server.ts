import type { Kysely } from "kysely";
import type { Database, ReplyAnswer } from "../../../db/schema";
import { letterIdFromStatusToken } from "../../lib/links/letter-links.server";
import { recipientsWithMails } from "./letter.repo.server";
import { canRecordReply, deliveryState, type DeliveryState } from "./recipient-delivery";

export interface LetterStatusView {
  subject: string;
  campaignSlug: string;
  recipients: { targetId: number; name: string; role: string; state: DeliveryState; reply: ReplyAnswer | null; canAnswer: boolean }[];
}

/** The sender's view of one letter, from the signed link in their receipt or follow-up mail. */
export async function getLetterStatus(db: Kysely<Database>, token: string, secrets: readonly string[]): Promise<LetterStatusView | null> {
  const id = letterIdFromStatusToken(token, secrets);
  if (!id) return null;
  const letter = await db
    .selectFrom("letters as l")
    .innerJoin("letter_campaigns as c", "c.id", "l.campaign_id")
    .select(["l.subject", "l.status", "c.slug"])
    .where("l.id", "=", id)
    .executeTakeFirst();
  if (!letter) return null;
  const rows = await recipientsWithMails(db)
    .select(["t.id", "t.name", "t.role", "r.route", "r.reply", "m.status as mail_status", "dm.status as digest_mail_status"])
    .where("r.letter_id", "=", id)
    .orderBy("t.name")
    .execute();
  return {
    subject: letter.subject,
    campaignSlug: letter.slug,
    recipients: rows.map((r) => {
      const state = deliveryState({ letterStatus: letter.status, route: r.route, mailStatus: r.mail_status, digestMailStatus: r.digest_mail_status });
      return { targetId: r.id, name: r.name, role: r.role, state, reply: r.reply, canAnswer: canRecordReply(state) };
    }),
  };
}

export type ReplyOutcome = "recorded" | "not_delivered" | "invalid";

/** Records (or changes) the sender's answer for one person written to; only for delivered letters. */
export async function recordReply(
  db: Kysely<Database>,
  input: { token: string; targetId: number; answer: ReplyAnswer; now: Date },
  secrets: readonly string[],
): Promise<ReplyOutcome> {
  const status = await getLetterStatus(db, input.token, secrets);
  const recipient = status?.recipients.find((r) => r.targetId === input.targetId);
  if (!status || !recipient) return "invalid";
  if (!recipient.canAnswer) return "not_delivered";
  const id = letterIdFromStatusToken(input.token, secrets)!;
  await db
    .updateTable("letter_recipients")
    .set({ reply: input.answer, replied_at: input.now })
    .where("letter_id", "=", id)
    .where("target_id", "=", input.targetId)
    .execute();
  return "recorded";
}
