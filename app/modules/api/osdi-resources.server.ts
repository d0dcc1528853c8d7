import { osdiIdentifier } from "../../lib/osdi/hal";
import { encodeCursor, splitName, totalPages, type PageRequest } from "../../lib/osdi/paging";
import type { ApiCaller } from "./api-scopes";
import type { CampaignRecord, OutreachRecord, PersonRecord, PetitionRecord, SignatureRecord } from "./osdi.service.server";
import type { Page } from "./osdi-sync.server";

/** How our rows read as OSDI 1.1 resources (the Action Network v2 dialect); docs/api.md has the table. */

export const API_ROOT = "/api/osdi/v1";
export const ORIGIN_SYSTEM = "Treaty Watch";

/** The curie every `osdi:` link relation expands by, as Action Network gives it. */
export const CURIES = [{ name: "osdi", href: "https://osdi-docs.opensupporter.org/{rel}", templated: true }];

const iso = (value: Date | string) => new Date(value).toISOString();
// modified_date is given to the microsecond (as stored), so `modified_date gt '<last one seen>'` never lists a row again.
const link = (base: string, path: string) => ({ href: `${base}${API_ROOT}${path}` });

export interface Urls {
  /** Where this API answers, as the client reached it (`https://example.org`). */
  api: string;
  /** The public site, for browser_url. */
  site: string;
}

export function petitionResource(p: PetitionRecord, urls: Urls) {
  return {
    identifiers: [osdiIdentifier(p.uuid)],
    origin_system: ORIGIN_SYSTEM,
    created_date: iso(p.created_at),
    modified_date: p.cursor_at ?? iso(p.modified_at),
    title: p.title,
    description: p.body_markdown,
    petition_text: p.addressed_to,
    target: p.addressed_to === "" ? [] : [{ name: p.addressed_to }],
    browser_url: `${urls.site}/${p.default_language}/petitions/${p.slug}`,
    total_signatures: Number(p.total),
    "treatywatch:status": p.status,
    _links: {
      self: link(urls.api, `/petitions/${p.uuid}`),
      "osdi:signatures": link(urls.api, `/petitions/${p.uuid}/signatures`),
      "osdi:record_signature_helper": link(urls.api, `/petitions/${p.uuid}/signatures`),
    },
  };
}

export function campaignResource(c: CampaignRecord, urls: Urls) {
  return {
    identifiers: [osdiIdentifier(c.uuid)],
    origin_system: ORIGIN_SYSTEM,
    created_date: iso(c.created_at),
    modified_date: c.cursor_at ?? iso(c.modified_at),
    title: c.title,
    description: c.intro,
    browser_url: `${urls.site}/${c.default_language}/letters/${c.slug}`,
    total_outreaches: Number(c.total),
    "treatywatch:status": c.status,
    _links: {
      self: link(urls.api, `/advocacy_campaigns/${c.uuid}`),
      "osdi:outreaches": link(urls.api, `/advocacy_campaigns/${c.uuid}/outreaches`),
    },
  };
}

export function signatureResource(s: SignatureRecord, urls: Urls) {
  return {
    identifiers: [osdiIdentifier(s.uuid)],
    created_date: iso(s.created_at),
    modified_date: s.cursor_at ?? iso(s.modified_at),
    ...(s.comment ? { comments: s.comment } : {}),
    /** confirmed, or withdrawn (the person took their name back); pending only in the record-signature answer. */
    "treatywatch:status": s.status,
    ...(s.partner_code ? { referrer_data: { source: s.partner_code } } : {}),
    _links: {
      self: link(urls.api, `/petitions/${s.petition_uuid}/signatures/${s.uuid}`),
      "osdi:petition": link(urls.api, `/petitions/${s.petition_uuid}`),
      ...(s.person_uuid ? { "osdi:person": link(urls.api, `/people/${s.person_uuid}`) } : {}),
    },
  };
}

export function outreachResource(o: OutreachRecord, urls: Urls) {
  const targets = typeof o.targets === "string" ? (JSON.parse(o.targets) as { name: string; title: string }[]) : o.targets;
  return {
    identifiers: [osdiIdentifier(o.uuid)],
    created_date: iso(o.created_at),
    modified_date: o.cursor_at ?? iso(o.modified_at),
    type: "email",
    subject: o.subject,
    targets: targets.map((t) => ({ title: t.title, ...splitName(t.name) })),
    ...(o.partner_code ? { referrer_data: { source: o.partner_code } } : {}),
    _links: {
      self: link(urls.api, `/advocacy_campaigns/${o.campaign_uuid}/outreaches/${o.uuid}`),
      "osdi:advocacy_campaign": link(urls.api, `/advocacy_campaigns/${o.campaign_uuid}`),
      ...(o.person_uuid ? { "osdi:person": link(urls.api, `/people/${o.person_uuid}`) } : {}),
    },
  };
}

/** `subscribed` only where the person agreed that THIS caller (the platform, or the key's partner) may mail them. */
export function emailStatus(p: PersonRecord, caller: ApiCaller): "subscribed" | "unsubscribed" {
  if (!p.consented) return "unsubscribed";
  // The do-not-mail list is the platform's: someone who unsubscribed from us is not ours to mail.
  if (caller.partnerId === null && p.suppressed) return "unsubscribed";
  return "subscribed";
}

export function personResource(p: PersonRecord, caller: ApiCaller, urls: Urls) {
  return {
    identifiers: [osdiIdentifier(p.uuid)],
    origin_system: ORIGIN_SYSTEM,
    created_date: iso(p.created_at),
    modified_date: p.cursor_at ?? iso(p.modified_at),
    ...splitName(p.name),
    email_addresses: [{ address: p.email, primary: true, status: emailStatus(p, caller) }],
    postal_addresses: p.country2 ? [{ primary: true, country: p.country2 }] : [],
    languages_spoken: [p.language],
    _links: {
      self: link(urls.api, `/people/${p.uuid}`),
      "osdi:signatures": link(urls.api, `/people/${p.uuid}/signatures`),
      "osdi:outreaches": link(urls.api, `/people/${p.uuid}/outreaches`),
    },
  };
}

/**
 * A collection page: `total_pages`, `total_records`, `page`, `per_page`, the items under
 * `_embedded[osdi:<rel>]`, and `_links` self/next/previous (next carries a keyset cursor and the page).
 */
export function collection<R>(rel: string, page: Page<R>, request: PageRequest, url: URL, items: unknown[]) {
  const withParams = (changes: Record<string, string | null>) => {
    const next = new URL(url);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.searchParams.delete(k);
      else next.searchParams.set(k, v);
    }
    return { href: next.toString() };
  };
  const links: Record<string, unknown> = {
    self: { href: url.toString() },
    [`osdi:${rel}`]: items.map((item) => (item as { _links: { self: unknown } })._links.self),
    curies: CURIES,
  };
  if (page.next) links.next = withParams({ page: String(request.page + 1), per_page: String(request.perPage), cursor: encodeCursor(page.next) });
  // Without a cursor a previous page is an offset page; with one, going back means starting over.
  if (request.page > 1 && !request.cursor) links.previous = withParams({ page: String(request.page - 1), cursor: null });
  return {
    total_pages: totalPages(page.total, request.perPage),
    per_page: request.perPage,
    page: request.page,
    total_records: page.total,
    _links: links,
    _embedded: { [`osdi:${rel}`]: items },
  };
}
