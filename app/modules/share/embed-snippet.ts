import { isSupportedLanguage, type Language } from "../../lib/i18n/languages";
import { readPartnerCode } from "../partner/partner-link";
import { isReferralCode } from "../petition/signature-form";
import { CAMPAIGN_SEGMENT, EMBED_SCRIPT_PATH, FRAME_HEIGHT, type EmbedKind } from "./embed-protocol";

/**
 * What partners paste into their pages: an iframe of our embed and our small
 * listener script (embed-script.ts), which sets the iframe's height from the
 * embed's messages (embed-protocol.ts). Pure: the routes pass our origin.
 */

export interface EmbedCodes {
  /** Counted with the signature (the dashboard's referrals). */
  ref: string;
  /** The partner's name for itself: passed to the campaign's page. */
  partner: string;
}

export interface EmbedRequest extends EmbedCodes {
  /** Our absolute origin, e.g. https://treaty.example.org. */
  origin: string;
  kind: EmbedKind;
  slug: string;
  lng: Language;
}

export type EmbedCodeProblem = "organizeShare:errors.code";

/** What the organizer typed in the snippet form: a code is empty or a referral code (letters, digits, - and _, 6 to 32). */
export function readEmbedCodes(input: { ref?: string | null; partner?: string | null }): { codes: EmbedCodes; errors: Partial<Record<keyof EmbedCodes, EmbedCodeProblem>> } {
  const codes = { ref: (input.ref ?? "").trim(), partner: (input.partner ?? "").trim() };
  const errors: Partial<Record<keyof EmbedCodes, EmbedCodeProblem>> = {};
  if (codes.ref !== "" && !isReferralCode(codes.ref)) errors.ref = "organizeShare:errors.code";
  // A partner's short code (`eff`) is shorter than a referral code.
  if (codes.partner !== "" && !isReferralCode(codes.partner) && readPartnerCode(codes.partner) === null) errors.partner = "organizeShare:errors.code";
  return { codes, errors };
}

/** A code from a URL the embed was opened with: kept only when it is a valid code. */
export const embedCode = (value: string | null): string => (value !== null && isReferralCode(value) ? value : "");

/** A `?partner=` from a URL the embed was opened with: a partner's code (or, as before, a referral-shaped code). */
export const embedPartnerCode = (value: string | null): string => embedCode(value) || (readPartnerCode(value) ?? "");

/** The frame's id on the partner's page, also named in the height messages. */
export const frameId = (kind: EmbedKind, slug: string) => `treatywatch-${kind}-${slug}`;
const FRAME_ID = /^[A-Za-z0-9_-]{1,80}$/u;
export const embedFrameId = (value: string | null): string => (value !== null && FRAME_ID.test(value) ? value : "");

function query(params: Record<string, string>): string {
  const search = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== ""));
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

/** The embed's own address (always with `?lng=`), with the codes and the frame's id. */
export function embedUrl({ origin, kind, slug, lng, ref, partner }: EmbedRequest, frame = frameId(kind, slug)): string {
  return `${origin}/embed/${CAMPAIGN_SEGMENT[kind]}/${encodeURIComponent(slug)}${query({ lng, ref, partner, frame })}`;
}

/** The campaign's public page (for links, the QR code and the embed's "full page"), with the codes if any. */
export function campaignPageUrl({ origin, kind, slug, lng, ref, partner }: Omit<EmbedRequest, "partner"> & { partner?: string }): string {
  return `${origin}/${lng}/${CAMPAIGN_SEGMENT[kind]}/${encodeURIComponent(slug)}${query({ ref, partner: partner ?? "" })}`;
}

const ATTRIBUTE_ESCAPES: Record<string, string> = { "&": "&amp;", '"': "&quot;", "<": "&lt;", ">": "&gt;", "'": "&#39;" };
export const escapeAttribute = (text: string) => text.replace(/[&"<>']/gu, (c) => ATTRIBUTE_ESCAPES[c]!);

/**
 * The HTML an organizer copies: the iframe (its fixed height works without
 * JavaScript; the frame scrolls) and the listener that resizes it.
 */
export function embedSnippet(request: EmbedRequest, frameTitle: string): string {
  const iframe = [
    `<iframe id="${escapeAttribute(frameId(request.kind, request.slug))}"`,
    `src="${escapeAttribute(embedUrl(request))}"`,
    `title="${escapeAttribute(frameTitle)}"`,
    `width="100%" height="${FRAME_HEIGHT[request.kind]}" loading="lazy"`,
    `style="border:0;max-width:40rem;display:block" data-treatywatch-embed></iframe>`,
  ].join(" ");
  return `${iframe}\n<script src="${escapeAttribute(`${request.origin}${EMBED_SCRIPT_PATH}`)}" async></script>`;
}

/** The embed's language from a form or query: one of ours, else the page's. */
export function embedLanguage(value: string | null, fallback: Language): Language {
  const named = value ?? undefined;
  return isSupportedLanguage(named) ? named : fallback;
}
