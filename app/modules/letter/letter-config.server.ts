import type { Config } from "../../lib/config.server";

/** How letters are written: limits, fill time, link and follow-up times (LETTER*; the configuration's `letters`). */
export type LetterConfig = Config["letters"];
