import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { seedDatabase } from "../../../db/seed";
import { followConfirmUrlFor, followUnsubscribeToken } from "~/lib/links/follow-links.server";
import { validateFollow } from "~/modules/follow/follow-form";
import { confirmFollow, findFollowableCountry, inspectFollowUnsubscribe, mailableFollowers, requestFollow, unsubscribeFollow } from "~/modules/follow/follow.service.server";
import { enqueueMail, suppressAddress } from "~/modules/mail/outbox.repo.server";
import { applyRetention, erasePerson, exportPersonData } from "~/modules/privacy/privacy.service.server";
import { openTestDatabase } from "../../support/database";
import { testConfig } from "../../support/test-config";

let handle: DatabaseHandle;
const secrets = ["test-secret"];
const config = testConfig().signing;
const T0 = new Date("2026-12-05T12:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
let actor: { id: number; email: string };
let france: { treatyId: number; code3: string; code2: string; segment: string };
let peru: typeof france;

beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db);
  await seedDatabase(handle.db);
  const slug = testConfig().treaty.slug;
  const found = await findFollowableCountry(handle.db, slug, "fra");
  const other = await findFollowableCountry(handle.db, slug, "per");
  if (found.kind !== "found" || other.kind !== "found") throw new Error("no France or Peru in the seed");
  france = found;
  peru = other;
  actor = await handle.db.insertInto("organizers").values({ email: "admin@example.org", role: "admin" }).returning(["id", "email"]).executeTakeFirstOrThrow();
});
afterAll(async () => handle?.close());
beforeEach(async () => {
  await handle.db.deleteFrom("country_follows").execute();
  await handle.db.deleteFrom("outgoing_mails").execute();
  await handle.db.deleteFrom("rate_limit_hits").execute();
  await handle.db.deleteFrom("mail_suppressions").execute();
});

function valid(email: string, language = "en") {
  const checked = validateFollow({ email, language });
  if (!checked.ok) throw new Error("invalid test address");
  return checked.follow;
}

const follow = (email: string, { country = france, language = "en", now = T0, ip = "ip-1", perMinute = config.perMinute } = {}) =>
  requestFollow(
    handle.db,
    { country, follow: valid(email, language), ipHash: ip },
    { config: { ...config, perMinute }, now, countryNameIn: (lng, code2) => `${code2}@${lng}` },
  );

const follows = () => handle.db.selectFrom("country_follows").selectAll().orderBy("id").execute();
const mails = () => handle.db.selectFrom("outgoing_mails").select(["recipient", "template", "template_data", "language"]).orderBy("id").execute();

async function confirmTokenOf(email: string): Promise<string> {
  const mail = (await mails()).findLast((m) => m.recipient === email && m.template === "follow-confirm");
  if (!mail) throw new Error(`no confirmation mail to ${email}`);
  return new URL(followConfirmUrlFor(String(mail.template_data.followId), "https://x", "en", secrets)).pathname.split("/")[2]!;
}

async function confirmed(email: string, country = france): Promise<string> {
  await follow(email, { country });
  const token = await confirmTokenOf(email);
  const result = await confirmFollow(handle.db, token, { secrets, now: at(1), confirmTtlMs: config.confirmTtlMs, apply: true });
  if (result.kind !== "confirm") throw new Error(`not confirmed: ${result.kind}`);
  return result.followId;
}

