/**
 * What the pages show of updates (no I/O): shared by the service that builds it and the
 * components that render it.
 */
import type { UpdateAudience, UpdateStatus } from "../../../db/schema";

export interface UpdateFigures {
  queued: number;
  sent: number;
  failed: number;
  /** Not sent: the address was on the do-not-mail list (bounced, complained, unsubscribed) when its turn came. */
  bounced: number;
  unsubscribed: number;
}

export interface UpdateView {
  id: string;
  status: UpdateStatus;
  audience: UpdateAudience;
  filters: {
    country: string | null;
    language: string | null;
    since: string | null;
  };
  defaultLanguage: string;
  public: boolean;
  sendAt: string | null;
  createdBy: string;
  sentBy: string | null;
  startedAt: string | null;
  enqueued: number;
  subject: string;
  languages: string[];
  figures: UpdateFigures;
}

export interface UpdateDetail extends UpdateView {
  texts: Record<string, { subject: string; body: string }>;
  /** Who would get it now (after the do-not-mail list when the audience is small enough to check each). */
  audienceSize: { count: number; exact: boolean };
  previews: { lng: string; subject: string; text: string; html: string }[];
}

export type UpdateUnsubscribeScope = "campaign" | "everything";

export function updateUnsubscribeScopeOf(value: unknown): UpdateUnsubscribeScope {
  return value === "everything" ? "everything" : "campaign";
}

export interface PublicUpdate {
  id: string;
  date: string;
  lng: string;
  subject: string;
  html: string;
}
