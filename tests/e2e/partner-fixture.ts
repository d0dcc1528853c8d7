/**
 * Run by the browser tests' global setup before the server starts (the embedded database is the
 * server's once it runs): a partner, a draft petition it runs with signatures its link brought
 * (some consenting to it, one from another partner), beside the demo campaigns it does not run.
 * The database is first loaded as a first start would load it, so the server finds it ready.
 */
import { loadConfigOrExit } from "../../app/lib/config.server";
import { migrateToLatest, migrationOptionsOf } from "../../db/migrate";
import { runWithDatabase } from "../../db/run-with-database";
import { isDatabaseEmpty, seedDatabase } from "../../db/seed";
import { seedDemoContent } from "../../server/demo-content";

/** What partner-account.e2e.test.ts expects (written out there too: importing this file runs it). */
const E2E_PARTNER = { code: "e2e-partner", name: "Coalition Partner", petition: "coalition-partner-petition" };

const config = loadConfigOrExit({ purpose: "command" });
await runWithDatabase(config.database, async ({ db }) => {
  await migrateToLatest(db, migrationOptionsOf(config));
  if (await isDatabaseEmpty(db)) {
    await seedDatabase(db);
    await seedDemoContent(db);
  }
  await db.transaction().execute(async (trx) => {
    const partner = (code: string, name: string) =>
      trx
        .insertInto("partners")
        .values({ code, name, website_url: `https://${code}.example.org`, privacy_url: `https://${code}.example.org/privacy`, contact_email: `team@${code}.example.org` })
        .returning("id")
        .executeTakeFirstOrThrow();
    const { id: ours } = await partner(E2E_PARTNER.code, E2E_PARTNER.name);
    const { id: theirs } = await partner("e2e-other-partner", "Another Coalition Member");
    const petition = await trx.insertInto("petitions").values({ slug: E2E_PARTNER.petition, default_language: "en", treaty_id: null, goal: null }).returning("id").executeTakeFirstOrThrow();
    await trx
      .insertInto("petition_texts")
      .values({ petition_id: petition.id, language: "en", title: "A petition run with a partner", body_markdown: "Run together.", addressed_to: "Governments", updated_at: new Date() })
      .execute();
    await trx.insertInto("campaign_partners").values({ petition_id: petition.id, partner_id: ours }).execute();
    const signers = [
      { name: "Partner Consenting", country: "FRA", partner: ours, consent: true },
      { name: "Partner Silent", country: "DEU", partner: ours, consent: false },
      { name: "Other Partner Signer", country: "ITA", partner: theirs, consent: true },
    ];
    for (const [i, s] of signers.entries()) {
      const email = `partner-signer-${i}@example.net`;
      await trx
        .insertInto("signatures")
        .values({
          petition_id: petition.id,
          status: "confirmed",
          name: s.name,
          email,
          email_key: email,
          country_code: s.country,
          language: "en",
          referral_code: `e2epartner${i}`,
          created_at: new Date(),
          confirmed_at: new Date(),
          partner_id: s.partner,
          partner_consent: s.consent,
        })
        .execute();
    }
  });
});