describe("following a country", () => {
  it("stores a pending follow and queues its confirmation mail in the chosen language, one transaction", async () => {
    expect(await follow("Ann@Example.org", { language: "fr" })).toBe("mailed");
    const [row] = await follows();
    expect(row).toMatchObject({ email: "Ann@example.org", email_key: "ann@example.org", language: "fr", status: "pending", country_code: "FRA", confirmation_mails: 1 });
    const [mail] = await mails();
    expect(mail).toMatchObject({ recipient: "Ann@example.org", template: "follow-confirm", language: "fr" });
    expect(mail!.template_data).toEqual({ followId: row!.id, countryName: "FR@fr", countrySegment: "fra", linkDays: 30 });
  });

  it("a second request for the same address (any spelling) adds no row; it mails again only when paced", async () => {
    await follow("ann@example.org");
    expect(await follow("ANN+x@example.org", { now: at(1) })).toBe("nothing");
    expect(await follows()).toHaveLength(1);
    expect(await mails()).toHaveLength(1);
    expect(await follow("ann@example.org", { now: at(6), language: "es" })).toBe("mailed");
    expect(await follows()).toHaveLength(1);
    expect((await follows())[0]).toMatchObject({ confirmation_mails: 2, language: "es" });
    expect((await mails()).map((m) => [m.template, m.language])).toEqual([["follow-confirm", "en"], ["follow-confirm", "es"]]);
  });

  it("a repeat for a confirmed follow tells its owner they already follow, and changes nothing else", async () => {
    await confirmed("ann@example.org");
    expect(await follow("ann@example.org", { now: at(10), language: "ru" })).toBe("mailed");
    const [row] = await follows();
    expect(row).toMatchObject({ status: "confirmed", language: "en" });
    expect((await mails()).map((m) => m.template)).toEqual(["follow-confirm", "follow-already"]);
    expect((await mails())[1]!.language).toBe("ru");
  });

  it("one follow per country: the same address may follow another country", async () => {
    await follow("ann@example.org");
    await follow("ann@example.org", { country: peru });
    expect((await follows()).map((f) => f.country_code)).toEqual(["FRA", "PER"]);
  });

  it("limits a client as signing does, and a refused request stores nothing", async () => {
    expect(await follow("a@example.org", { perMinute: 2 })).toBe("mailed");
    expect(await follow("b@example.org", { perMinute: 2 })).toBe("mailed");
    expect(await follow("c@example.org", { perMinute: 2 })).toBe("too_many");
    expect(await follow("c@example.org", { perMinute: 2, ip: "ip-2" })).toBe("mailed");
    expect((await follows()).map((f) => f.email)).toEqual(["a@example.org", "b@example.org", "c@example.org"]);
  });

  it("the database refuses what the rules refuse", async () => {
    await follow("ann@example.org");
    const [row] = await follows();
    await expect(handle.db.updateTable("country_follows").set({ status: "confirmed" }).where("id", "=", row!.id).execute()).rejects.toThrow();
    await expect(handle.db.updateTable("country_follows").set({ status: "gone" as never }).where("id", "=", row!.id).execute()).rejects.toThrow();
    await expect(
      handle.db.insertInto("country_follows").values({ treaty_id: france.treatyId, country_code: "FRA", email: "ann@example.org", email_key: "ann@example.org", language: "en" }).execute(),
    ).rejects.toThrow();
  });
});

describe("confirming", () => {
  it("the GET's look changes nothing; the POST confirms once; later clicks say it is done", async () => {
    await follow("ann@example.org");
    const token = await confirmTokenOf("ann@example.org");
    const ctx = { secrets, now: at(1), confirmTtlMs: config.confirmTtlMs };
    expect(await confirmFollow(handle.db, token, { ...ctx, apply: false })).toMatchObject({ kind: "confirm", segment: "fra", code2: "FR" });
    expect((await follows())[0]!.status).toBe("pending");
    expect((await confirmFollow(handle.db, token, { ...ctx, apply: true })).kind).toBe("confirm");
    expect((await follows())[0]).toMatchObject({ status: "confirmed" });
    expect((await follows())[0]!.confirmed_at).not.toBeNull();
    expect((await confirmFollow(handle.db, token, { ...ctx, apply: true })).kind).toBe("already_confirmed");
    expect((await confirmFollow(handle.db, "nonsense", { ...ctx, apply: true })).kind).toBe("invalid");
  });

  it("an old link expires", async () => {
    await follow("ann@example.org");
    const token = await confirmTokenOf("ann@example.org");
    expect((await confirmFollow(handle.db, token, { secrets, now: new Date(T0.getTime() + config.confirmTtlMs + 1), confirmTtlMs: config.confirmTtlMs, apply: true })).kind).toBe("expired");
    expect((await follows())[0]!.status).toBe("pending");
  });
});

