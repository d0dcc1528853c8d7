import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { seedDatabase } from "../../../db/seed";
import { seedDemoContent } from "../../../server/demo-content";
import type { PetitionRow } from "~/modules/petition/petition.repo.server";
import { applyCountChanges } from "~/modules/campaign/counter.server";
import { validateSignature } from "~/modules/petition/signature-form";
import { confirmSignature, inspectConfirmation, signPetition, withdrawSignature } from "~/modules/petition/signing.service.server";
import { decideSignature } from "~/modules/petition/moderation.service.server";
import { changeTrustedDomain, decideTrendingSource, raiseTrendingAlerts, trendingOverview, trustedDomainsPage } from "~/modules/petition/trending.service.server";
import { getPetitionApiView } from "~/modules/petition/petition-page.service.server";
import { readStoredMail, renderMail } from "../../../emails";
import { erasePerson, exportPersonData } from "~/modules/privacy/privacy.service.server";
import { openTestDatabase } from "../../support/database";
import { testConfig } from "../../support/test-config";
import { DEMO_PETITION, demoPetition, mailsTo, tokenFromMail, testSigningConfig } from "../../support/petition";

let handle: DatabaseHandle;
let petition: PetitionRow;
let admin: { id: number; email: string };
const secrets = ["test-secret"];
/** Two signatures an hour from one address or domain, then trending. */
const config = testSigningConfig({ perHour: 2, perDomainPerHour: 2, trendingRule: "hold" });

beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db);
  await seedDatabase(handle.db);
  await seedDemoContent(handle.db);
  petition = await demoPetition(handle.db);
  await handle.db.deleteFrom("organizers").execute();
  const rows = await handle.db
    .insertInto("organizers")
    .values([
      { email: "admin@ngo.example", role: "admin" },
      { email: "mod@ngo.example", role: "organizer" },
      { email: "viewer@ngo.example", role: "viewer" },
      { email: "gone@ngo.example", role: "organizer", active: false },
    ])
    .returning(["id", "email"])
    .execute();
  admin = rows[0]!;
  // A subscriber, so signature events are recorded.
  await handle.db
    .insertInto("webhook_subscriptions")
    .values({ url: "https://crm.example/hook", events: ["signature.confirmed"], partner_id: null, secret_sealed: "sealed", owner_email: "crm@ngo.example", created_by: "admin@ngo.example", api_key_id: null })
    .execute();
});
afterAll(async () => handle?.close());
beforeEach(async () => {
  for (const table of [
    "signature_repeats",
    "signatures",
    "outgoing_mails",
    "signature_count_changes",
    "petition_counts",
    "petition_country_counts",
    "rate_limit_hits",
    "trending_decisions",
    "trending_alerts",
    "trusted_domains",
    "trusted_domain_changes",
    "webhook_events",
    "audit_log",
  ] as const) {
    await handle.db.deleteFrom(table).execute();
  }
});

function person(email: string, country = "FRA") {
  const checked = validateSignature({ name: "Ann Lee", email, country, comment: "", showName: true, mailConsent: false }, "", () => true);
  if (!checked.ok) throw new Error("test person is invalid");
  return checked.signature;
}

const sign = async (email: string, ip: string, country = "FRA", signing = config) => {
  const result = await signPetition(
    handle.db,
    { petition, petitionTitle: "Title", signature: person(email, country), lng: "en", honeypotFilled: false, fillMs: 5000, ipHash: ip },
    { config: signing, now: new Date() },
  );
  if (result.kind !== "signed") throw new Error(`not signed: ${result.kind}`);
};

const confirm = async (email: string, signing = config) => {
  const [mail] = await mailsTo(handle.db, email);
  return confirmSignature(handle.db, tokenFromMail(mail!, "confirm", secrets), { config: signing, secrets, now: new Date() });
};
const inspect = async (email: string) => {
  const [mail] = await mailsTo(handle.db, email);
  return inspectConfirmation(handle.db, tokenFromMail(mail!, "confirm", secrets), { config, secrets, now: new Date() });
};
const statusOf = async (email: string) =>
  (await handle.db.selectFrom("signatures").select(["status", "trending", "confirmed_at"]).where("email", "=", email).executeTakeFirstOrThrow());
const counted = async () => {
  while ((await applyCountChanges(handle.db)) > 0) {
    // fold everything
  }
  return (await getPetitionApiView(handle.db, DEMO_PETITION, 0))!;
};

/** Four from univ.example on four addresses: the third and fourth trend by their domain. */
async function floodFromUniversity() {
  for (let i = 0; i < 4; i++) await sign(`s${i}@univ.example`, `addr-${i}-xxxxxxxx`, i % 2 === 0 ? "FRA" : "DEU");
}

