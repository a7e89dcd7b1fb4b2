import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Database is the typed shape of every table, shared by the SQLite and PostgreSQL backends. Times are epoch ms. */
export interface Database {
  accounts: AccountsTable;
  invitations: InvitationsTable;
  sessions: SessionsTable;
  settings: SettingsTable;
  login_challenges: LoginChallengesTable;
  login_failures: LoginFailuresTable;
  recovery_codes: RecoveryCodesTable;
  password_resets: PasswordResetsTable;
  petitions: PetitionsTable;
  petition_versions: PetitionVersionsTable;
  signatures: SignaturesTable;
  invalidations: InvalidationsTable;
  record_entries: RecordEntriesTable;
  petition_tallies: PetitionTalliesTable;
  tally_state: TallyStateTable;
  mail_queue: MailQueueTable;
  events: EventsTable;
  event_moderators: EventModeratorsTable;
  questions: QuestionsTable;
  votes: VotesTable;
  notice_settings: NoticeSettingsTable;
  notices_sent: NoticesSentTable;
  summary_counts: SummaryCountsTable;
  attachments: AttachmentsTable;
  paper_batches: PaperBatchesTable;
  attachment_files: AttachmentFilesTable;
  attachment_chunks: AttachmentChunksTable;
}

export type Role = 'admin' | 'organiser' | 'moderator';

export interface AccountsTable {
  id: Generated<number>;
  login: string;
  display_name: string;
  role: Role;
  password_hash: string;
  created_at: number;
  disabled_at: number | null;
  /** totp_secret_enc is the second factor's secret, sealed with the encryption key; null while two-step sign-in is off. */
  totp_secret_enc: Generated<string | null>;
  /** totp_pending_enc is a secret being set up, sealed with the session or sign-in step that asked for it. */
  totp_pending_enc: Generated<string | null>;
  /** totp_last_step is the 30-second step of the last code accepted, so that no code works twice. */
  totp_last_step: Generated<number | null>;
  totp_enabled_at: Generated<number | null>;
}