describe("unsubscribing", () => {
  it("from one country, from every country followed, or from all mail", async () => {
    const fra = await confirmed("ann@example.org");
    const per = await confirmed("Ann+peru@example.org", peru);
    await confirmed("bob@example.org");
    const view = await inspectFollowUnsubscribe(handle.db, followUnsubscribeToken(fra, secrets), secrets);
    expect(view).toMatchObject({ kind: "found", email: "ann@example.org", active: true, followsOther: true, segment: "fra" });
    // Looking changes nothing.
    expect((await follows()).every((f) => f.status === "confirmed")).toBe(true);

    expect(await unsubscribeFollow(handle.db, followUnsubscribeToken(fra, secrets), "country", { secrets, now: at(2) })).toMatchObject({ kind: "done", follows: 1 });
    expect(Object.fromEntries((await follows()).map((f) => [f.email, f.status]))).toEqual({ "ann@example.org": "unsubscribed", "Ann+peru@example.org": "confirmed", "bob@example.org": "confirmed" });
    // A second click changes nothing.
    expect(await unsubscribeFollow(handle.db, followUnsubscribeToken(fra, secrets), "country", { secrets, now: at(3) })).toMatchObject({ kind: "done", follows: 0 });

    expect(await unsubscribeFollow(handle.db, followUnsubscribeToken(fra, secrets), "follows", { secrets, now: at(4) })).toMatchObject({ follows: 1 });
    expect((await follows()).find((f) => f.id === per)!.status).toBe("unsubscribed");
    expect(await mailableFollowers(handle.db, france.treatyId, "FRA", secrets)).toEqual([expect.objectContaining({ email: "bob@example.org" })]);
    expect(await handle.db.selectFrom("mail_suppressions").selectAll().execute()).toEqual([]);

    const bob = (await follows()).find((f) => f.email === "bob@example.org")!.id;
    await unsubscribeFollow(handle.db, followUnsubscribeToken(bob, secrets), "everything", { secrets, now: at(5) });
    expect(await handle.db.selectFrom("mail_suppressions").select("reason").execute()).toEqual([{ reason: "unsubscribed" }]);
    expect(await mailableFollowers(handle.db, france.treatyId, "FRA", secrets)).toEqual([]);
  });

  it("a follow stopped leaves room for a new one, which must be confirmed again", async () => {
    const fra = await confirmed("ann@example.org");
    await unsubscribeFollow(handle.db, followUnsubscribeToken(fra, secrets), "country", { secrets, now: at(2) });
    expect(await follow("ann@example.org", { now: at(3) })).toBe("mailed");
    expect((await follows()).map((f) => f.status)).toEqual(["unsubscribed", "pending"]);
    expect(await mailableFollowers(handle.db, france.treatyId, "FRA", secrets)).toEqual([]);
  });

  it("news goes only to confirmed followers whose address is not on the do-not-mail list (bounced, say)", async () => {
    await confirmed("ann@example.org");
    await confirmed("bob@example.org");
    await follow("carol@example.org");
    await suppressAddress(handle.db, "BOB+x@example.org", "bounced", secrets);
    expect((await mailableFollowers(handle.db, france.treatyId, "FRA", secrets)).map((f) => f.email)).toEqual(["ann@example.org"]);
  });
});

describe("privacy", () => {
  it("an erasure removes every follow of every spelling of the address, and the mails about them; an export lists them", async () => {
    await confirmed("Ann.Lee@gmail.com");
    await follow("annlee+peru@googlemail.com", { country: peru });
    await confirmed("bob@example.org");
    const exported = await exportPersonData(handle.db, "annlee@gmail.com", actor, secrets);
    expect(exported.follows.map((f) => [f.country_code, f.status])).toEqual([["FRA", "confirmed"], ["PER", "pending"]]);
    expect(exported.follows[0]).not.toHaveProperty("email_key");
    const erased = await erasePerson(handle.db, "annlee@gmail.com", actor, secrets);
    expect(erased.follows).toBe(2);
    expect((await follows()).map((f) => f.email)).toEqual(["bob@example.org"]);
    expect((await mails()).map((m) => m.recipient)).toEqual(["bob@example.org"]);
  });

  it("an erasure removes the alert mails still queued for the person's follows, whatever the spelling of the address", async () => {
    const ann = await confirmed("Ann.Lee@gmail.com");
    const bob = await confirmed("bob@example.org");
    const alert = (recipient: string, followId: string) =>
      enqueueMail(handle.db, {
        recipient,
        template: "country-alert",
        templateData: { alertId: "7", followId, countryName: "France", countrySegment: "fra", certainty: "confirmed", status: "signed", fromStatus: "not_signed", sourceUrl: null, actedOn: null, actions: [] },
        language: "en",
        idempotencyKey: `country-alert:7:${followId}`,
      });
    await alert("Ann.Lee@gmail.com", ann);
    await alert("bob@example.org", bob);
    const erased = await erasePerson(handle.db, "annlee+news@googlemail.com", actor, secrets);
    expect(erased.follows).toBe(1);
    const left = await mails();
    expect(left.filter((m) => m.template === "country-alert").map((m) => [m.recipient, m.template_data.followId])).toEqual([["bob@example.org", bob]]);
    expect(left.map((m) => m.recipient)).not.toContain("Ann.Lee@gmail.com");
  });

  it("retention deletes follows never confirmed, and stopped ones, after the period of unconfirmed signatures, with their mails", async () => {
    const policy = testConfig().retention;
    const old = new Date(Date.now() - (policy.unconfirmedDays + 1) * 86_400_000);
    await follow("old@example.org", { now: old });
    await follow("new@example.org", { now: new Date() });
    await confirmed("kept@example.org");
    await handle.db.updateTable("country_follows").set({ created_at: old }).where("email", "=", "kept@example.org").execute();
    const stopped = await confirmed("stopped@example.org");
    await unsubscribeFollow(handle.db, followUnsubscribeToken(stopped, secrets), "country", { secrets, now: old });
    const result = await applyRetention(handle.db, new Date(), policy);
    expect(result).toMatchObject({ deletedFollows: 2, deletedMails: 2 });
    expect((await follows()).map((f) => f.email).sort()).toEqual(["kept@example.org", "new@example.org"]);
    expect((await mails()).map((m) => m.recipient).sort()).toEqual(["kept@example.org", "new@example.org"]);
  });
});