describe("a flood from one organization", () => {
  it("mails every signer, marks the ones over the threshold trending, and raises one alert to those who moderate", async () => {
    await floodFromUniversity();
    const rows = await handle.db.selectFrom("signatures").select(["email", "status", "trending"]).orderBy("id").execute();
    expect(rows.map((r) => `${r.email}:${r.status}:${r.trending}`)).toEqual([
      "s0@univ.example:pending:null",
      "s1@univ.example:pending:null",
      "s2@univ.example:pending:domain",
      "s3@univ.example:pending:domain",
    ]);
    for (const r of rows) expect(await mailsTo(handle.db, r.email)).toHaveLength(1);

    expect(await raiseTrendingAlerts(handle.db, { mail: true })).toBe(1);
    const alerts = await handle.db.selectFrom("trending_alerts").selectAll().execute();
    expect(alerts).toMatchObject([{ source_kind: "domain", source_key: "univ.example", signatures: 2 }]);
    const mails = await handle.db.selectFrom("outgoing_mails").select(["recipient", "template", "language", "priority", "template_data"]).where("template", "=", "trending-alert").orderBy("recipient").execute();
    // Organizers and admins who are active; not viewers, not deactivated accounts.
    expect(mails.map((m) => m.recipient)).toEqual(["admin@ngo.example", "mod@ngo.example"]);
    expect(mails[0]).toMatchObject({ language: "en", priority: 1, template_data: { petitionSlug: DEMO_PETITION, sourceKind: "domain", sourceLabel: "univ.example", signatures: 2 } });
    const stored = readStoredMail("trending-alert", mails[0]!.template_data);
    expect(stored.ok).toBe(true);
    if (stored.ok && stored.mail.intent === "trending-alert") {
      const rendered = renderMail("trending-alert", { lng: "en", publicUrl: "https://tw.example" } as Parameters<typeof renderMail>[1], stored.mail.data);
      expect(rendered.subject).toMatch(/^Many signatures from one source: “.+”$/u);
      expect(rendered.text).toContain("univ.example");
      expect(rendered.text).toContain(`https://tw.example/en/organize/petitions/${DEMO_PETITION}`);
    }

    // Once: more from the same source, or the job running again, raise nothing new.
    await sign("s4@univ.example", "addr-9-xxxxxxxx");
    expect(await raiseTrendingAlerts(handle.db, { mail: true })).toBe(0);
    expect(await handle.db.selectFrom("outgoing_mails").select("id").where("template", "=", "trending-alert").execute()).toHaveLength(2);
  });

  it("raises the alert on the dashboard only when alert mail is off", async () => {
    await floodFromUniversity();
    expect(await raiseTrendingAlerts(handle.db, { mail: false })).toBe(1);
    expect(await handle.db.selectFrom("outgoing_mails").select("id").where("template", "=", "trending-alert").execute()).toHaveLength(0);
    const overview = await trendingOverview(handle.db, DEMO_PETITION, "hold");
    expect(overview!.sources).toMatchObject([{ kind: "domain", key: "univ.example", label: "univ.example", signatures: 2, pending: 2, held: 0, confirmed: 0, decision: null, trusted: false }]);
  });
});

describe("confirming a trending signature", () => {
  it("holds it under hold (not counted, confirmation kept) and counts the others", async () => {
    await floodFromUniversity();
    expect(await confirm("s0@univ.example")).toMatchObject({ kind: "confirmed", held: false });
    expect(await confirm("s2@univ.example")).toMatchObject({ kind: "confirmed", held: true });
    const held = await statusOf("s2@univ.example");
    expect(held.status).toBe("held");
    expect(held.confirmed_at).not.toBeNull();
    expect((await counted()).confirmedSignatures).toBe(1);
    // A repeat visit says the truth, with the reason, and a second POST changes nothing.
    expect(await inspect("s2@univ.example")).toEqual({ kind: "held", slug: DEMO_PETITION, source: "domain" });
    expect(await confirm("s2@univ.example")).toEqual({ kind: "held", slug: DEMO_PETITION, source: "domain" });
    expect((await counted()).confirmedSignatures).toBe(1);
    // Held is not (yet) a confirmed signature for webhook subscribers.
    const events = await handle.db.selectFrom("webhook_events").select(["event", "data"]).execute();
    expect(events.map((e) => e.event)).toEqual(["signature.confirmed"]);
  });

  it("counts it under the count rule", async () => {
    await floodFromUniversity();
    const counting = { ...config, trendingRule: "count" as const };
    expect(await confirm("s2@univ.example", counting)).toMatchObject({ kind: "confirmed", held: false });
    expect((await statusOf("s2@univ.example")).status).toBe("confirmed");
    expect((await counted()).confirmedSignatures).toBe(1);
  });

  it("follows the organizers' decision on its source over the default rule, either way", async () => {
    await floodFromUniversity();
    await decideTrendingSource(handle.db, { slug: DEMO_PETITION, source: { kind: "domain", key: "univ.example" }, decision: "count", note: "", actor: admin });
    expect(await confirm("s2@univ.example")).toMatchObject({ held: false });
    await decideTrendingSource(handle.db, { slug: DEMO_PETITION, source: { kind: "domain", key: "univ.example" }, decision: "hold", note: "looks odd", actor: admin });
    expect(await confirm("s3@univ.example", { ...config, trendingRule: "count" })).toMatchObject({ held: true });
    // Hold applies from then on: what counted stays counted.
    expect((await statusOf("s2@univ.example")).status).toBe("confirmed");
    expect((await counted()).confirmedSignatures).toBe(1);
  });
});

