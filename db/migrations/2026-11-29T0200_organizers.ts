import { sql, type Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code.

const EMAIL = sql`~ '^[^\\s@<>A-Z]+@[^\\s@<>A-Z]+$'`;

export async function up(db: Kysely<unknown>): Promise<void> {
  // People who run campaigns. Email is stored lower-case: it is how they sign in.
  await db.schema
    .createTable("organizers")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("email", "text", (c) => c.notNull().unique().check(sql`email ${EMAIL} and length(email) <= 254`))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('admin', 'organizer', 'viewer')`))
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // A requested sign-in link: the mail carries its id signed; single use, short-lived.
  await db.schema
    .createTable("organizer_sign_ins")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("organizer_id", "integer", (c) => c.notNull().references("organizers.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .addCheckConstraint("organizer_sign_ins_expiry_after_creation", sql`expires_at > created_at`)
    .execute();

  // Sessions live here, not in a cookie: revocable, shared by every app process.
  // The cookie holds a random value; only its SHA-256 is stored.
  await db.schema
    .createTable("organizer_sessions")
    .addColumn("id_hash", "text", (c) => c.primaryKey().check(sql`id_hash ~ '^[0-9a-f]{64}$'`))
    .addColumn("organizer_id", "integer", (c) => c.notNull().references("organizers.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("revoked_at", "timestamptz")
    .execute();
  await db.schema.createIndex("organizer_sessions_by_organizer").on("organizer_sessions").column("organizer_id").execute();

  // Every organizer action: who, what, on what, when, and the details (before and after).
  await db.schema
    .createTable("audit_log")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("organizer_id", "integer", (c) => c.references("organizers.id").onDelete("set null"))
    .addColumn("actor_email", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull().check(sql`action ~ '^[a-z_]+(\\.[a-z_]+)*$'`))
    .addColumn("subject", "text")
    .addColumn("details", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("audit_log_by_time").on("audit_log").column("created_at").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["audit_log", "organizer_sessions", "organizer_sign_ins", "organizers"]) await db.schema.dropTable(table).execute();
}
