import type { Config } from "../../lib/config.server";

/** How petitions are signed: fill time, limits, link lives (SIGN_* and CONFIRM_LINK_DAYS; the configuration's `signing`). */
export type SigningConfig = Config["signing"];