describe("deciding count for a source", () => {
  it("releases exactly its held signatures, each counted once, by country, in one go; and keeps the history", async () => {
    await floodFromUniversity();
    for (let i = 4; i < 7; i++) await sign(`s${i}@univ.example`, `addr-${i}-xxxxxxxx`, "DEU");
    // Another source that trends by its address, on the same petition: not released by the domain's decision.
    for (let i = 0; i < 3; i++) await sign(`p${i}@other${i}.example`, "same-network-hash");
    for (const email of ["s2@univ.example", "s3@univ.example", "s4@univ.example", "s5@univ.example", "p2@other2.example"]) {
      expect(await confirm(email)).toMatchObject({ held: true });
    }
    expect((await counted()).confirmedSignatures).toBe(0);

    const outcome = await decideTrendingSource(handle.db, { slug: DEMO_PETITION, source: { kind: "domain", key: "univ.example" }, decision: "count", note: "our university partner", actor: admin });
    expect(outcome).toEqual({ kind: "decided", released: 4 });
    const view = await counted();
    expect(view.confirmedSignatures).toBe(4);
    expect(view.byCountry).toEqual([
      { code: "DEU", count: 3 },
      { code: "FRA", count: 1 },
    ]);
    expect((await statusOf("p2@other2.example")).status).toBe("held");
    // Signature confirmed webhooks fire as they count: one per released signature.
    expect(await handle.db.selectFrom("webhook_events").select("id").where("event", "=", "signature.confirmed").execute()).toHaveLength(4);
    // Deciding count again releases nothing more and counts nothing twice.
    expect(await decideTrendingSource(handle.db, { slug: DEMO_PETITION, source: { kind: "domain", key: "univ.example" }, decision: "count", note: "", actor: admin })).toEqual({ kind: "decided", released: 0 });
    expect((await counted()).confirmedSignatures).toBe(4);

    // The network is its own source, shown by a label and never by its hash.
    const overview = (await trendingOverview(handle.db, DEMO_PETITION, "hold"))!;
    const network = overview.sources.find((s) => s.kind === "address")!;
    expect(network).toMatchObject({ key: "same-network-hash", held: 1, signatures: 1 });
    expect(network.label).toBe("net-samenetw");
    expect(overview.sources.find((s) => s.kind === "domain")).toMatchObject({ signatures: 5, confirmed: 4, held: 0, pending: 1, decision: "count", decidedBy: admin.email });
    expect(overview.history.map((h) => [h.decision, h.by, h.note])).toEqual([
      ["count", admin.email, ""],
      ["count", admin.email, "our university partner"],
    ]);
    const audit = await handle.db.selectFrom("audit_log").select(["action", "subject"]).orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["trending.count", "trending.count"]);
    expect(audit[0]!.subject).toBe(`${DEMO_PETITION}:domain:univ.example`);

    const address = await decideTrendingSource(handle.db, { slug: DEMO_PETITION, source: { kind: "address", key: "same-network-hash" }, decision: "count", note: "", actor: admin });
    expect(address).toEqual({ kind: "decided", released: 1 });
    expect((await counted()).confirmedSignatures).toBe(5);
  });

  it("refuses an unknown petition", async () => {
    expect(await decideTrendingSource(handle.db, { slug: "nope", source: { kind: "domain", key: "univ.example" }, decision: "count", note: "", actor: admin })).toEqual({ kind: "not_found" });
    expect(await handle.db.selectFrom("trending_decisions").select("id").execute()).toHaveLength(0);
  });
});

