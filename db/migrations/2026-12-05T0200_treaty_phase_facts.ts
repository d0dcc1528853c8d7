import { sql, type Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code.

const HTTP_URL = sql`~ '^https?://[^\\s]+$'`;

/** Lodged once per participant: a signature and one consent to be bound per kind. */
const ONCE_PER_PARTICIPANT = sql`('signature', 'ratification', 'acceptance', 'approval', 'accession', 'succession', 'formal_confirmation')`;
const FACT_KINDS = sql`('signature', 'ratification', 'acceptance', 'approval', 'accession', 'succession', 'formal_confirmation', 'declaration_or_reservation', 'domestic_step', 'statement')`;
const CONFIDENCES = sql`('depositary', 'official', 'press', 'reported')`;

/**
 * The confidence of a fact recorded before confidences existed, read from its source: the UN
 * Treaty Collection is the depositary's own record; a government's, the EU's or the UN's own
 * site is `official`; anything else is `press`. Mirrored by `sourceConfidence` in the country
 * module, which applies it to facts entered by hand.
 */
const CONFIDENCE_OF_SOURCE = sql`case
  when source_url ~* '^https?://(www\\.)?treaties\\.un\\.org(/|$)' then 'depositary'
  when source_url ~* '^https?://([a-z0-9-]+\\.)*(verdragen\\.nl|europa\\.eu|un\\.org|gov|gov\\.[a-z]{2}|gouv\\.[a-z]{2}|gob\\.[a-z]{2})(/|:|$)' then 'official'
  else 'press' end`;

export async function up(db: Kysely<unknown>): Promise<void> {
  // The treaty's own rules (articles 64 and 65 for the convention): all set, or none yet.
  await db.schema
    .alterTable("treaties")
    .addColumn("signature_closes_on", "date")
    .addColumn("days_to_entry_into_force", "integer", (c) => c.check(sql`days_to_entry_into_force >= 0`))
    .addColumn("days_to_entry_into_force_for_later_party", "integer", (c) => c.check(sql`days_to_entry_into_force_for_later_party >= 0`))
    .addColumn("counting_participant_kinds", sql`text[]`, (c) =>
      c.check(sql`cardinality(counting_participant_kinds) > 0 and counting_participant_kinds <@ array['state', 'regional_organization']::text[]`),
    )
    // The day someone last compared our facts with the depositary's record: the "as of" date.
    .addColumn("depositary_checked_on", "date")
    .execute();
  await sql`alter table treaties add constraint treaties_parameters_together check (
    (signature_closes_on is null) = (days_to_entry_into_force is null)
    and (signature_closes_on is null) = (days_to_entry_into_force_for_later_party is null)
    and (signature_closes_on is null) = (counting_participant_kinds is null)
    and (signature_closes_on is null or opened_for_signature_on is null or signature_closes_on >= opened_for_signature_on)
  )`.execute(db);

  // A regional economic integration organization (the EU) is the other kind of participant.
  await db.schema
    .alterTable("countries")
    .addColumn("participant_kind", "text", (c) =>
      c.generatedAlwaysAs(sql`case when kind = 'organization' then 'regional_organization' else 'state' end`).stored().notNull(),
    )
    .execute();

  // Every kind of fact the depositary's vocabulary knows, each with how sure we are of it.
  await sql`alter table treaty_actions drop constraint treaty_actions_action_check`.execute(db);
  await sql`alter table treaty_actions add constraint treaty_actions_action_check check (action in ${FACT_KINDS})`.execute(db);
  await db.schema.alterTable("treaty_actions").addColumn("confidence", "text").execute();
  await sql`update treaty_actions set confidence = ${CONFIDENCE_OF_SOURCE}`.execute(db);
  await sql`alter table treaty_actions alter column confidence set not null`.execute(db);
  await sql`alter table treaty_actions add constraint treaty_actions_confidence_check check (confidence in ${CONFIDENCES})`.execute(db);
  // A declaration's or reservation's own text (or our summary of it) and a link to it.
  await db.schema
    .alterTable("treaty_actions")
    .addColumn("declaration_text", "text", (c) => c.check(sql`length(declaration_text) > 0`))
    .addColumn("declaration_url", "text", (c) => c.check(sql`declaration_url ${HTTP_URL}`))
    .execute();
  await sql`alter table treaty_actions add constraint treaty_actions_declaration_only check (
    action = 'declaration_or_reservation' or (declaration_text is null and declaration_url is null)
  )`.execute(db);
  // One signature and one instrument of each kind per participant; the other kinds (domestic
  // steps, declarations, statements) can be many, one per source.
  await sql`alter table treaty_actions drop constraint treaty_actions_one_per_country`.execute(db);
  await sql`create unique index treaty_actions_one_per_country on treaty_actions (treaty_id, country_code, action) where action in ${ONCE_PER_PARTICIPANT}`.execute(db);
  await db.schema
    .alterTable("treaty_actions")
    .addUniqueConstraint("treaty_actions_one_per_source", ["treaty_id", "country_code", "action", "source_url"])
    .execute();

  // Mentions too weak to publish (AI-written digests, single unverified reports, totals that
  // name no one): organizers see them as leads until they confirm one with a better source or
  // dismiss it.
  await db.schema
    .createTable("treaty_leads")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("treaty_id", "integer", (c) => c.notNull().references("treaties.id").onDelete("cascade"))
    // Null for the process as a whole, and for a total that names no participant.
    .addColumn("country_code", "char(3)", (c) => c.references("countries.code3"))
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('signature', 'ratification', 'acceptance', 'approval', 'accession', 'succession', 'formal_confirmation', 'declaration_or_reservation', 'domestic_step', 'statement', 'process_event', 'reported_total')`),
    )
    // Null when the source gives no day.
    .addColumn("occurred_on", "date")
    .addColumn("detail", "text", (c) => c.notNull().check(sql`length(detail) > 0`))
    .addColumn("source_url", "text", (c) => c.notNull().check(sql`source_url ${HTTP_URL}`))
    .addColumn("source_title", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("notes", "text", (c) => c.notNull().defaultTo(""))
    // How sure whoever noted it was: `low` for AI-written digests and single unverified mentions.
    .addColumn("confidence", "text", (c) => c.notNull().check(sql`confidence in ('press', 'reported', 'low')`))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open").check(sql`status in ('open', 'confirmed', 'dismissed')`))
    .addColumn("resolved_by", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .addColumn("resolved_by_email", "text")
    .addColumn("resolved_at", "timestamptz")
    // A confirmation names the better source it rests on.
    .addColumn("confirmed_source_url", "text", (c) => c.check(sql`confirmed_source_url ${HTTP_URL}`))
    .addColumn("resolution_note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      "treaty_leads_resolution",
      sql`(status = 'open') = (resolved_at is null) and (status = 'open') = (resolved_by_email is null)
        and (status = 'confirmed') = (confirmed_source_url is not null)`,
    )
    .addUniqueConstraint("treaty_leads_one_per_mention", ["treaty_id", "country_code", "kind", "source_url", "detail"], (c) => c.nullsNotDistinct())
    .execute();
  await db.schema.createIndex("treaty_leads_open_by_country").on("treaty_leads").columns(["country_code"]).where(sql.ref("status"), "=", "open").execute();

  // Who spoke when it is not a participant: civil society, companies, public bodies.
  await db.schema
    .createTable("actor_statements")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("treaty_id", "integer", (c) => c.notNull().references("treaties.id").onDelete("cascade"))
    .addColumn("actor_name", "text", (c) => c.notNull().check(sql`length(actor_name) > 0`))
    .addColumn("stated_on", "date")
    .addColumn("stance", "text", (c) => c.notNull().check(sql`stance in ('supports', 'opposes', 'mixed', 'unknown')`))
    .addColumn("summary", "text", (c) => c.notNull().check(sql`length(summary) > 0`))
    .addColumn("source_url", "text", (c) => c.notNull().check(sql`source_url ${HTTP_URL}`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("actor_statements_one_per_source", ["treaty_id", "actor_name", "source_url"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("actor_statements").execute();
  await db.schema.dropTable("treaty_leads").execute();
  await sql`delete from treaty_actions where action not in ('signature', 'ratification')`.execute(db);
  await db.schema.alterTable("treaty_actions").dropConstraint("treaty_actions_one_per_source").execute();
  await sql`drop index treaty_actions_one_per_country`.execute(db);
  await sql`alter table treaty_actions add constraint treaty_actions_one_per_country unique (treaty_id, country_code, action)`.execute(db);
  await db.schema.alterTable("treaty_actions").dropConstraint("treaty_actions_declaration_only").execute();
  await db.schema.alterTable("treaty_actions").dropColumn("declaration_url").dropColumn("declaration_text").dropColumn("confidence").execute();
  await db.schema.alterTable("treaty_actions").dropConstraint("treaty_actions_action_check").execute();
  await sql`alter table treaty_actions add constraint treaty_actions_action_check check (action in ('signature', 'ratification'))`.execute(db);
  await db.schema.alterTable("countries").dropColumn("participant_kind").execute();
  await db.schema.alterTable("treaties").dropConstraint("treaties_parameters_together").execute();
  await db.schema
    .alterTable("treaties")
    .dropColumn("depositary_checked_on")
    .dropColumn("counting_participant_kinds")
    .dropColumn("days_to_entry_into_force_for_later_party")
    .dropColumn("days_to_entry_into_force")
    .dropColumn("signature_closes_on")
    .execute();
}
