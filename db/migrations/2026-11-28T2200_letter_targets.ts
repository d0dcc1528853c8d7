import { sql, type Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // People and offices who decide: ministers, permanent missions, members of parliamentary committees.
  await db.schema
    .createTable("targets")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("country_code", "char(3)", (c) => c.notNull().references("countries.code3"))
    .addColumn("name", "text", (c) => c.notNull().check(sql`length(name) between 1 and 200 and name !~ '[[:cntrl:]<>]'`))
    .addColumn("role", "text", (c) => c.notNull().check(sql`length(role) between 1 and 200 and role !~ '[[:cntrl:]<>]'`))
    .addColumn("organization", "text", (c) => c.notNull().check(sql`length(organization) between 1 and 200 and organization !~ '[[:cntrl:]<>]'`))
    // The address letters go to; one target per address.
    .addColumn("email", "text", (c) => c.notNull().unique().check(sql`email ~ '^[^\\s@<>]+@[^\\s@<>]+$' and length(email) <= 254 and email = lower(email)`))
    .addColumn("language", "text", (c) => c.notNull().check(sql`language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'`))
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    // Where the contact comes from (a government directory, a parliament's page).
    .addColumn("source_url", "text", (c) => c.notNull().check(sql`source_url ~ '^https?://[^\\s]+$'`))
    // Demo targets (local trials) live at reserved example domains and say so.
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("targets_demo_at_example_domains", sql`not is_demo or email ~ '@(example\\.(org|com|net)|[^@]+\\.example)$'`)
    .execute();
  await db.schema.createIndex("targets_by_country").on("targets").columns(["country_code", "active"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("targets").execute();
}
