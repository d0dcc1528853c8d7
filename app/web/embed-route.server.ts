import type { Language } from "../lib/i18n/languages";
import type { EmbedKind } from "../modules/share/embed-protocol";
import { campaignPageUrl, embedCode, embedFrameId, embedPartnerCode, embedUrl } from "../modules/share/embed-snippet";

/**
 * What an embed keeps from the URL the partner's snippet opened it with: the
 * codes (only valid ones), the frame's id for its height messages, its own
 * path with all of them (the form posts there and comes back there), and the
 * campaign's full page with the codes (opened in a new tab).
 */
export function embedPassage(url: URL, lng: Language, kind: EmbedKind, slug: string) {
  const codes = { ref: embedCode(url.searchParams.get("ref")), partner: embedPartnerCode(url.searchParams.get("partner")) };
  const frame = embedFrameId(url.searchParams.get("frame"));
  return {
    codes,
    frame,
    selfPath: embedUrl({ origin: "", kind, slug, lng, ...codes }, frame),
    fullPage: campaignPageUrl({ origin: "", kind, slug, lng, ...codes }),
  };
}
