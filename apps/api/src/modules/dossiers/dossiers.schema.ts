import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export interface ApplicantRecord {
  name: string;
  idNumber: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
}

/**
 * A dossier: the current state derived from its action log (kept here for queues, lookups and
 * reports), the procedure version it was filed under, where it was received and who decides it.
 */
export const dosDossier = pgTable(
  'dos_dossier',
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text().notNull(),
    procedureCode: text().notNull(),
    procedureVersion: integer().notNull(),
    channel: text().notNull(),
    postalRef: text(),
    status: text().notNull(),
    /** TrangThaiHoSo 1–10 (domain.md §4.2). */
    statusCode: integer().notNull(),
    /** Where it was received (boundary-free receipt, NĐ 118/2025 Art. 14)… */
    receivingAgencyId: uuid().notNull(),
    /** …apart from the agency competent to decide it. */
    competentAgencyId: uuid(),
    applicant: jsonb().$type<ApplicantRecord>().notNull(),
    /** The citizen/business account that filed online (null at the counter). */
    applicantAccountId: uuid(),
    formData: jsonb()
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    filedAt: timestamp({ withTimezone: true }).notNull(),
    receivedAt: timestamp({ withTimezone: true }),
    dueAt: timestamp({ withTimezone: true }),
    completedAt: timestamp({ withTimezone: true }),
    /** The deadline clock (calendar module's DeadlineClock, dates as ISO strings). */
    clock: jsonb(),
    supplementRequests: integer().notNull().default(0),
    extended: boolean().notNull().default(false),
    step: text(),
    /** The workflow version (wf_process row) the dossier follows; kept for its whole life. */
    processId: uuid(),
    /**
     * Where the dossier is being processed now: after an inter-agency transfer (liên thông) the
     * receiving agency of the transfer; null = the competent agency. One citizen-facing clock.
     */
    currentAgencyId: uuid(),
    /** Assignment inside the processing agency (unit = phòng, account = the officer). */
    assignedUnitId: uuid(),
    assignedAccountId: uuid(),
    /** Due time of the current workflow step (for the control sheet's on-time marks). */
    stepDueAt: timestamp({ withTimezone: true }),
    /** Units asked for their opinion in the current step and not yet answered (xin ý kiến). */
    openConsultations: jsonb()
      .$type<Array<{ unitId: string; askedAt: string }>>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** Number of actions in the log; the next action's sequence number. */
    actions: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('dos_dossier_code_unique').on(t.code),
    index('dos_dossier_queue_idx').on(t.receivingAgencyId, t.statusCode, t.dueAt),
    index('dos_dossier_competent_idx').on(t.competentAgencyId, t.statusCode, t.dueAt),
    // The officer queues read open dossiers only (issue 7): with years of history nearly every
    // row is final, so partial indexes keep a queue's cost to its agency's open dossiers.
    index('dos_dossier_open_receiving_idx')
      .on(t.receivingAgencyId, t.dueAt, t.filedAt)
      .where(sql`${t.statusCode} NOT IN (3, 7, 8, 10)`),
    index('dos_dossier_open_competent_idx')
      .on(t.competentAgencyId, t.dueAt, t.filedAt)
      .where(sql`${t.statusCode} NOT IN (3, 7, 8, 10)`),
    index('dos_dossier_open_assignee_idx')
      .on(t.assignedAccountId, t.dueAt)
      .where(sql`${t.statusCode} NOT IN (3, 7, 8, 10)`),
    index('dos_dossier_open_unit_idx')
      .on(t.assignedUnitId, t.dueAt)
      .where(sql`${t.statusCode} NOT IN (3, 7, 8, 10)`),
    index('dos_dossier_open_current_idx')
      .on(t.currentAgencyId, t.dueAt)
      .where(sql`${t.statusCode} NOT IN (3, 7, 8, 10)`),
    index('dos_dossier_applicant_idx').on(t.applicantAccountId, t.procedureCode),
    // The duplicate warning looks counter applicants up by their ID number.
    index('dos_dossier_applicant_id_number_idx').on(
      sql`(${t.applicant}->>'idNumber')`,
      t.procedureCode,
    ),
    index('dos_dossier_procedure_idx').on(t.procedureCode, t.filedAt),
    check('dos_dossier_channel_known', sql`${t.channel} IN ('direct', 'online', 'postal')`),
    check('dos_dossier_status_code_range', sql`${t.statusCode} BETWEEN 1 AND 10`),
  ],
);