export interface InvitationsTable {
  id: Generated<number>;
  token_hash: string;
  role: Role;
  created_by: number | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** SessionsTable holds signed-in browsers by the hash of their cookie; times are whole hours except the expiry. */
export interface SessionsTable {
  token_hash: string;
  /** public_id names a session in forms ("log out this one") without the hash of its cookie. */
  public_id: string;
  account_id: number;
  created_at: number;
  last_used_at: number;
  expires_at: number;
  /** browser is a coarse name such as `Firefox|Android`, never the whole user agent, never an address. */
  browser: string | null;
}

/** LoginChallengesTable holds the step between a right password and a session: a code to enter, or a second factor to set up. */
export interface LoginChallengesTable {
  token_hash: string;
  account_id: number;
  purpose: 'second-factor' | 'enrol';
  expires_at: number;
}

/** LoginFailuresTable counts sign-in attempts per login (a keyed hash of it, existing or not) since the last success. */
export interface LoginFailuresTable {
  login_key: string;
  failures: number;
  locked_until: number;
  updated_at: number;
}

/** RecoveryCodesTable holds an account's single-use recovery codes as keyed hashes; `used_at` is kept to the hour. */
export interface RecoveryCodesTable {
  id: Generated<number>;
  account_id: number;
  code_hash: string;
  used_at: number | null;
}

/** PasswordResetsTable holds the one-time password links an admin made, by the hash of their token. */
export interface PasswordResetsTable {
  id: Generated<number>;
  token_hash: string;
  account_id: number;
  created_by: number;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface SettingsTable {
  name: string;
  value: string;
}

export interface PetitionsTable {
  id: Generated<number>;
  public_id: string;
  owner_id: number;
  status: 'draft' | 'open' | 'closed';
  title: string;
  body: string;
  addressee: string;
  language: string;
  goal: number | null;
  deadline: number | null;
  name_rule: 'required' | 'optional';
  names_public: 'never' | 'signer';
  region_rule: 'none' | 'optional' | 'required';
  region_countries: string;
  confirmation: 'email' | 'none';
  created_at: number;
  updated_at: number;
  opened_at: number | null;
  closed_at: number | null;
  response: string | null;
  responded_at: number | null;
  signer_hashes_purged_at: number | null;
  text_version: Generated<number>;
  corrected_at: number | null;
}

export interface PetitionVersionsTable {
  petition_id: number;
  version: number;
  title: string;
  addressee: string;
  body: string;
  corrected_at: number;
  reason: 'typo' | 'clarification' | 'other' | null;
}

export interface SignaturesTable {
  id: Generated<number>;
  public_id: string;
  petition_id: number;
  status: 'pending' | 'counted' | 'withdrawn' | 'invalidated';
  name: string | null;
  region: string | null;
  show_name: number;
  email_enc: string | null;
  email_hash: string | null;
  confirm_token_hash: string | null;
  confirm_expires_at: number | null;
  receipt_hash: string | null;
  signed_minute: number;
  counted_minute: number | null;
  invalidation_id: number | null;
}

export interface InvalidationsTable {
  id: Generated<number>;
  public_id: string;
  petition_id: number;
  reason: string;
  from_minute: number;
  to_minute: number;
  region: string | null;
  signatures: number;
  created_by: number;
  created_at: number;
}

export interface RecordEntriesTable {
  id: Generated<number>;
  type: string;
  body: string;
  petition_id: number | null;
  signature_id: number | null;
  delta: number;
  leaf_index: number | null;
  tallied: Generated<number>;
  event_id: number | null;
}

export interface PetitionTalliesTable {
  petition_id: number;
  region: string;
  day: number;
  signatures: number;
}

export interface TallyStateTable {
  name: string;
  through_entry: number;
}

export interface MailQueueTable {
  id: Generated<number>;
  recipient_enc: string;
  language: string;
  template: string;
  params: string;
  created_at: number;
  attempts: number;
  next_attempt_at: number;
}

export type PetitionRow = Selectable<PetitionsTable>;
export type NewPetitionRow = Insertable<PetitionsTable>;
export type PetitionUpdate = Updateable<PetitionsTable>;
export type SignatureRow = Selectable<SignaturesTable>;
export type AccountRow = Selectable<AccountsTable>;

export type EventStatus = 'open' | 'closed';
export type QuestionStatus = 'pending' | 'published' | 'answered' | 'hidden' | 'merged';
export type { HiddenReason } from '../record/entry.ts';
import type { HiddenReason } from '../record/entry.ts';

export interface EventsTable {
  id: Generated<number>;
  code: string;
  owner_id: number;
  status: EventStatus;
  title: string;
  description: string;
  addressee: string;
  language: string;
  time_zone: string;
  starts_at: number;
  ends_at: number;
  moderation: 'before' | 'after';
  anonymous_allowed: number;
  max_length: number;
  pinned_question_id: number | null;
  created_at: number;
  closed_at: number | null;
  /** listed: 1 when the organiser shows the event in the public list of events; 0 (every event before 010) when not. */
  listed: Generated<number>;
}

export interface EventModeratorsTable {
  event_id: number;
  account_id: number;
}

export interface QuestionsTable {
  id: Generated<number>;
  public_id: string;
  event_id: number;
  status: QuestionStatus;
  hidden_reason: HiddenReason | null;
  /** restore_status is where a hidden question goes back to when restored. */
  restore_status: QuestionStatus | null;
  merged_into: number | null;
  /** group_id is the row id of the first question of its group of similar questions (its own id when alone). */
  group_id: number;
  author_name: string | null;
  text: string;
  text_sha256: string;
  votes: number;
  asked_minute: number;
  answered_minute: number | null;
}

export interface VotesTable {
  id: Generated<number>;
  public_id: string;
  question_id: number;
  voter_hash: string;
  status: 'counted' | 'withdrawn';
}

export type EventRow = Selectable<EventsTable>;
export type QuestionRow = Selectable<QuestionsTable>;
export type VoteRow = Selectable<VotesTable>;

/** NoticeSettingsTable holds which emails a person wants about their own petitions and events, and where to (sealed). */
export interface NoticeSettingsTable {
  account_id: number;
  address_enc: string | null;
  language: string;
  goal: Generated<number>;
  summary: Generated<number>;
  questions: Generated<number>;
  updated_at: number;
}

/** NoticesSentTable marks each email written to a person: one row per (account, kind, subject), claimed once. */
export interface NoticesSentTable {
  account_id: number;
  kind: 'summary' | 'goal' | 'questions';
  /** subject is the site's day of a summary, a goal's petition public id, or the hour of a questions email. */
  subject: string;
  sent_at: number;
}

/** SummaryCountsTable keeps each petition's count as its owner's last daily summary gave it. */
export interface SummaryCountsTable {
  petition_id: number;
  signatures: number;
  counted_at: number;
}

/** AttachmentsTable holds the photos and videos attached to petitions (see migrations/013-attachments.ts). */
export interface AttachmentsTable {
  id: Generated<number>;
  public_id: string;
  petition_id: number;
  kind: 'image' | 'video';
  status: 'draft' | 'published' | 'removed';
  alt: string;
  created_at: number;
  published_at: number | null;
  removed_at: number | null;
}

/** AttachmentFilesTable lists each cleaned file an attachment is served as. */
export interface AttachmentFilesTable {
  attachment_id: number;
  name: string;
  content_type: string;
  width: number;
  height: number;
  size: number;
  sha256: string;
}

/** AttachmentChunksTable holds the cleaned files' bytes, in order, a chunk a row. */
export interface AttachmentChunksTable {
  attachment_id: number;
  name: string;
  seq: number;
  bytes: Uint8Array;
}

export type AttachmentRow = Selectable<AttachmentsTable>;
export type AttachmentFileRow = Selectable<AttachmentFilesTable>;

/** PaperBatchesTable holds the batches of paper signatures (see migrations/014-paper-batches.ts). */
export interface PaperBatchesTable {
  id: Generated<number>;
  public_id: string;
  petition_id: number;
  count: number;
  region: string | null;
  sheets: string;
  evidence_sha256: string | null;
  evidence_attachment_id: number | null;
  status: 'counted' | 'withdrawn';
  created_at: number;
  withdrawn_at: number | null;
  reason: string | null;
}
