import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/**
 * The database tables as Kysely sees them. Row types stay in `storage/`;
 * features map them to domain types.
 */
export interface Tables {
  instance: InstanceTable;
  audit_event: AuditEventTable;
  audit_anchor: AuditAnchorTable;
  organisation: OrganisationTable;
  staff_account: StaffAccountTable;
  citizen_account: CitizenAccountTable;
  one_time_password: OneTimePasswordTable;
  session: SessionTable;
  gateway_call: GatewayCallTable;
  consent: ConsentTable;
  application: ApplicationTable;
  application_event: ApplicationEventTable;
  command_receipt: CommandReceiptTable;
  notification: NotificationTable;
  outbox_message: OutboxMessageTable;
  document: DocumentTable;
  otp_certification: OtpCertificationTable;
  appeal: AppealTable;
  questionnaire_answer: QuestionnaireAnswerTable;
  api_token: ApiTokenTable;
  deadline_marker: DeadlineMarkerTable;
  escalation: EscalationTable;
  rate_limit: RateLimitTable;
  form_flash: FormFlashTable;
  login_throttle: LoginThrottleTable;
  portal_draft: PortalDraftTable;
  portal_draft_document: PortalDraftDocumentTable;
  prepared_document: PreparedDocumentTable;
  front_office_request: FrontOfficeRequestTable;
  courier_register: CourierRegisterTable;
  courier_register_item: CourierRegisterItemTable;
  result_request: ResultRequestTable;
  home_visit_request: HomeVisitRequestTable;
  queue_kindergarten: QueueKindergartenTable;
  queue_group: QueueGroupTable;
  queue_registration: QueueRegistrationTable;
  queue_run: QueueRunTable;
  queue_place: QueuePlaceTable;
  queue_offer: QueueOfferTable;
  queue_message: QueueMessageTable;
  queue_district: QueueDistrictTable;
  monitoring_dirty: MonitoringDirtyTable;
  monitoring_application: MonitoringApplicationTable;
  monitoring_count: MonitoringCountTable;
  monitoring_provider_count: MonitoringProviderCountTable;
  monitoring_summary_version: MonitoringSummaryVersionTable;
}