/** The append-only action log: who did what, when, why. Status and timeline derive from it. */
export const dosAction = pgTable(
  'dos_action',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    dossierId: uuid().notNull(),
    seq: integer().notNull(),
    kind: text().notNull(),
    /** Actor: kind, account id, role and unit at the time. */
    actor: jsonb().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
    payload: jsonb()
      .notNull()
      .default(sql`'{}'::jsonb`),
    /** A retried click or submission carries the same key and never acts twice. */
    idempotencyKey: text().notNull(),
  },
  (t) => [
    foreignKey({
      name: 'dos_action_dossier_fk',
      columns: [t.dossierId],
      foreignColumns: [dosDossier.id],
    }),
    uniqueIndex('dos_action_dossier_seq_unique').on(t.dossierId, t.seq),
    uniqueIndex('dos_action_idempotency_unique').on(t.idempotencyKey),
  ],
);

/** Daily sequence per agency for dossier codes (TT 03/2025 Art. 13); gaps are allowed. */
export const dosCodeCounter = pgTable(
  'dos_code_counter',
  {
    electronicId: text().notNull(),
    day: text().notNull(),
    lastValue: integer().notNull(),
  },
  (t) => [primaryKey({ name: 'dos_code_counter_pk', columns: [t.electronicId, t.day] })],
);

/**
 * The number each form of a dossier was issued under (issue 14: "Số: …/TNHS" was never set):
 * one per dossier and form, so a reprint shows the same number; numbered per issuing agency,
 * year and form in `dos_document_counter`.
 */
export const dosDocument = pgTable(
  'dos_document',
  {
    dossierId: uuid().notNull(),
    kind: text().notNull(),
    agencyId: uuid().notNull(),
    year: integer().notNull(),
    seq: integer().notNull(),
    number: text().notNull(),
    issuedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'dos_document_pk', columns: [t.dossierId, t.kind] }),
    uniqueIndex('dos_document_series_unique').on(t.agencyId, t.year, t.kind, t.seq),
  ],
);

export const dosDocumentCounter = pgTable(
  'dos_document_counter',
  {
    agencyId: uuid().notNull(),
    year: integer().notNull(),
    kind: text().notNull(),
    lastValue: integer().notNull(),
  },
  (t) => [primaryKey({ name: 'dos_document_counter_pk', columns: [t.agencyId, t.year, t.kind] })],
);

/**
 * An online draft (hồ sơ nháp) of a signed-in citizen or business: one per procedure, kept on the
 * server so it survives a new sign-in or another device.
 */
export const dosDraft = pgTable(
  'dos_draft',
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid().notNull(),
    procedureCode: text().notNull(),
    receivingAgencyId: uuid(),
    contact: jsonb()
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    formData: jsonb()
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('dos_draft_account_procedure_unique').on(t.accountId, t.procedureCode)],
);

/**
 * A file of a dossier (thành phần hồ sơ, a supplement, the electronic result), or of a draft
 * before submission. The bytes live in the storage (local disk or S3-compatible) under
 * `storageKey`; the checksum proves they were not changed.
 */
export const dosAttachment = pgTable(
  'dos_attachment',
  {
    id: uuid().primaryKey().defaultRandom(),
    dossierId: uuid(),
    draftId: uuid(),
    /** The checklist component (thành phần hồ sơ) this file answers, or "Khác". */
    component: text().notNull(),
    purpose: text().notNull().default('filing'),
    /** The action (seq in dos_action) that brought it: a supplement, a result. */
    actionSeq: integer(),
    fileName: text().notNull(),
    /** Sniffed from the content, not trusted from the upload. */
    contentType: text().notNull(),
    sizeBytes: integer().notNull(),
    sha256: text().notNull(),
    storageKey: text().notNull(),
    /** Scanned from paper at the counter and kept as a digitised copy (TT 03/2025 Art. 5). */
    digitised: boolean().notNull().default(false),
    uploadedBy: jsonb().notNull(),
    uploadedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'dos_attachment_dossier_fk',
      columns: [t.dossierId],
      foreignColumns: [dosDossier.id],
    }),
    foreignKey({
      name: 'dos_attachment_draft_fk',
      columns: [t.draftId],
      foreignColumns: [dosDraft.id],
    }).onDelete('set null'),
    index('dos_attachment_dossier_idx').on(t.dossierId),
    index('dos_attachment_draft_idx').on(t.draftId),
    check(
      'dos_attachment_purpose_known',
      sql`${t.purpose} IN ('filing', 'supplement', 'result', 'other')`,
    ),
  ],
);

/** Officers' reads of a dossier's personal data (who, what, when): Luật BVDLCN, NĐ 13/2023. */
export const dosReadLog = pgTable(
  'dos_read_log',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    dossierId: uuid().notNull(),
    accountId: uuid().notNull(),
    /** dossier | attachment | form */
    what: text().notNull(),
    detail: text(),
    requestId: text(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('dos_read_log_dossier_idx').on(t.dossierId, t.at),
    index('dos_read_log_account_idx').on(t.accountId, t.at),
  ],
);
