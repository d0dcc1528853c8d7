/**
 * How an embedded campaign and the partner's page talk (ADR 36). The embed
 * posts `{ type: EMBED_MESSAGE_TYPE, height, id }` to its parent whenever its
 * content changes size; our listener script (served at EMBED_SCRIPT_PATH)
 * sets that iframe's height. Kept apart so the browser bundle takes only this.
 */
export const EMBED_MESSAGE_TYPE = "treatywatch:height";
export const EMBED_SCRIPT_PATH = "/embed.js";

export type EmbedKind = "petition" | "letter";
/** Each kind's segment in our paths: /en/petitions/…, /embed/letters/…. */
export const CAMPAIGN_SEGMENT: Record<EmbedKind, string> = { petition: "petitions", letter: "letters" };

export interface EmbedHeightMessage {
  type: typeof EMBED_MESSAGE_TYPE;
  height: number;
  /** The iframe's id on the partner's page, from the embed's `?frame=`. */
  id: string;
}

/** The iframe's height before (or without) JavaScript: the whole sign form of a petition, a letter campaign's card. */
export const FRAME_HEIGHT: Record<EmbedKind, number> = { petition: 760, letter: 380 };
/** The listener never makes a frame smaller or larger than this, whatever a message says. */
export const FRAME_HEIGHT_LIMITS = { min: 120, max: 6000 } as const;
