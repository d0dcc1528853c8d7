import type { ColumnType, Generated, RawBuilder } from "kysely";

/** A `date` column: read and written as an ISO `YYYY-MM-DD` string on both drivers. */
export type IsoDate = string;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type CountryKind = "member_state" | "observer_state" | "organization";
/** The facts organizers record by hand today. */
export type TreatyActionKind = "signature" | "ratification";
/** Every kind of fact a treaty action can be (the depositary's vocabulary, `treaty-facts.ts`). */
export type TreatyFactAction =
  | TreatyActionKind
  | "acceptance"
  | "approval"
  | "accession"
  | "succession"
  | "formal_confirmation"
  | "declaration_or_reservation"
  | "domestic_step"
  | "statement";
export type FactConfidence = "depositary" | "official" | "press" | "reported";
export type ParticipantKindColumn = "state" | "regional_organization";
export type LeadKind = TreatyFactAction | "process_event" | "reported_total";
export type LeadStatus = "open" | "confirmed" | "dismissed";
export type FactChangeCause = "manual" | "import" | "lead";
export type ParticipantStatusColumn = "not_signed" | "not_joined" | "signed" | "domestic_approval_reported" | "party" | "in_force";
export type Stance = "supports" | "opposes" | "mixed" | "unknown";
export type VoteChoice = "yes" | "no" | "abstain" | "absent";

export interface CountriesTable {
  /** ISO 3166-1 alpha-3, upper case; `EUU` for the European Union. */
  code3: string;
  /** ISO 3166-1 alpha-2, upper case; `EU` for the European Union. */
  code2: string;
  kind: CountryKind;
  /** The UN short name in English, as used in UN documents. */
  reference_name: string;
  /** Geographic region and sub-region (UN geoscheme). */
  region: string;
  subregion: string;
  /** UN regional group (African Group, WEOG, …); null where none. */
  un_regional_group: string | null;
  /** Derived from `kind`: the EU is a regional organization, everyone else a state. */
  participant_kind: ColumnType<ParticipantKindColumn, never, never>;
}

export interface TreatiesTable {
  id: Generated<number>;
  slug: string;
  /** Ratifications needed before the treaty enters into force. */
  ratifications_for_entry_into_force: number;
  adopted_on: IsoDate | null;
  opened_for_signature_on: IsoDate | null;
  source_url: string;
  /** The treaty's own rules; all set or all null (`TreatyParameters`). */
  signature_closes_on: ColumnType<IsoDate | null, IsoDate | null | undefined, IsoDate | null>;
  days_to_entry_into_force: ColumnType<number | null, number | null | undefined, number | null>;
  days_to_entry_into_force_for_later_party: ColumnType<number | null, number | null | undefined, number | null>;
  counting_participant_kinds: ColumnType<ParticipantKindColumn[] | null, ParticipantKindColumn[] | null | undefined, ParticipantKindColumn[] | null>;
  /** The day our facts were last compared with the depositary's record; null until then. */
  depositary_checked_on: ColumnType<IsoDate | null, IsoDate | null | undefined, IsoDate | null>;
}

/**
 * What one participant did about a treaty, a fact with a source: one signature and one instrument
 * of each kind per participant; domestic steps, declarations and statements one per source.
 */
