import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { hashClientAddress } from "../../lib/client-address.server";
import type { Config } from "../../lib/config.server";
import type { Language } from "../../lib/i18n/languages";
import { followIdFromConfirmToken, followIdFromUnsubscribeToken } from "../../lib/links/follow-links.server";
import { takeHit } from "../../lib/rate-limit.server";
import { checkFormToken, honeypotFilled, issueFormToken } from "../campaign/form-token.server";
import { canonicalCountrySegment, parseCountryCode } from "../country/country";
import { findCountryByCode, findTreatyBySlug } from "../country/country.repo.server";
import { enqueueMail, suppressAddress, suppressedAmong } from "../mail/outbox.repo.server";
import { readFollowValues, validateFollow, type FollowField, type FollowFormValues, type ValidFollow } from "./follow-form";
import { followAlreadyMail, followConfirmMail } from "./follow-mails.server";
import { canUnsubscribe, confirmOutcome, mayMailFollower, repeatFollowOutcome, type FollowConfirmOutcome, type UnsubscribeScope } from "./follow-status";
import { sortCountryFollowers, type CountryFollowers, type FollowerSort } from "./followers-by-country";
import {
  confirmedFollowers,
  confirmedFollowersByCountry,
  countActiveFollows,
  insertPendingFollow,
  lockActiveFollow,
  lockFollow,
  noteFollowMailed,
  setFollowConfirmed,
  unsubscribeFollows,
} from "./follow.repo.server";

/** Follows are asked for like signatures: the same fill time, per-client limits, link life and pacing of repeats. */
export type FollowConfig = Pick<Config["signing"], "minFillMs" | "formMaxAgeMs" | "perMinute" | "perHour" | "confirmTtlMs" | "resend">;

/** A country one may follow, by the code in the URL. */
export type FollowCountryLookup =
  | { kind: "not_found" }
  | { kind: "redirect"; segment: string }
  | { kind: "found"; treatyId: number; code3: string; code2: string; segment: string };

/** The country of `/:lng/countries/:code/follow`: one canonical spelling (lower-case alpha-3), the others redirect. */
export async function findFollowableCountry(db: Kysely<Database>, treatySlug: string, rawCode: string): Promise<FollowCountryLookup> {
  const parsed = parseCountryCode(rawCode);
  if (!parsed) return { kind: "not_found" };
  const [country, treaty] = await Promise.all([findCountryByCode(db, parsed.alphabet, parsed.code), findTreatyBySlug(db, treatySlug)]);
  if (!country || !treaty) return { kind: "not_found" };
  const segment = canonicalCountrySegment(country.code3);
  if (rawCode !== segment) return { kind: "redirect", segment };
  return { kind: "found", treatyId: treaty.id, code3: country.code3, code2: country.code2, segment };
}

export interface FollowSubmitContext {
  config: FollowConfig;
  secrets: readonly string[];
  clientAddress: string;
  now: Date;
  /** The country's name in a language (the mail's, which the follower chose). */
  countryNameIn: (lng: Language, code2: string) => string;
}

export type FollowSubmission =
  | { kind: "not_found" }
  | { kind: "invalid"; errors: Partial<Record<FollowField | "form", string>>; values: FollowFormValues }
  /** The same answer whether or not the address already followed the country. */
  | { kind: "followed"; segment: string };

/**
 * One POST of the follow form: the form token (from our page, for this treaty, not too fast),
 * the fields, then the follow in one transaction. Nothing is stored unless all is valid; a
 * form with the honeypot filled gets the usual answer and stores nothing.
 */
export async function submitFollow(
  db: Kysely<Database>,
  treatySlug: string,
  rawCode: string,
  form: { get(name: string): unknown },
  ctx: FollowSubmitContext,
): Promise<FollowSubmission> {
  const country = await findFollowableCountry(db, treatySlug, rawCode.toLowerCase());
  if (country.kind !== "found") return { kind: "not_found" };
  const values = readFollowValues(form);
  const token = checkFormToken(String(form.get("formToken") ?? ""), country.treatyId, ctx.now, ctx.config.formMaxAgeMs, ctx.secrets, "follow");
  if (!token.ok) return { kind: "invalid", errors: { form: "errors.formExpired" }, values };
  const checked = validateFollow(values);
  if (!checked.ok) return { kind: "invalid", errors: checked.errors, values };
  if (honeypotFilled(form)) return { kind: "followed", segment: country.segment };
  if (token.fillMs < ctx.config.minFillMs) return { kind: "invalid", errors: { form: "errors.tooFast" }, values };
  const outcome = await requestFollow(db, { country, follow: checked.follow, ipHash: hashClientAddress(ctx.clientAddress, ctx.secrets) }, ctx);
  if (outcome === "too_many") return { kind: "invalid", errors: { form: "errors.tooMany" }, values };
  return { kind: "followed", segment: country.segment };
}

