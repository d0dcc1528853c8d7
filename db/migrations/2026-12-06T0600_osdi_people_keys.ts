import { sql, type Kysely } from "kysely";

// Frozen once merged: later changes go in a new migration. Imports no app code.

/**
 * What the OSDI API needs to list people quickly and completely:
 * - `person_email_key(address)`: the email key of app/modules/mail/email-key.ts `emailKey` in SQL
 *   (NFKC, lower case, `+tag` dropped, Gmail dots ignored), so letters, which keep only the
 *   address, carry the same key as signatures (`letters.email_key`, kept by PostgreSQL itself).
 *   For ASCII addresses the two agree exactly (tests/db/person-email-key.test.ts checks them side by side).
 * - an index on signatures and letters by email key (a person's rows);
 * - people rows for everyone confirmed (or withdrawn) before people were kept.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create function person_email_key(address text) returns text language sql immutable parallel safe as $$
    select case when strpos(a, '@') = 0 then a else
      (case when dom in ('gmail.com', 'googlemail.com') then replace(loc, '.', '') else loc end)
      || '@' || (case when dom = 'googlemail.com' then 'gmail.com' else dom end) end
    from (
      select a,
        case when strpos(substring(a from '^(.*)@[^@]*$'), '+') > 1 then split_part(substring(a from '^(.*)@[^@]*$'), '+', 1)
          else substring(a from '^(.*)@[^@]*$') end as loc,
        substring(a from '@([^@]*)$') as dom
      from (select lower(normalize(btrim(address), NFKC)) as a) as typed
    ) as parts
  $$`.execute(db);
  await sql`alter table letters add column email_key text generated always as (person_email_key(sender_email)) stored`.execute(db);
  await db.schema.createIndex("letters_by_email_key").on("letters").columns(["email_key"]).execute();
  await db.schema.createIndex("signatures_by_email_key").on("signatures").columns(["email_key"]).execute();
  // Everyone already confirmed (or withdrawn) gets a person row, as touchPerson gives them from now on.
  await sql`insert into people (email_key, created_at)
    select email_key, min(at) from (
      select email_key, coalesce(confirmed_at, created_at) as at from signatures
        where status in ('confirmed', 'withdrawn') and email_key not like 'anonymized-%@erased.invalid'
      union all
      select email_key, coalesce(confirmed_at, created_at) from letters
        where status = 'confirmed' and sender_email not like 'anonymized-%@erased.invalid'
    ) as acted
    group by email_key
    on conflict (email_key) do nothing`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("signatures_by_email_key").execute();
  await db.schema.dropIndex("letters_by_email_key").execute();
  await sql`alter table letters drop column email_key`.execute(db);
  await sql`drop function person_email_key(text)`.execute(db);
}