export interface TreatyActionsTable {
  id: Generated<number>;
  treaty_id: number;
  country_code: string;
  action: TreatyFactAction;
  /** Null when the source does not confirm the exact day (see `notes`). */
  acted_on: IsoDate | null;
  source_url: string;
  notes: string;
  confidence: FactConfidence;
  /** Declarations and reservations only: their text (or our summary of it) and a link to it. */
  declaration_text: ColumnType<string | null, string | null | undefined, string | null>;
  declaration_url: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** What a statement says and where it was said, whoever made it. */
interface StatementColumns {
  id: Generated<number>;
  treaty_id: number;
  stated_on: IsoDate | null;
  stance: Stance;
  summary: string;
  source_url: string;
  /** How sure we are that it was said (migration 2026-12-05T0300): the same scale as treaty facts. */
  confidence: FactConfidence;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A statement by a participant (a State or the EU). */
export interface CountryStatementsTable extends StatementColumns {
  country_code: string;
}

/** A statement by someone who is not a participant: civil society, companies, public bodies. */
export interface ActorStatementsTable extends StatementColumns {
  actor_name: string;
}

/** A mention too weak to publish, for organizers to confirm with a better source or dismiss. */
export interface TreatyLeadsTable {
  id: Generated<number>;
  treaty_id: number;
  /** Null for the process as a whole and for totals that name no participant. */
  country_code: string | null;
  kind: LeadKind;
  occurred_on: IsoDate | null;
  detail: string;
  source_url: string;
  source_title: ColumnType<string, string | undefined, string>;
  notes: ColumnType<string, string | undefined, string>;
  confidence: "press" | "reported" | "low";
  status: ColumnType<LeadStatus, LeadStatus | undefined, LeadStatus>;
  resolved_by: number | null;
  resolved_by_email: string | null;
  resolved_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  confirmed_source_url: string | null;
  resolution_note: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
}

export interface TimelineEventsTable {
  id: Generated<number>;
  treaty_id: number;
  occurred_on: IsoDate;
  event: string;
  source_url: string;
}

/** One recorded vote (a resolution or an amendment), with its tally. */
export interface RecordedVotesTable {
  id: Generated<number>;
  treaty_id: number;
  /** The document symbol or our id for it, e.g. `A/RES/74/247`. */
  reference: string;
  body: string;
  voted_on: IsoDate;
  description: string;
  yes_count: number;
  no_count: number;
  abstain_count: number;
  /** Null when the source gives no absentee count. */
  absent_count: number | null;
  source_url: string;
}

export interface CountryVotesTable {
  recorded_vote_id: number;
  country_code: string;
  vote: VoteChoice;
  source_url: string;
  /** Null as loaded from the sources; set when an organizer corrects the vote. */
  updated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export type OutgoingMailStatus = "queued" | "sending" | "sent" | "failed" | "suppressed";

/** The outbox: every mail is a row first, written in the transaction that caused it. */
export interface OutgoingMailsTable {
  id: ColumnType<string, never, never>;
  recipient: string;
  template: string;
  template_data: ColumnType<Record<string, unknown>, Record<string, unknown>, Record<string, unknown>>;
  language: string;
  idempotency_key: string;
  status: ColumnType<OutgoingMailStatus, OutgoingMailStatus | undefined, OutgoingMailStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  lease_expires_at: Date | string | null;
  last_error: string | null;
  provider_message_id: string | null;
  created_at: Timestamp;
  sent_at: Date | string | null;
  /** Letters: replies go to the sender, not to the platform. */
  reply_to: ColumnType<string | null, string | null | undefined, string | null>;
  /** A finished mail's personal content was removed (retention, erasure); its delivery facts stay. */
  content_removed_at: ColumnType<Date | null, never, Date | string | null>;
  /** 0 goes first (confirmations, letters, sign-in), 1 after (alerts and other bulk mail). */
  priority: ColumnType<MailPriority, MailPriority | undefined, MailPriority>;
}

export type MailPriority = 0 | 1;

/** Do not mail: a keyed hash of the address (`addressLimitKey`), never the address. */
export interface MailSuppressionsTable {
  address_key: string;
  reason: "unsubscribed" | "bounced" | "complained";
  created_at: Timestamp;
}

export type PetitionStatus = "draft" | "live" | "closed";
/** `held`: confirmed by its signer but held for review by the trending rule (not counted yet). */
export type SignatureStatus = "pending" | "confirmed" | "held" | "suspect" | "rejected" | "withdrawn";
/** Which source took a signature over its hourly threshold: its email domain or its client address. */
export type TrendingSource = "domain" | "address";
export type SuspectReason = "honeypot" | "too_fast" | "rate_limited";

export interface PetitionsTable {
  id: Generated<number>;
  slug: string;
  treaty_id: number | null;
  status: ColumnType<PetitionStatus, PetitionStatus | undefined, PetitionStatus>;
  default_language: string;
  goal: number | null;
  created_at: Timestamp;
  opened_at: Date | string | null;
  closed_at: Date | string | null;
  /** Public id in the API (`treatywatch:<uuid>`). */
  uuid: ColumnType<string, never, never>;
  /** Set by a trigger to the modifying transaction's start; what API clients sync by. */
  modified_at: ColumnType<Date, never, never>;
}

/** A petition's words in one language; the default language always has a row. */
export interface PetitionTextsTable {
  petition_id: number;
  language: string;
  title: string;
  body_markdown: string;
  addressed_to: string;
  updated_at: Timestamp;
}

export interface SignaturesTable {
  id: ColumnType<string, never, never>;
  petition_id: number;
  status: SignatureStatus;
  name: string;
  email: string;
  email_key: string;
  country_code: string;
  comment: string | null;
  show_name: ColumnType<boolean, boolean | undefined, boolean>;
  mail_consent: ColumnType<boolean, boolean | undefined, boolean>;
  language: string;
  referral_code: string;
  referred_by: string | null;
  ip_hash: string | null;
  suspect_reason: SuspectReason | null;
  created_at: Timestamp;
  confirmation_sent_at: Date | string | null;
  confirmation_mails: ColumnType<number, number | undefined, number>;
  confirmed_at: Date | string | null;
  withdrawn_at: Date | string | null;
  /** Public id in the API (`treatywatch:<uuid>`). */
  uuid: ColumnType<string, never, never>;
  /** Set by a trigger to the modifying transaction's start; what API clients sync by. */
  modified_at: ColumnType<Date, never, never>;
  /** The partner whose link brought this row, if any. */
  partner_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** The person agreed that this partner (only this one) may contact them. */
  partner_consent: ColumnType<boolean, boolean | undefined, boolean>;
  /** Signed while its domain or client address was over its hourly threshold (null: neither). */
  trending: ColumnType<TrendingSource | null, TrendingSource | null | undefined, TrendingSource | null>;
}

/** Email domains organizers allow-listed: they never trend. */
export interface TrustedDomainsTable {
  domain: string;
  note: ColumnType<string, string | undefined, string>;
  added_by: number | null;
  added_at: Timestamp;
}

/** Every decision organizers took on a trending source of a petition; the latest is in force. */
export interface TrendingDecisionsTable {
  id: ColumnType<string, never, never>;
  petition_id: number;
  source_kind: TrendingSource;
  /** The email domain, or the client-address hash. */
  source_key: string;
  decision: "hold" | "count";
  decided_by: number | null;
  decided_by_email: string;
  note: ColumnType<string, string | undefined, string>;
  decided_at: Timestamp;
}

/** Every change to the allow-list of domains, with who, when and why. */
export interface TrustedDomainChangesTable {
  id: ColumnType<string, never, never>;
  domain: string;
  change: "add" | "remove";
  note: ColumnType<string, string | undefined, string>;
  changed_by: number | null;
  changed_by_email: string;
  changed_at: Timestamp;
}

/** A source that trended on a petition, raised once: shown on the dashboard, mailed to organizers. */
export interface TrendingAlertsTable {
  id: ColumnType<string, never, never>;
  petition_id: number;
  source_kind: TrendingSource;
  source_key: string;
  /** When its first trending signature came. */
  since: Date | string;
  /** Trending signatures from it when the alert was raised. */
  signatures: number;
  raised_at: Timestamp;
}

/** A signature by an address that had signed, waiting for the petition job (a few seconds). */
export interface SignatureRepeatsTable {
  id: ColumnType<string, never, never>;
  signature_id: string;
  name: string;
  email: string;
  country_code: string;
  comment: string | null;
  show_name: boolean;
  mail_consent: boolean;
  language: string;
  referred_by: string | null;
  ip_hash: string | null;
  petition_title: string;
  created_at: Timestamp;
  /** The partner whose link brought this row, if any. */
  partner_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** The person agreed that this partner (only this one) may contact them. */
  partner_consent: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface PetitionCountsTable {
  petition_id: number;
  confirmed: ColumnType<string, string | number | undefined, string | number>;
  updated_at: Timestamp;
}

/** Views of a campaign page per day (aggregate: no visitor is identified). */
export interface PetitionPageViewsTable {
  petition_id: number;
  day: string;
  views: ColumnType<string, number, number>;
}

export interface LetterPageViewsTable {
  campaign_id: number;
  day: string;
  views: ColumnType<string, number, number>;
}

/** A signature log entry's kind (docs/transparency.md). */
export type LogEntryKind = "add" | "remove";
/** Why a removal entry removes: the signer withdrew (or erased their data), or moderation invalidated it under a rule. */
export type LogRemovalReason = "withdrawn" | "invalidated:moderation" | "invalidated:trending-review" | "invalidated:duplicate";
type Bytes = ColumnType<Uint8Array, Uint8Array, Uint8Array>;

export interface LogSigningKeysTable {
  key_id: string;
  public_key: string;
  activated_at: Timestamp;
  retired_at: Date | string | null;
}

/** Entries waiting to be appended, queued with the count change they mirror. */
export interface PetitionLogQueueTable {
  id: ColumnType<string, never, never>;
  petition_id: number;
  signature_id: string;
  kind: LogEntryKind;
  country_code: string;
  day: IsoDate;
  commitment: Bytes | null;
  secret: Bytes | null;
  reason: LogRemovalReason | null;
  /** The signer gets their receipt by mail once the add is appended (not for signatures counted before the log existed). */
  mail_receipt: ColumnType<boolean, boolean | undefined, never>;
}

export interface PetitionLogsTable {
  petition_id: number;
  size: ColumnType<string, string | number | undefined, string | number>;
  counts: ColumnType<Record<string, number>, RawBuilder<unknown> | undefined, RawBuilder<unknown>>;
}

export interface PetitionLogEntriesTable {
  petition_id: number;
  entry_index: ColumnType<string, string | number, never>;
  kind: LogEntryKind;
  commitment: Bytes;
  country_code: string;
  day: IsoDate;
  removes: ColumnType<string | null, string | number | null, never>;
  reason: LogRemovalReason | null;
  /** Private: which signature (for its receipt); null once the signer's data is erased. */
  signature_id: string | null;
  /** Private: the receipt's secret; adds only. */
  secret: Bytes | null;
}

export interface PetitionLogNodesTable {
  petition_id: number;
  level: number;
  node_index: ColumnType<string, string | number, never>;
  hash: Bytes;
}

export interface PetitionLogCheckpointsTable {
  petition_id: number;
  size: ColumnType<string, string | number, never>;
  root_hash: Bytes;
  total: ColumnType<string, string | number, never>;
  by_country: ColumnType<Record<string, number>, RawBuilder<unknown>, never>;
  published_at: ColumnType<Date, Date | string, never>;
  key_id: string;
  signature: string;
}

export interface PetitionCountryCountsTable {
  petition_id: number;
  country_code: string;
  confirmed: ColumnType<string, string | number | undefined, string | number>;
}

export interface SignatureCountChangesTable {
  id: ColumnType<string, never, never>;
  petition_id: number;
  country_code: string;
  delta: 1 | -1;
  created_at: Timestamp;
}

export interface RateLimitHitsTable {
  bucket: string;
  window_start: Date | string;
  hits: number;
  expires_at: Date | string;
}

/** A person or office who decides, and where letters to them go. */
export interface TargetsTable {
  id: Generated<number>;
  country_code: string;
  name: string;
  role: string;
  organization: string;
  email: string;
  /** The address may be shown to visitors (the mail-app link); off unless an organizer marked it public. */
  email_public: ColumnType<boolean, boolean | undefined, boolean>;
  language: string;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  source_url: string;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type DeliveryMode = "individual" | "digest";

export interface LetterCampaignsTable {
  id: Generated<number>;
  slug: string;
  treaty_id: number | null;
  status: ColumnType<PetitionStatus, PetitionStatus | undefined, PetitionStatus>;
  default_language: string;
  delivery_mode: ColumnType<DeliveryMode, DeliveryMode | undefined, DeliveryMode>;
  daily_cap_per_target: ColumnType<number, number | undefined, number>;
  min_personal_chars: ColumnType<number, number | undefined, number>;
  /** Confirmed letters aimed for; null: no goal. */
  goal: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Timestamp;
  opened_at: Date | string | null;
  closed_at: Date | string | null;
  /** Public id in the API (`treatywatch:<uuid>`). */
  uuid: ColumnType<string, never, never>;
  /** Set by a trigger to the modifying transaction's start; what API clients sync by. */
  modified_at: ColumnType<Date, never, never>;
}

export interface LetterCampaignTextsTable {
  campaign_id: number;
  language: string;
  title: string;
  intro: string;
  /** A JSON array of strings; written as `sql\`${json}::text::jsonb\`` (a plain string would be stored as a JSON string on postgres.js). */
  subject_variants: ColumnType<string[], RawBuilder<unknown>, RawBuilder<unknown>>;
  body_template: string;
  updated_at: Timestamp;
}

export interface LetterCampaignTargetsTable {
  campaign_id: number;
  target_id: number;
}

export type LetterStatus = "pending" | "confirmed" | "expired";

export interface LettersTable {
  id: ColumnType<string, never, never>;
  campaign_id: number;
  country_code: string;
  language: string;
  status: ColumnType<LetterStatus, LetterStatus | undefined, LetterStatus>;
  sender_name: string;
  sender_email: string;
  sender_city: string | null;
  /** Keyed hash of the sender's address key (addressLimitKey): letters per sender are counted by it. */
  sender_key: ColumnType<string | null, string | null | undefined, string | null>;
  subject: string;
  body: string;
  personal_paragraph: string;
  ip_hash: string | null;
  created_at: Timestamp;
  confirmed_at: Date | string | null;
  /** sha256 of the letter's words, normalized: identical letters share it. */
  fingerprint: string | null;
  followup_queued_at: ColumnType<Date | string | null, never, Date | string | null>;
  /** "Send me news about this campaign": the writer may get the campaign's updates. */
  mail_consent: ColumnType<boolean, boolean | undefined, boolean>;
  /** The writer's own code for the link they share (null for letters written before codes). */
  referral_code: ColumnType<string | null, string | null | undefined, string | null>;
  /** The code of the shared link the letter was written through, if any. */
  referred_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** Public id in the API (`treatywatch:<uuid>`). */
  uuid: ColumnType<string, never, never>;
  /** Set by a trigger to the modifying transaction's start; what API clients sync by. */
  modified_at: ColumnType<Date, never, never>;
  /** The partner whose link brought this row, if any. */
  partner_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** The person agreed that this partner (only this one) may contact them. */
  partner_consent: ColumnType<boolean, boolean | undefined, boolean>;
  /** The sender's email key, computed by PostgreSQL from sender_email (person_email_key): how the API finds a person's letters. */
  email_key: ColumnType<string, never, never>;
}

/** Confirmed letters per campaign (folded from `letter_count_changes`, as petitions' counts are). */
export interface LetterCountsTable {
  campaign_id: number;
  confirmed: ColumnType<string, string | number | undefined, string | number>;
  updated_at: Timestamp;
}

export interface LetterCountChangesTable {
  id: ColumnType<string, never, never>;
  campaign_id: number;
  delta: 1 | -1;
  created_at: Timestamp;
}

export type LetterRoute = "individual" | "digest";
export type ReplyAnswer = "yes" | "no" | "not_yet";

export interface LetterRecipientsTable {
  letter_id: string;
  target_id: number;
  outgoing_mail_id: string | null;
  route: ColumnType<LetterRoute, LetterRoute | undefined, LetterRoute>;
  digest_id: ColumnType<string | null, never, string | null>;
  reply: ColumnType<ReplyAnswer | null, never, ReplyAnswer | null>;
  replied_at: ColumnType<Date | string | null, never, Date | string | null>;
}

export interface LetterDigestsTable {
  id: ColumnType<string, never, never>;
  campaign_id: number;
  target_id: number;
  /** The day it was sent (UTC): one digest per target per day. */
  day: string;
  letters: number;
  outgoing_mail_id: string | null;
  created_at: Timestamp;
}

export interface LetterTargetDaysTable {
  campaign_id: number;
  target_id: number;
  day: string;
  letters: number;
}

export type LetterCampaignEventKind = "no_targets" | "mailto_opened";

export interface LetterCampaignEventsTable {
  campaign_id: number;
  country_code: string;
  day: string;
  kind: LetterCampaignEventKind;
  count: number;
}

export type OrganizerRole = "admin" | "organizer" | "viewer" | "partner";

export interface OrganizersTable {
  id: Generated<number>;
  email: string;
  role: OrganizerRole;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  /** Set exactly when role is `partner`: the one partner this account acts for. */
  partner_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface OrganizerSignInsTable {
  id: ColumnType<string, never, never>;
  organizer_id: number;
  created_at: Date | string;
  expires_at: Date | string;
  used_at: Date | string | null;
}

export interface OrganizerSessionsTable {
  id_hash: string;
  organizer_id: number;
  created_at: Date | string;
  expires_at: Date | string;
  revoked_at: Date | string | null;
}

export interface AuditLogTable {
  id: ColumnType<string, never, never>;
  organizer_id: number | null;
  actor_email: string;
  action: string;
  subject: string | null;
  /** Written as `sql\`${json}::text::jsonb\`` like every jsonb column. */
  details: ColumnType<Record<string, unknown>, RawBuilder<unknown> | undefined, never>;
  created_at: Timestamp;
}

export interface FactChangesTable {
  id: ColumnType<string, never, never>;
  organizer_id: number | null;
  actor_email: string;
  country_code: string;
  kind: TreatyFactAction | "vote";
  /** What made the change: an organizer's edit, a depositary import, a confirmed lead. */
  cause: ColumnType<FactChangeCause, FactChangeCause | undefined, never>;
  before: ColumnType<Record<string, unknown> | null, RawBuilder<unknown> | null, never>;
  /** Null when the fact was removed. */
  after: ColumnType<Record<string, unknown> | null, RawBuilder<unknown> | null, never>;
  created_at: Timestamp;
}

/** A participant's status moved because its facts changed: what follows a move starts here. */
export interface CountryStatusChangesTable {
  id: ColumnType<string, never, never>;
  treaty_id: number;
  country_code: string;
  from_status: ParticipantStatusColumn;
  to_status: ParticipantStatusColumn;
  reported_from: ParticipantStatusColumn | null;
  reported_to: ParticipantStatusColumn | null;
  cause: FactChangeCause;
  organizer_id: number | null;
  actor_email: string;
  /** The day the rules judged both statuses on. */
  judged_on: IsoDate;
  created_at: Timestamp;
}

export type FollowStatus = "pending" | "confirmed" | "unsubscribed";

/** Someone who asked to hear when a country's position moves: confirmed by mail, one active follow per person and country. */
export interface CountryFollowsTable {
  id: ColumnType<string, never, never>;
  treaty_id: number;
  country_code: string;
  /** As typed (trimmed, NFC): where mail goes. */
  email: string;
  /** Folded (case, `+tags`, Gmail dots): one follow per person and country, and erasure. */
  email_key: string;
  language: string;
  status: ColumnType<FollowStatus, FollowStatus | undefined, FollowStatus>;
  created_at: Timestamp;
  confirmation_sent_at: Timestamp;
  confirmation_mails: ColumnType<number, number | undefined, number>;
  confirmed_at: Date | string | null;
  unsubscribed_at: Date | string | null;
}

export type AlertStatus = "draft" | "sending" | "sent" | "discarded";

/** An alert to a country's followers about one status change; made with the change (a trigger). */
export interface AlertDraftsTable {
  id: ColumnType<string, never, never>;
  status_change_id: string;
  status: ColumnType<AlertStatus, AlertStatus | undefined, AlertStatus>;
  /** Sent without review, by the setting of the status moved to. */
  automatic: ColumnType<boolean, boolean | undefined, boolean>;
  decided_by: number | null;
  decided_by_email: string | null;
  decided_at: Date | string | null;
  /** Enqueueing goes in batches by follow id: the last one done. */
  last_follow_id: ColumnType<string, string | undefined, string>;
  /** Then by signature id (consenting signers from the country who do not follow it): the last one done. */
  last_signature_id: ColumnType<string, string | undefined, string>;
  enqueued: ColumnType<number, number | undefined, number>;
  finished_at: Date | string | null;
  created_at: Timestamp;
}

/** Per status moved to: whether a confirmed move is sent without review. */
export interface AlertSettingsTable {
  to_status: ParticipantStatusColumn;
  send_without_review: boolean;
  changed_by: string | null;
  changed_at: Timestamp;
}

/** Site-wide switches organizers flip (surge mode), read by every process. */
export interface SiteSwitchesTable {
  name: "surge";
  value: string;
  changed_by: string;
  changed_at: Timestamp;
}

/** Groups of statuses a campaign writes its asks for (see the campaign module's campaign-asks). */
export type AskStatusGroup = "not_signed" | "signed" | "party" | "in_force";

/** What a campaign asks of a country with a given status, in one language. */
export interface CampaignAsksTable {
  id: Generated<number>;
  /** Exactly one of the two is set. */
  petition_id: number | null;
  letter_campaign_id: number | null;
  status_group: AskStatusGroup;
  language: string;
  heading: string;
  body: string;
  /** Letter campaigns only: the body template for writers from such a country; null: the campaign's. */
  letter_template: string | null;
  updated_at: Timestamp;
}

/** The last share card drawn per subject and language (ADR 0034). */
export interface ShareCardsTable {
  subject: string;
  language: string;
  version: string;
  etag: string;
  png: Uint8Array;
  rendered_at: ColumnType<Date, Date, Date>;
}

export interface PartnersTable {
  id: Generated<number>;
  /** Lower-case letters, digits and dashes: what `?partner=` carries. */
  code: string;
  name: string;
  website_url: string;
  privacy_url: string;
  contact_email: string;
  /** Always a PNG we rendered from the upload, never the upload itself. */
  logo_png: ColumnType<Uint8Array | null, Uint8Array | null | undefined, Uint8Array | null>;
  logo_updated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A partner running a campaign: exactly one of petition_id and letter_campaign_id is set. */
export interface CampaignPartnersTable {
  id: Generated<number>;
  petition_id: number | null;
  letter_campaign_id: number | null;
  partner_id: number;
  show_count: ColumnType<boolean, boolean | undefined, boolean>;
  position: ColumnType<number, number | undefined, number>;
  added_at: Timestamp;
}

/** One per mailbox with a confirmed signature or a sent letter; the details live on those rows. */
export interface PeopleTable {
  id: ColumnType<string, string | undefined, never>;
  email_key: string;
  created_at: Timestamp;
  modified_at: ColumnType<Date, Date | string | undefined, never>;
}

export type ApiScope = "read:campaigns" | "read:people" | "write:signatures" | "manage:webhooks";

export interface ApiKeysTable {
  id: ColumnType<string, string | undefined, never>;
  label: string;
  /** SHA-256 (hex) of the key; the key itself is shown once and never stored. */
  key_hash: string;
  key_hint: string;
  partner_id: number | null;
  scopes: ColumnType<ApiScope[], ApiScope[], ApiScope[]>;
  created_by: string;
  created_at: Timestamp;
  last_used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export type WebhookEventName = "signature.confirmed" | "signature.withdrawn" | "letter.sent" | "country.status_changed" | "update.sent";

export interface WebhookSubscriptionsTable {
  id: ColumnType<string, string | undefined, never>;
  url: string;
  events: ColumnType<WebhookEventName[], WebhookEventName[], WebhookEventName[]>;
  partner_id: number | null;
  /** The signing secret, encrypted with a key derived from the deployment's secret. */
  secret_sealed: string;
  owner_email: string;
  /** The language the owner is written to in (en, ar, zh, es, fr, ru). */
  owner_language: ColumnType<string, string | undefined, string>;
  created_by: string;
  api_key_id: string | null;
  created_at: Timestamp;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  failing_since: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  consecutive_failures: ColumnType<number, number | undefined, number>;
  disabled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  disabled_reason: string | null;
  deleted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface WebhookEventsTable {
  id: ColumnType<string, never, never>;
  event: WebhookEventName;
  data: ColumnType<Record<string, unknown>, RawBuilder<unknown>, never>;
  email_key: string | null;
  partner_id: number | null;
  partner_consent: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  fanned_out_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export type WebhookDeliveryStatus = "queued" | "sending" | "delivered" | "failed";

export interface WebhookDeliveriesTable {
  /** The X-TreatyWatch-Delivery header: the same on every retry. */
  id: ColumnType<string, string | undefined, never>;
  subscription_id: string;
  event_id: string | null;
  event: WebhookEventName;
  /** The exact bytes sent (and signed) on every attempt. */
  body: string;
  email_key: string | null;
  status: ColumnType<WebhookDeliveryStatus, WebhookDeliveryStatus | undefined, WebhookDeliveryStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  lease_expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Timestamp;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface WebhookAttemptsTable {
  id: ColumnType<string, never, never>;
  delivery_id: string;
  attempt: number;
  started_at: Date | string;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
}

export interface Database {
  partners: PartnersTable;
  campaign_partners: CampaignPartnersTable;
  people: PeopleTable;
  api_keys: ApiKeysTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_events: WebhookEventsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  share_cards: ShareCardsTable;
  countries: CountriesTable;
  treaties: TreatiesTable;
  treaty_actions: TreatyActionsTable;
  country_statements: CountryStatementsTable;
  timeline_events: TimelineEventsTable;
  actor_statements: ActorStatementsTable;
  treaty_leads: TreatyLeadsTable;
  recorded_votes: RecordedVotesTable;
  country_votes: CountryVotesTable;
  outgoing_mails: OutgoingMailsTable;
  mail_suppressions: MailSuppressionsTable;
  petitions: PetitionsTable;
  petition_texts: PetitionTextsTable;
  signatures: SignaturesTable;
  trusted_domains: TrustedDomainsTable;
  trusted_domain_changes: TrustedDomainChangesTable;
  trending_decisions: TrendingDecisionsTable;
  trending_alerts: TrendingAlertsTable;
  signature_repeats: SignatureRepeatsTable;
  petition_counts: PetitionCountsTable;
  petition_country_counts: PetitionCountryCountsTable;
  petition_page_views: PetitionPageViewsTable;
  letter_page_views: LetterPageViewsTable;
  signature_count_changes: SignatureCountChangesTable;
  log_signing_keys: LogSigningKeysTable;
  petition_log_queue: PetitionLogQueueTable;
  petition_logs: PetitionLogsTable;
  petition_log_entries: PetitionLogEntriesTable;
  petition_log_nodes: PetitionLogNodesTable;
  petition_log_checkpoints: PetitionLogCheckpointsTable;
  rate_limit_hits: RateLimitHitsTable;
  targets: TargetsTable;
  letter_campaigns: LetterCampaignsTable;
  letter_campaign_texts: LetterCampaignTextsTable;
  letter_campaign_targets: LetterCampaignTargetsTable;
  letters: LettersTable;
  letter_counts: LetterCountsTable;
  letter_count_changes: LetterCountChangesTable;
  letter_recipients: LetterRecipientsTable;
  letter_digests: LetterDigestsTable;
  letter_target_days: LetterTargetDaysTable;
  letter_campaign_events: LetterCampaignEventsTable;
  organizers: OrganizersTable;
  organizer_sign_ins: OrganizerSignInsTable;
  organizer_sessions: OrganizerSessionsTable;
  audit_log: AuditLogTable;
  fact_changes: FactChangesTable;
  country_status_changes: CountryStatusChangesTable;
  country_follows: CountryFollowsTable;
  alert_drafts: AlertDraftsTable;
  alert_settings: AlertSettingsTable;
  site_switches: SiteSwitchesTable;
  campaign_asks: CampaignAsksTable;
  campaign_updates: CampaignUpdatesTable;
  campaign_update_texts: CampaignUpdateTextsTable;
}

export type UpdateStatus = "draft" | "scheduled" | "sending" | "sent" | "cancelled";
export type UpdateAudience = "signers" | "writers" | "followers";

/** News an organizer writes to the people of a campaign (ADR 32). */
export interface CampaignUpdatesTable {
  id: ColumnType<string, never, never>;
  petition_id: number | null;
  letter_campaign_id: number | null;
  audience: UpdateAudience;
  filter_country: string | null;
  filter_language: string | null;
  filter_since: Date | string | null;
  default_language: string;
  status: ColumnType<UpdateStatus, UpdateStatus | undefined, UpdateStatus>;
  public: ColumnType<boolean, boolean | undefined, boolean>;
  send_at: Date | string | null;
  created_by: number | null;
  created_by_email: string;
  sent_by_email: string | null;
  started_at: Date | string | null;
  finished_at: Date | string | null;
  cancelled_at: Date | string | null;
  /** Enqueueing goes in batches by the id of the person's row: the last one done. */
  last_person_id: ColumnType<string, string | undefined, string>;
  enqueued: ColumnType<number, number | undefined, number>;
  unsubscribed: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CampaignUpdateTextsTable {
  update_id: string;
  language: string;
  subject: string;
  body_markdown: string;
}