/** One row: this installation's identity, written on first start. */
export interface InstanceTable {
  id: Generated<number>;
  installation_id: Generated<string>;
  created_at: ColumnType<Date, never, never>;
  started_count: ColumnType<number, number | undefined, number>;
  last_started_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** When this installation first started as a sandbox (docs/sandbox.md); null if never. */
  sandbox_since: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** A JSON value as stored in a jsonb column. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Timestamps are written as Date and never updated afterwards unless stated. */
type Instant = ColumnType<Date, Date, Date>;

export interface AuditEventTable {
  id: ColumnType<number, never, never>;
  occurred_at: ColumnType<Date, Date, never>;
  actor_kind: ColumnType<'citizen' | 'staff' | 'system' | 'anonymous', string, never>;
  actor_id: ColumnType<string | null, string | null, never>;
  action: ColumnType<string, string, never>;
  subject_type: ColumnType<string, string, never>;
  subject_id: ColumnType<string | null, string | null, never>;
  details: ColumnType<JsonObject, string, never>;
  /** Written once by the sealer (null while the row is not chained yet). */
  previous_hash: ColumnType<string | null, string | null, string>;
  /** The content hash until sealed, then the chained hash (set once by the sealer). */
  hash: ColumnType<string, string, string>;
  /** The row's place in the chain, 1…n; null until the sealer chains it. */
  chain_position: ColumnType<number | null, never, number>;
  /**
   * HMAC-SHA256 (hex) of the content hash under the installation's audit key (kept outside
   * the database); null on rows written before migration 0101 or by a process without the key.
   */
  mac: ColumnType<string | null, string | null, never>;
}

/** The chain's head as the sealer left it after a round: removal of later rows shows. */
export interface AuditAnchorTable {
  id: ColumnType<number, never, never>;
  chain_position: ColumnType<number, number, never>;
  head_hash: ColumnType<string, string, never>;
  sealed_at: ColumnType<Date, Date, never>;
}

export interface OrganisationTable {
  id: string;
  kind: string;
  name_kk: string;
  name_ru: string;
  parent_id: string | null;
  region_code: string;
  address_kk: string | null;
  address_ru: string | null;
  phone: string | null;
  email: string | null;
  bin: string | null;
  schedule_kind: 'provider_office' | 'front_office';
  custom_schedule: JSONColumnType<JsonObject | null, string | null, string | null>;
  time_zone: string;
  source: string | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface StaffAccountTable {
  id: Generated<string>;
  organisation_id: string;
  iin: string;
  full_name: string;
  /** The Kazakh spelling of the name (migration 0111). */
  full_name_kk: string;
  roles: ColumnType<string[], string[], string[]>;
  password_hash: string | null;
  is_active: Generated<boolean>;
  created_at: Instant;
  updated_at: Instant;
}

export interface CitizenAccountTable {
  id: Generated<string>;
  iin: string;
  phone: string;
  password_hash: string;
  created_at: Instant;
  password_changed_at: Instant;
  /** How the IIN was proved (migration 0095); null: an unverified account from before. */
  identity_proof: Generated<'mobile_registry_otp' | 'signature' | null>;
  identity_verified_at: Generated<Date | null>;
}

export interface OneTimePasswordTable {
  id: Generated<string>;
  phone: string;
  purpose:
    | 'login'
    | 'certify_application'
    | 'password_reset'
    | 'registry_consent'
    | 'register'
    | 'accept_offer';
  citizen_account_id: string | null;
  subject_id: string | null;
  code_salt: string;
  code_hash: string;
  created_at: Instant;
  expires_at: Instant;
  attempts: Generated<number>;
  max_attempts: number;
  status: Generated<'pending' | 'used' | 'exhausted' | 'superseded'>;
  used_at: Date | null;
}

export interface SessionTable {
  id: Generated<string>;
  subject_kind: 'citizen' | 'staff';
  subject_id: string;
  token_hash: string;
  created_at: Instant;
  expires_at: Instant;
  revoked_at: Date | null;
}

export interface GatewayCallTable {
  id: Generated<number>;
  system: 'person_registry' | 'notary_registry' | 'digital_documents' | 'mobile_citizens';
  operation: string;
  adapter: string;
  started_at: Instant;
  duration_ms: number;
  outcome: 'ok' | 'not_found' | 'failed';
  error_code: string | null;
  error_message: string | null;
  subject_ref: string | null;
  correlation_id: string | null;
}

export interface ConsentTable {
  id: Generated<string>;
  applicant_iin: string;
  given_by_iin: string;
  application_id: string | null;
  request_id: string | null;
  scope: string;
  channel: 'provider_office' | 'front_office' | 'portal';
  method: 'signature' | 'otp' | 'paper';
  evidence: JSONColumnType<JsonObject, string, string>;
  recorded_by_staff_id: string | null;
  given_at: Instant;
}

/** Projection of an application's fold, for inboxes, search and deadlines. */
export interface ApplicationTable {
  id: string;
  number: string;
  regulation_id: string;
  service_code: string;
  region_code: string;
  channel: string;
  applicant_iin: string;
  representative_iin: string | null;
  provider_organisation_id: string;
  front_office_id: string | null;
  holder_organisation_id: string;
  status: string;
  current_step_id: string | null;
  current_actor: string | null;
  executor_id: string | null;
  submitted_at: Instant;
  step_due_at: Date | null;
  due_at: Instant;
  ended_at: Date | null;
  version: number;
  updated_at: Instant;
  /** Sandbox only: the application's clock minus the real clock (ms); null otherwise. */
  clock_offset_ms: ColumnType<number | null, number | null | undefined, never>;
}

/** One entry of an application's append-only action log. */
export interface ApplicationEventTable {
  application_id: string;
  sequence: number;
  type: string;
  at: Instant;
  actor: JSONColumnType<JsonObject, string, never>;
  payload: JSONColumnType<JsonObject, string, never>;
  recorded_at: Instant;
}

/** The first answer to a command, kept so that a retry with the same key returns it. */
export interface CommandReceiptTable {
  principal: string;
  idempotency_key: string;
  command: string;
  application_id: string | null;
  response: JSONColumnType<JsonObject, string, never>;
  created_at: Instant;
}

/** A message to the applicant's cabinet. */
export interface NotificationTable {
  id: string;
  position: Generated<number>;
  application_id: string;
  recipient_iin: string;
  kind: string;
  status: string;
  message: JSONColumnType<JsonObject, string, never>;
  created_at: Instant;
  read_at: Date | null;
}

/** An SMS or e-mail waiting for delivery, retried with backoff. */
export interface OutboxMessageTable {
  id: Generated<number>;
  notification_id: string | null;
  channel: 'sms' | 'email';
  recipient: string;
  body: string;
  attempts: Generated<number>;
  next_attempt_at: Instant;
  delivered_at: Date | null;
  last_error: string | null;
  created_at: Instant;
  /** Set when delivery gave up after the last attempt, or the relay refused it for good; kept. */
  failed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The e-mail's subject (migration 0104); null for SMS. */
  subject: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A deadline event that fired once: a warning before, overdue after, escalation to the head. */
export interface DeadlineMarkerTable {
  application_id: string;
  scope: 'step' | 'total';
  /** The step for step deadlines; '' for the total term. */
  step_id: string;
  due_at: Instant;
  kind: 'warning' | 'overdue' | 'escalated';
  holder_organisation_id: string;
  fired_at: Instant;
}

/** An overdue deadline brought to the head of the organisation that holds the application. */
export interface EscalationTable {
  id: string;
  application_id: string;
  organisation_id: string;
  scope: 'step' | 'total';
  step_id: string;
  due_at: Instant;
  head_staff_ids: JSONColumnType<string[], string, never>;
  escalated_at: Instant;
}

/** An issued document; immutable (a trigger refuses UPDATE and DELETE). */
export interface DocumentTable {
  id: string;
  number: string;
  kind: string;
  service_code: string | null;
  application_id: string | null;
  language: 'kk' | 'ru' | 'bilingual';
  content: ColumnType<Record<string, unknown>, string, never>;
  content_sha256: string;
  pdf: Uint8Array;
  pdf_sha256: string;
  signer_name: string;
  signer_iin: string | null;
  signed_at: ColumnType<Date, Date, never>;
  signature: Uint8Array;
  replaces_document_id: string | null;
  /** The PDF the CMS covers (the body); null on documents whose CMS covers `pdf`. */
  signed_content: ColumnType<Uint8Array | null, Uint8Array | null | undefined, never>;
  signed_content_sha256: ColumnType<string | null, string | null | undefined, never>;
  created_at: ColumnType<Date, never, never>;
}

/** A result or reasoned refusal prepared for the head's signature (two-phase signing). */
export interface PreparedDocumentTable {
  id: string;
  application_id: string;
  document_id: string;
  number: string;
  kind: string;
  service_code: string | null;
  content: ColumnType<Record<string, unknown>, string, never>;
  content_sha256: string;
  pdf: Uint8Array;
  pdf_sha256: string;
  prepared_by: string;
  signer_staff_id: string;
  state: 'draft' | 'signed' | 'superseded';
  prepared_at: ColumnType<Date, Date, never>;
  signed_at: ColumnType<Date | null, Date | null | undefined, Date>;
}

/** The front office's electronic request to the provider, signed by the operator (0091). */
export interface FrontOfficeRequestTable {
  id: string;
  application_id: string;
  content: ColumnType<Record<string, unknown>, string, never>;
  content_bytes: ColumnType<Uint8Array, Uint8Array, never>;
  content_sha256: ColumnType<string, string, never>;
  prepared_by: ColumnType<string, string, never>;
  prepared_at: ColumnType<Date, Date, never>;
  signature: ColumnType<Uint8Array | null, undefined, Uint8Array>;
  signer_staff_id: ColumnType<string | null, undefined, string>;
  signer_iin: ColumnType<string | null, undefined, string | null>;
  signer_name: ColumnType<string | null, undefined, string>;
  certificate_serial: ColumnType<string | null, undefined, string>;
  signed_at: ColumnType<Date | null, undefined, Date>;
}

/** A certification by one-time password; immutable. */
export interface OtpCertificationTable {
  id: Generated<string>;
  subject_kind: 'application' | 'request';
  application_id: string | null;
  digest_sha256: string;
  iin: string;
  phone: string;
  otp_id: string;
  certified_at: ColumnType<Date, Date, never>;
  created_at: ColumnType<Date, never, never>;
}

/** An appeal against a decision of the provider, with its own term. */
export interface AppealTable {
  id: string;
  application_id: string;
  appellant_iin: string;
  text: string;
  status: 'submitted' | 'upheld' | 'rejected';
  submitted_at: Instant;
  due_at: Instant;
  decided_at: Date | null;
  decision: string | null;
  decided_by: string | null;
}

/** The applicant's answers to the quality questionnaire, one per application. */
export interface QuestionnaireAnswerTable {
  application_id: string;
  respondent_iin: string;
  process: 'not_satisfied' | 'partially_satisfied' | 'satisfied';
  information: 'not_satisfied' | 'partially_satisfied' | 'satisfied';
  answered_at: Instant;
}

/** A token an integrating system calls the API with; only its SHA-256 is stored. */
export interface ApiTokenTable {
  id: Generated<string>;
  name: string;
  token_hash: string;
  organisation_id: string;
  roles: ColumnType<string[], string[], string[]>;
  staff_account_id: string | null;
  created_at: Instant;
  created_by: string;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

/** One fixed window of a rate limit (login attempts, one-time passwords, public lookups). */
export interface RateLimitTable {
  key: string;
  window_started_at: Instant;
  hits: number;
}

/** A refused web form kept for the GET after its redirect (0130, post/redirect/get). */
export interface FormFlashTable {
  key: string;
  payload: JSONColumnType<JsonObject, string, string>;
  expires_at: Instant;
}

/** Consecutive wrong passwords of an account, or of an account from one address (0102). */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  last_failure_at: Instant;
  delayed_until: Instant;
}

/** A citizen's draft of a portal application (migration 0060). */
export interface PortalDraftTable {
  id: string;
  citizen_account_id: string;
  regulation_id: string;
  provider_organisation_id: string | null;
  front_office_id: string | null;
  fields: JSONColumnType<Record<string, string>, string, string>;
  status: 'open' | 'submitted';
  application_id: string | null;
  application_number: string | null;
  created_at: Instant;
  updated_at: Instant;
}

/** A file uploaded to a portal draft (migration 0060). */
export interface PortalDraftDocumentTable {
  id: string;
  draft_id: string;
  kind: string;
  file_name: string;
  media_type: 'application/pdf' | 'image/jpeg' | 'image/png';
  size_bytes: number;
  sha256: string;
  content: Uint8Array;
  uploaded_at: Instant;
}

// Front office (issue 9): courier registers, result requests, home visits.

/** A courier register: packages carried between a front office and one provider. */
export interface CourierRegisterTable {
  id: string;
  number: string;
  direction: 'to_provider' | 'to_front_office';
  front_office_id: string;
  provider_organisation_id: string;
  document_id: string | null;
  created_by: string;
  created_at: Instant;
  acknowledged_by: string | null;
  acknowledged_at: Date | null;
  /** The courier's form key (migration 0092): a repeated post returns the same register. */
  idempotency_key: string | null;
}

/** One package (application) of a courier register. */
export interface CourierRegisterItemTable {
  register_id: string;
  application_id: string;
}

/** A front office's request to the provider for a result handed back after storage. */
export interface ResultRequestTable {
  id: string;
  application_id: string;
  front_office_id: string;
  requested_by: string;
  requested_at: Instant;
  due_at: Instant;
  /** Migration 0092: the provider asked, and when it marked the result sent. */
  provider_organisation_id: string | null;
  sent_by: string | null;
  sent_at: Date | null;
}

/** A home visit asked for through the contact centre's public page. */
export interface HomeVisitRequestTable {
  id: string;
  number: string;
  front_office_id: string;
  service_code: string;
  full_name: string;
  phone: string;
  address: string;
  reason: string;
  status: 'new' | 'assigned' | 'visited' | 'cancelled';
  assigned_to: string | null;
  created_at: Instant;
  updated_at: Date;
}

/** A kindergarten of the queue (issue 19). */
export interface QueueKindergartenTable {
  id: string;
  /** The organisation whose staff publish its places. */
  organisation_id: string;
  region: string;
  district: string;
  name: JSONColumnType<JsonObject, string, string>;
  time_zone: string;
}

/** A group of a kindergarten: ages (full years, inclusive), language, special-needs kind. */
export interface QueueGroupTable {
  id: string;
  kindergarten_id: string;
  age_from: number;
  age_to: number;
  language: string;
  special_needs: string | null;
}

/** One child in a district queue. */
export interface QueueRegistrationTable {
  id: Generated<string>;
  number: string;
  region: string;
  district: string;
  child_iin: string;
  parent_iin: string;
  phone: string | null;
  birth_date: string;
  category: 'extraordinary' | 'primary' | 'general';
  privilege: 'none' | 'pending' | 'confirmed' | 'lost';
  privilege_due: Date | null;
  privilege_lost_at: Date | null;
  /** The category the queue uses (0 extraordinary, 1 primary, 2 general; 2 after a lost privilege). */
  rank_category: number;
  registered_at: Instant;
  preferred: JSONColumnType<string[], string, string>;
  language: string;
  special_needs: string | null;
  desired_start: string;
  status: 'waiting' | 'offered' | 'referred' | 'enrolled' | 'left' | 'aged_out';
  /** When the child last stopped waiting (an offer); null while waiting since registration. */
  left_waiting_at: Date | null;
  /** The position when it was last shown, and when. */
  last_seen_position: number | null;
  last_seen_at: Date | null;
}

/** One allocation run with its full input and result (re-runnable from the log). */
export interface QueueRunTable {
  id: Generated<number>;
  region: string;
  district: string;
  ran_at: Instant;
  day: string;
  trigger: string;
  alternation_before: number;
  alternation_after: number;
  input: JSONColumnType<JsonObject, string, never>;
  result: JSONColumnType<JsonObject, string, never>;
}

/** One published free place. */
export interface QueuePlaceTable {
  id: Generated<string>;
  group_id: string;
  published_at: Instant;
  published_by: string;
  status: 'free' | 'offered' | 'taken';
}

/** A place offered to a child, and what became of it (a referral when accepted). */
export interface QueueOfferTable {
  id: Generated<string>;
  place_id: string;
  registration_id: string;
  run_id: number;
  status: 'open' | 'accepted' | 'declined' | 'expired';
  region: string;
  district: string;
  turn: string;
  offered_at: Instant;
  due_at: Instant;
  decided_at: Date | null;
  referral_number: string | null;
  referral_valid_until: Date | null;
  /** The referral's signed document (migration 0135); null until issued. */
  referral_document_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A message to the parent in the cabinet (the SMS goes through the outbox). */
export interface QueueMessageTable {
  id: Generated<number>;
  registration_id: string;
  kind: string;
  message: JSONColumnType<JsonObject, string, never>;
  created_at: Instant;
}

/** A district of the kindergarten queue: its name and the education department keeping it. */
export interface QueueDistrictTable {
  region: string;
  code: string;
  name: JSONColumnType<JsonObject, string, string>;
  department_organisation_id: string;
}

// Quality indicators (issue 20, migration 0120, docs/monitoring.md).

/** An application whose contribution to the indicators must be recomputed (set by triggers). */
export interface MonitoringDirtyTable {
  id: ColumnType<number, never, never>;
  application_id: string;
}

/** What an application contributed to `monitoring_count` when the job last computed it. */
export interface MonitoringApplicationTable {
  application_id: string;
  version: number;
  region_code: string;
  provider_organisation_id: string;
  service_code: string;
  channel: string;
  contributions: JSONColumnType<JsonValue[], string, string>;
  computed_at: Instant;
}

/** Summed counts of one measure by grain, region, period, provider, service and channel. */
export interface MonitoringCountTable {
  grain: 'day' | 'month' | 'quarter' | 'year';
  region_code: string;
  /** 'YYYY-MM-DD' (date). */
  period_start: string;
  provider_organisation_id: string;
  service_code: string;
  channel: string;
  measure: string;
  detail: string;
  count: number;
}

/**
 * `monitoring_count` summed over the services (migration 0155): the region's and a district's
 * views read it. Maintained by the `monitoring` job with the rows it sums.
 */
export type MonitoringProviderCountTable = Omit<MonitoringCountTable, 'service_code'>;

/**
 * One row (migration 0160): the summary's version, incremented by the `monitoring` job in the
 * transaction of every round that moves the summary; the overview's memo is keyed by it.
 */
export interface MonitoringSummaryVersionTable {
  id: Generated<boolean>;
  /** bigint: a string from PostgreSQL. */
  round: string | number;
}
