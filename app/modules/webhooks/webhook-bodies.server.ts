import { type Kysely, type Transaction } from "kysely";
import type { Database, WebhookEventName } from "../../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;

/** An event as the queue holds it. */
export interface QueuedEvent {
  id: string;
  event: WebhookEventName;
  data: Record<string, unknown>;
  emailKey: string | null;
  partnerId: number | null;
  partnerConsent: boolean;
  createdAt: Date;
}

/** For whom a body is written: the platform, or the partner the person consented to (email status follows that consent). */
export type Audience = "platform" | "partner";

/** Builds the bodies of one batch of events; null for an event whose subject is gone (erased before it went out). */
export type BodyBuilder = (event: QueuedEvent, audience: Audience) => string | null;

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
const id = (uuid: string) => `treatywatch:${uuid}`;

/**
 * Reads everything the batch's bodies need in one query per kind, then writes OSDI-shaped JSON
 * (the Action Network webhook style: an array holding one object keyed by its OSDI type, the
 * person embedded). docs/webhooks.md shows every event's body.
 */
export async function bodyBuilderFor(db: Db, events: QueuedEvent[], publicUrl: string): Promise<BodyBuilder> {
  const ids = (event: WebhookEventName, key: string) => events.filter((e) => e.event === event).flatMap((e) => [e.data[key]].flat().map(String));
  const signatureIds = [...ids("signature.confirmed", "signatureId"), ...ids("signature.withdrawn", "signatureId")];
  const letterIds = ids("letter.sent", "letterId");
  const changeIds = ids("country.status_changed", "statusChangeIds");
  const updateIds = ids("update.sent", "updateId");
  const api = `${publicUrl}/api/osdi/v1`;
  // The person's id in the API, by the email key the event names (a letter's key is not in its row).
  const keys = [...new Set(events.flatMap((e) => (e.emailKey === null ? [] : [e.emailKey])))];
  const people = new Map(
    keys.length === 0 ? [] : (await db.selectFrom("people").select(["id", "email_key"]).where("email_key", "in", keys).execute()).map((p) => [p.email_key, p.id] as const),
  );

  const signatures = signatureIds.length === 0 ? [] : await db
    .selectFrom("signatures as s")
    .innerJoin("petitions as p", "p.id", "s.petition_id")
    .leftJoin("partners as partner", "partner.id", "s.partner_id")
    .select(["s.id", "s.uuid", "s.status", "s.name", "s.email", "s.country_code", "s.comment", "s.mail_consent", "s.partner_consent", "s.created_at", "s.modified_at", "s.language", "p.uuid as petition_uuid", "p.slug", "partner.code as partner_code"])
    .where("s.id", "in", signatureIds)
    .execute();
  const letters = letterIds.length === 0 ? [] : await db
    .selectFrom("letters as l")
    .innerJoin("letter_campaigns as c", "c.id", "l.campaign_id")
    .leftJoin("partners as partner", "partner.id", "l.partner_id")
    .select(["l.id", "l.uuid", "l.sender_name", "l.sender_email", "l.country_code", "l.subject", "l.mail_consent", "l.partner_consent", "l.created_at", "l.modified_at", "l.language", "c.uuid as campaign_uuid", "c.slug", "partner.code as partner_code"])
    .where("l.id", "in", letterIds)
    .execute();
  const changes = changeIds.length === 0 ? [] : await db
    .selectFrom("country_status_changes as c")
    .innerJoin("treaties as t", "t.id", "c.treaty_id")
    .select(["c.id", "c.country_code", "c.from_status", "c.to_status", "c.cause", "c.judged_on", "c.created_at", "t.slug as treaty_slug"])
    .where("c.id", "in", changeIds)
    .execute();
  const updates = updateIds.length === 0 ? [] : await db
    .selectFrom("campaign_updates as u")
    .leftJoin("petitions as p", "p.id", "u.petition_id")
    .leftJoin("letter_campaigns as c", "c.id", "u.letter_campaign_id")
    .select(["u.id", "u.audience", "u.public", "u.finished_at", "u.enqueued", "p.uuid as petition_uuid", "p.slug as petition_slug", "c.uuid as campaign_uuid", "c.slug as campaign_slug"])
    .where("u.id", "in", updateIds)
    .execute();

  const person = (row: { person_id: string | null; name: string; email: string; country: string; language: string; subscribed: boolean }) => ({
    identifiers: row.person_id ? [id(row.person_id)] : [],
    given_name: row.name,
    email_addresses: [{ primary: true, address: row.email, status: row.subscribed ? "subscribed" : "unsubscribed" }],
    postal_addresses: [{ primary: true, country: row.country }],
    languages_spoken: [row.language],
  });

  return (event, audience) => {
    const head = { event: event.event, created_date: event.createdAt.toISOString() };
    switch (event.event) {
      case "signature.confirmed":
      case "signature.withdrawn": {
        const s = signatures.find((r) => r.id === String(event.data.signatureId));
        if (!s) return null;
        const subscribed = audience === "partner" ? s.partner_consent : s.mail_consent;
        return JSON.stringify([
          {
            ...head,
            "osdi:signature": {
              identifiers: [id(s.uuid)],
              status: s.status,
              created_date: iso(s.created_at),
              modified_date: iso(s.modified_at),
              comments: s.comment,
              "treatywatch:partner": s.partner_code,
              _links: { self: { href: `${api}/petitions/${s.petition_uuid}/signatures/${s.uuid}` }, "osdi:petition": { href: `${api}/petitions/${s.petition_uuid}` } },
              _embedded: { "osdi:person": person({ person_id: people.get(event.emailKey ?? "") ?? null, name: s.name, email: s.email, country: s.country_code, language: s.language, subscribed }) },
            },
          },
        ]);
      }
      case "letter.sent": {
        const l = letters.find((r) => r.id === String(event.data.letterId));
        if (!l) return null;
        const subscribed = audience === "partner" ? l.partner_consent : l.mail_consent;
        return JSON.stringify([
          {
            ...head,
            "osdi:outreach": {
              identifiers: [id(l.uuid)],
              type: "email",
              subject: l.subject,
              created_date: iso(l.created_at),
              modified_date: iso(l.modified_at),
              "treatywatch:partner": l.partner_code,
              _links: { self: { href: `${api}/advocacy_campaigns/${l.campaign_uuid}/outreaches/${l.uuid}` }, "osdi:advocacy_campaign": { href: `${api}/advocacy_campaigns/${l.campaign_uuid}` } },
              _embedded: { "osdi:person": person({ person_id: people.get(event.emailKey ?? "") ?? null, name: l.sender_name, email: l.sender_email, country: l.country_code, language: l.language, subscribed }) },
            },
          },
        ]);
      }
      case "country.status_changed": {
        const wanted = [event.data.statusChangeIds].flat().map(String);
        const rows = changes.filter((c) => wanted.includes(c.id));
        if (rows.length === 0) return null;
        return JSON.stringify([
          {
            ...head,
            "treatywatch:status_changes": rows.map((c) => ({
              treaty: c.treaty_slug,
              country: c.country_code,
              from_status: c.from_status,
              to_status: c.to_status,
              cause: c.cause,
              judged_on: String(c.judged_on),
              created_date: iso(c.created_at),
              _links: { "treatywatch:country": { href: `${publicUrl}/api/v1/countries/${c.country_code}` } },
            })),
          },
        ]);
      }
      case "update.sent": {
        const u = updates.find((r) => r.id === String(event.data.updateId));
        if (!u) return null;
        const campaign = u.petition_uuid
          ? { "osdi:petition": { href: `${api}/petitions/${u.petition_uuid}` } }
          : { "osdi:advocacy_campaign": { href: `${api}/advocacy_campaigns/${u.campaign_uuid}` } };
        return JSON.stringify([
          {
            ...head,
            "treatywatch:update": {
              audience: u.audience,
              public: u.public,
              recipients: u.enqueued,
              finished_date: iso(u.finished_at),
              _links: campaign,
            },
          },
        ]);
      }
    }
  };
}
