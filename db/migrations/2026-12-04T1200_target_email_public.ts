import type { Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Whether an organizer marked this target's address as public (an official contact address):
  // only such an address ever reaches a visitor (the "send from my own mail app" link). Off by default.
  await db.schema
    .alterTable("targets")
    .addColumn("email_public", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("targets").dropColumn("email_public").execute();
}
