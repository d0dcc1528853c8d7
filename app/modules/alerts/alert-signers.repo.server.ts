import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The signers an alert also goes to: confirmed signatures of the treaty's petitions, from the
 * country, whose signer ticked "send me news"; one per address (its first such signature), and
 * none whose address follows the country or stopped following it (the follow speaks for them).
 */
function consentingSigners(db: Db, treatyId: number, countryCode: string) {
  return db
    .selectFrom("signatures as s")
    .innerJoin("petitions as p", "p.id", "s.petition_id")
    .select(["s.id", "s.email", "s.email_key", "s.language"])
    .where("p.treaty_id", "=", treatyId)
    .where("s.country_code", "=", countryCode)
    .where("s.status", "=", "confirmed")
    .where("s.mail_consent", "=", true)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("signatures as e")
            .innerJoin("petitions as q", "q.id", "e.petition_id")
            .select(sql.lit(1).as("one"))
            .whereRef("e.email_key", "=", "s.email_key")
            .whereRef("e.id", "<", "s.id")
            .where("q.treaty_id", "=", treatyId)
            .where("e.country_code", "=", countryCode)
            .where("e.status", "=", "confirmed")
            .where("e.mail_consent", "=", true),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("country_follows as f")
            .select(sql.lit(1).as("one"))
            .whereRef("f.email_key", "=", "s.email_key")
            .where("f.treaty_id", "=", treatyId)
            .where("f.country_code", "=", countryCode)
            .where("f.status", "in", ["confirmed", "unsubscribed"]),
        ),
      ),
    );
}

/** Every consenting signer an alert about this country would reach (before the do-not-mail list): the review page's audience. */
export async function allConsentingSigners(db: Db, treatyId: number, countryCode: string) {
  return consentingSigners(db, treatyId, countryCode).orderBy("s.id").execute();
}

/** The next consenting signers after signature `afterId`, by id. */
export async function nextConsentingSigners(trx: Transaction<Database>, treatyId: number, countryCode: string, afterId: string, limit: number) {
  return consentingSigners(trx, treatyId, countryCode).where("s.id", ">", afterId).orderBy("s.id").limit(limit).execute();
}