export type FollowRequestOutcome = "mailed" | "nothing" | "too_many";

/**
 * Asks to follow a country, in one transaction: the client's limits (per minute and per hour,
 * as for signing), a pending follow and its confirmation mail; or, when the address already
 * follows the country (or waits to), the paced mail its state calls for (the confirmation
 * again, or "you already follow it"). The caller answers the same in every case.
 */
export async function requestFollow(
  db: Kysely<Database>,
  input: { country: { treatyId: number; code3: string; code2: string; segment: string }; follow: ValidFollow; ipHash: string },
  ctx: Pick<FollowSubmitContext, "config" | "now" | "countryNameIn">,
): Promise<FollowRequestOutcome> {
  const { country, follow } = input;
  const { config, now } = ctx;
  const about = (followId: string, mailNumber: number) => ({
    followId,
    mailNumber,
    email: follow.email,
    language: follow.language,
    countryName: ctx.countryNameIn(follow.language, country.code2),
    countrySegment: country.segment,
  });
  return db.transaction().execute(async (trx) => {
    const allowed =
      (await takeHit(trx, `follow:${input.ipHash}:m`, 60, config.perMinute)) && (await takeHit(trx, `follow:${input.ipHash}:h`, 3600, config.perHour));
    if (!allowed) return "too_many";
    const id = await insertPendingFollow(trx, { treatyId: country.treatyId, countryCode: country.code3, email: follow.email, emailKey: follow.emailKey, language: follow.language, now });
    if (id) {
      await enqueueMail(trx, followConfirmMail({ ...about(id, 1), confirmTtlMs: config.confirmTtlMs }));
      return "mailed";
    }
    const existing = await lockActiveFollow(trx, country.treatyId, country.code3, follow.emailKey);
    if (!existing) return "nothing";
    const repeat = repeatFollowOutcome(
      { status: existing.status, confirmationSentAt: new Date(existing.confirmation_sent_at), confirmationMails: existing.confirmation_mails },
      now,
      config.resend,
    );
    if (repeat === "resend_confirmation") {
      // A pending follow takes the language asked for last, and its link lives on from this mail.
      const number = await noteFollowMailed(trx, existing.id, now, follow.language);
      await enqueueMail(trx, followConfirmMail({ ...about(existing.id, number), confirmTtlMs: config.confirmTtlMs }));
      return "mailed";
    }
    if (repeat === "notify_already_following") {
      await enqueueMail(trx, followAlreadyMail(about(existing.id, await noteFollowMailed(trx, existing.id, now))));
      return "mailed";
    }
    return "nothing";
  });
}

/** What a follow's link pages show: its country, and the language of its mails. */
export interface FollowSubject {
  followId: string;
  code2: string;
  segment: string;
  language: string;
}

export type FollowConfirmResult = ({ kind: FollowConfirmOutcome } & FollowSubject) | { kind: "invalid" };

/**
 * A confirm link of a follow. `apply: false` (the GET page) says what the button would do
 * without doing it: mail scanners open links. The POST confirms a pending follow once.
 */
export async function confirmFollow(
  db: Kysely<Database>,
  token: string,
  ctx: { secrets: readonly string[]; now: Date; confirmTtlMs: number; apply: boolean },
): Promise<FollowConfirmResult> {
  const id = followIdFromConfirmToken(token, ctx.secrets);
  if (!id) return { kind: "invalid" };
  return db.transaction().execute(async (trx) => {
    const row = await lockFollow(trx, id, ctx.apply);
    if (!row) return { kind: "invalid" as const };
    const kind = confirmOutcome({ status: row.status, confirmationSentAt: new Date(row.confirmation_sent_at) }, ctx.now, { confirmTtlMs: ctx.confirmTtlMs });
    if (kind === "confirm" && ctx.apply) await setFollowConfirmed(trx, row.id, ctx.now);
    return { kind, ...subjectOf(row) };
  });
}

const subjectOf = (row: { id: string; code2: string; country_code: string; language: string }): FollowSubject => ({
  followId: row.id,
  code2: row.code2,
  segment: canonicalCountrySegment(row.country_code),
  language: row.language,
});