describe("the allow-list", () => {
  it("releases a domain's held signatures when it is added, never lets it trend again, and keeps every change", async () => {
    await floodFromUniversity();
    await confirm("s2@univ.example");
    await confirm("s3@univ.example");
    expect((await counted()).confirmedSignatures).toBe(0);

    expect(await changeTrustedDomain(handle.db, { change: "add", domain: "univ.example", note: "partner university", actor: admin })).toEqual({ kind: "added", released: 2 });
    expect((await counted()).confirmedSignatures).toBe(2);
    expect(await changeTrustedDomain(handle.db, { change: "add", domain: "univ.example", note: "again", actor: admin })).toEqual({ kind: "unchanged" });

    for (let i = 10; i < 15; i++) await sign(`s${i}@univ.example`, `addr-${i}-xxxxxxxx`);
    const fresh = await handle.db.selectFrom("signatures").select("trending").where("email", "like", "s1_@univ.example").execute();
    expect(fresh.map((r) => r.trending)).toEqual([null, null, null, null, null]);

    expect(await changeTrustedDomain(handle.db, { change: "remove", domain: "univ.example", note: "partnership ended", actor: admin })).toEqual({ kind: "removed" });
    expect(await changeTrustedDomain(handle.db, { change: "remove", domain: "univ.example", note: "", actor: admin })).toEqual({ kind: "unchanged" });
    const page = await trustedDomainsPage(handle.db);
    expect(page.domains).toEqual([]);
    expect(page.history.map((h) => [h.change, h.domain, h.note, h.changed_by_email])).toEqual([
      ["remove", "univ.example", "partnership ended", admin.email],
      ["add", "univ.example", "partner university", admin.email],
    ]);
    expect((await handle.db.selectFrom("audit_log").select("action").orderBy("id").execute()).map((a) => a.action)).toEqual(["trusted_domain.add", "trusted_domain.remove"]);
  });

  it("counts a trending signature from an allow-listed domain even when its network trends", async () => {
    for (let i = 0; i < 3; i++) await sign(`n${i}@newsroom.example`, "one-network-hash");
    expect((await statusOf("n2@newsroom.example")).trending).toBe("address");
    await changeTrustedDomain(handle.db, { change: "add", domain: "newsroom.example", note: "", actor: admin });
    expect(await confirm("n2@newsroom.example")).toMatchObject({ held: false });
    expect((await counted()).confirmedSignatures).toBe(1);
  });
});

describe("moderating a held signature", () => {
  it("releases one (it counts), rejects another (no count change), and its signer can still withdraw", async () => {
    await floodFromUniversity();
    for (let i = 4; i < 6; i++) await sign(`s${i}@univ.example`, `addr-${i}-xxxxxxxx`);
    for (const email of ["s2@univ.example", "s3@univ.example", "s4@univ.example"]) await confirm(email);
    const idOf = async (email: string) => (await handle.db.selectFrom("signatures").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
    const actor = admin;
    expect(await decideSignature(handle.db, { slug: DEMO_PETITION, signatureId: await idOf("s2@univ.example"), decision: "release", actor }, config)).toBe("counted");
    expect(await decideSignature(handle.db, { slug: DEMO_PETITION, signatureId: await idOf("s3@univ.example"), decision: "reject", actor }, config)).toBe("done");
    expect((await counted()).confirmedSignatures).toBe(1);
    expect((await statusOf("s3@univ.example")).status).toBe("rejected");
    expect(await inspect("s3@univ.example")).toEqual({ kind: "rejected", slug: DEMO_PETITION });
    expect(await inspect("s2@univ.example")).toMatchObject({ kind: "already_confirmed" });

    const [mail] = await mailsTo(handle.db, "s4@univ.example");
    const token = tokenFromMail(mail!, "withdraw", secrets);
    expect(await withdrawSignature(handle.db, token, secrets, true)).toEqual({ kind: "withdrawn", slug: DEMO_PETITION });
    expect((await counted()).confirmedSignatures).toBe(1);
    // Releasing what is no longer held does nothing.
    expect(await decideSignature(handle.db, { slug: DEMO_PETITION, signatureId: await idOf("s4@univ.example"), decision: "release", actor }, config)).toBe("not_applicable");
  });
});

describe("a held signature's person", () => {
  it("sees it, held and why, in their data export; erasing them removes it and changes no count", async () => {
    await floodFromUniversity();
    await confirm("s0@univ.example");
    await confirm("s2@univ.example");
    const exported = await exportPersonData(handle.db, "s2@univ.example", admin, secrets);
    expect(exported.signatures).toHaveLength(1);
    expect(exported.signatures[0]).toMatchObject({ petition: DEMO_PETITION, status: "held", trending: "domain" });
    expect(exported.signatures[0]!.confirmed_at).not.toBeNull();
    expect((await counted()).confirmedSignatures).toBe(1);
    const erased = await erasePerson(handle.db, "s2@univ.example", admin, secrets);
    expect(erased.signatures).toBe(1);
    expect((await counted()).confirmedSignatures).toBe(1);
    expect(await handle.db.selectFrom("signatures").select("id").where("email", "=", "s2@univ.example").execute()).toHaveLength(0);
  });
});

describe("configuration", () => {
  it("holds by default and mails alerts by default", () => {
    expect(testConfig().signing.trendingRule).toBe("hold");
    expect(testConfig().signing.trendingAlertMail).toBe(true);
  });
});
