import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { PageViewCount } from "./page-views";

/** Adds counted views to the daily rows; slugs that are no campaign are dropped. */
export async function recordPageViews(db: Kysely<Database>, counts: readonly PageViewCount[]): Promise<void> {
  if (counts.length === 0) return;
  await db.transaction().execute(async (trx) => {
    for (const { kind, slug, day, views } of counts) {
      if (kind === "petition") {
        await trx
          .insertInto("petition_page_views")
          .columns(["petition_id", "day", "views"])
          .expression((eb) => eb.selectFrom("petitions").select(["id", sql<string>`${day}::date`.as("day"), sql<number>`${views}::bigint`.as("views")]).where("slug", "=", slug))
          .onConflict((oc) => oc.columns(["petition_id", "day"]).doUpdateSet({ views: sql<number>`petition_page_views.views + excluded.views` }))
          .execute();
      } else {
        await trx
          .insertInto("letter_page_views")
          .columns(["campaign_id", "day", "views"])
          .expression((eb) => eb.selectFrom("letter_campaigns").select(["id", sql<string>`${day}::date`.as("day"), sql<number>`${views}::bigint`.as("views")]).where("slug", "=", slug))
          .onConflict((oc) => oc.columns(["campaign_id", "day"]).doUpdateSet({ views: sql<number>`letter_page_views.views + excluded.views` }))
          .execute();
      }
    }
  });
}