export type FollowUnsubscribeView =
  | { kind: "invalid" }
  | ({ kind: "found"; email: string; active: boolean; followsOther: boolean } & FollowSubject);

/** What the unsubscribe page of a follow offers (the GET: it changes nothing, scanners open links). */
export async function inspectFollowUnsubscribe(db: Kysely<Database>, token: string, secrets: readonly string[]): Promise<FollowUnsubscribeView> {
  const id = followIdFromUnsubscribeToken(token, secrets);
  if (!id) return { kind: "invalid" };
  return db.transaction().execute(async (trx) => {
    const row = await lockFollow(trx, id, false);
    if (!row) return { kind: "invalid" as const };
    const active = canUnsubscribe(row.status);
    const follows = await countActiveFollows(trx, row.email_key);
    return { kind: "found" as const, email: row.email, active, followsOther: follows - (active ? 1 : 0) > 0, ...subjectOf(row) };
  });
}

export type FollowUnsubscribeResult = { kind: "invalid" } | ({ kind: "done"; scope: UnsubscribeScope; follows: number } & FollowSubject);

/**
 * The POST behind the unsubscribe button, or a mail client's one-click (RFC 8058), in one
 * transaction: `country` stops this follow; `follows` every follow of the address (every
 * spelling of it); `everything` those too, and puts the address on the do-not-mail list.
 * Idempotent: a second click changes nothing.
 */
export async function unsubscribeFollow(
  db: Kysely<Database>,
  token: string,
  scope: UnsubscribeScope,
  ctx: { secrets: readonly string[]; now: Date },
): Promise<FollowUnsubscribeResult> {
  const id = followIdFromUnsubscribeToken(token, ctx.secrets);
  if (!id) return { kind: "invalid" };
  return db.transaction().execute(async (trx) => {
    const row = await lockFollow(trx, id, true);
    if (!row) return { kind: "invalid" as const };
    const follows = await unsubscribeFollows(trx, scope === "country" ? { id: row.id } : { emailKey: row.email_key }, ctx.now);
    if (scope === "everything") await suppressAddress(trx, row.email, "unsubscribed", ctx.secrets);
    return { kind: "done" as const, scope, follows, ...subjectOf(row) };
  });
}

/**
 * The followers of a country who may be mailed news of it now: confirmed, not unsubscribed,
 * and not on the do-not-mail list (unsubscribed from all mail, bounced, complained).
 */
export async function mailableFollowers(db: Kysely<Database>, treatyId: number, countryCode: string, secrets: readonly string[]) {
  const followers = await confirmedFollowers(db, treatyId, countryCode);
  const suppressed = await suppressedAmong(db, followers.map((f) => f.email), secrets);
  return followers
    .filter((f) => mayMailFollower(f, suppressed.has(f.email)).mail)
    .map(({ id, email, language }) => ({ followId: id, email, language }));
}

/** Confirmed followers per country, named in the page's language and sorted: the organizers' countries page and home. */
export async function followersByCountry(
  db: Kysely<Database>,
  input: { treatySlug: string; lng: Language; sort: FollowerSort; countryNameIn: (lng: Language, code2: string) => string },
): Promise<CountryFollowers[]> {
  const rows = await confirmedFollowersByCountry(db, input.treatySlug);
  const named = rows.map((r) => ({ code3: r.code3, name: input.countryNameIn(input.lng, r.code2), followers: r.followers }));
  return sortCountryFollowers(named, input.sort, input.lng);
}

/** After signing or writing: the follow form for the country the person acted from, or a choice of country. */
export type FollowOffer = { kind: "country"; segment: string; code2: string; formToken: string } | { kind: "choose" };

/**
 * What the page after signing or writing offers: it knows the country (from its URL) and never
 * the person, so the form is empty and the address goes only in the POST to the follow route.
 */
export async function followOffer(db: Kysely<Database>, input: { treatySlug: string; code: string | null; now: Date; secrets: readonly string[] }): Promise<FollowOffer> {
  if (!input.code) return { kind: "choose" };
  let country = await findFollowableCountry(db, input.treatySlug, input.code);
  // Any spelling of the code (`USA`, `us`) names the country here: no redirect to follow.
  if (country.kind === "redirect") country = await findFollowableCountry(db, input.treatySlug, country.segment);
  if (country.kind !== "found") return { kind: "choose" };
  return { kind: "country", segment: country.segment, code2: country.code2, formToken: issueFormToken(country.treatyId, input.now, input.secrets, "follow") };
}
