/**
 * Run by the browser tests' global setup before the server starts (after partner-fixture.ts,
 * which loads the database as a first start would): a live petition that one campus signed
 * in a rush. Its first signers counted; the ones after the domain's threshold are trending
 * (marked by the sign statement), three confirmed and held for review, one not confirmed yet.
 * The server's petition job raises the alert and mails the organizers.
 */
import { loadConfigOrExit } from "../../app/lib/config.server";
import { runWithDatabase } from "../../db/run-with-database";

/** What trending.e2e.test.ts expects (written out there too: importing this file runs it). */
const E2E_TRENDING = { petition: "campus-rush-petition", domain: "campus.example" };

const config = loadConfigOrExit({ purpose: "command" });
await runWithDatabase(config.database, async ({ db }) => {
  await db.transaction().execute(async (trx) => {
    const petition = await trx
      .insertInto("petitions")
      .values({ slug: E2E_TRENDING.petition, default_language: "en", treaty_id: null, goal: null, status: "live", opened_at: new Date() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("petition_texts")
      .values({ petition_id: petition.id, language: "en", title: "A petition a campus signed at once", body_markdown: "Forwarded around.", addressed_to: "Governments", updated_at: new Date() })
      .execute();
    const signers = [
      { status: "held", country: "FRA" },
      { status: "held", country: "DEU" },
      { status: "held", country: "FRA" },
      { status: "pending", country: "ITA" },
    ] as const;
    for (const [i, s] of signers.entries()) {
      const email = `student-${i}@${E2E_TRENDING.domain}`;
      await trx
        .insertInto("signatures")
        .values({
          petition_id: petition.id,
          status: s.status,
          name: `Student ${i}`,
          email,
          email_key: email,
          country_code: s.country,
          language: "en",
          referral_code: `e2ecampus${i}`,
          ip_hash: `campusnet${i}xxxxxxxxxxxx`,
          trending: "domain",
          created_at: new Date(),
          confirmation_sent_at: new Date(),
          confirmation_mails: 1,
          confirmed_at: s.status === "held" ? new Date() : null,
        })
        .execute();
    }
  });
});
