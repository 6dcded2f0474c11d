import { z } from 'zod';
import { PaymentRule, ProcedureCode } from './catalog.js';
import { EformAnswerSection } from './eform.js';

export const DossierChannel = z.enum(['direct', 'online', 'postal']);
export type DossierChannel = z.infer<typeof DossierChannel>;

const text = (max: number, message: string) => z.string().trim().min(1, { message }).max(max);

export const Applicant = z.object({
  name: text(200, 'Cần họ và tên người nộp hồ sơ'),
  idNumber: z
    .string()
    .trim()
    .regex(/^(\d{12}|\d{10}(-\d{3})?)$/, {
      message: 'Số định danh gồm 12 chữ số (cá nhân) hoặc mã số thuế 10/13 số (tổ chức)',
    })
    .nullable()
    .default(null),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[\d .-]{8,15}$/, { message: 'Số điện thoại không hợp lệ' })
    .nullable()
    .default(null),
  email: z.email({ message: 'Thư điện tử không hợp lệ' }).nullable().default(null),
  address: z.string().trim().max(500).nullable().default(null),
});
export type Applicant = z.infer<typeof Applicant>;

/** Online filing by a signed-in citizen or business; name and ID come from the sign-in. */
export const FileOnlineRequest = z.object({
  procedureCode: ProcedureCode,
  /** The one-stop centre (ward or province) the dossier is filed with. */
  receivingAgencyId: z.uuid({ message: 'Cần chọn nơi nộp hồ sơ' }),
  contact: Applicant.pick({ phone: true, email: true, address: true }),
  formData: z.record(z.string(), z.unknown()).default({}),
});
export type FileOnlineRequest = z.infer<typeof FileOnlineRequest>;

/** A component as handed in at the counter: originals and copies (TT 03/2025 form 01). */
export const ReceivedComponent = z
  .object({
    name: text(500, 'Cần tên thành phần hồ sơ'),
    originals: z.number().int().min(0).max(100).default(0),
    copies: z.number().int().min(0).max(100).default(0),
  })
  .refine((c) => c.originals + c.copies > 0, {
    message: 'Mỗi thành phần nộp phải có ít nhất một bản chính hoặc bản sao',
    path: ['originals'],
  });
export type ReceivedComponent = z.infer<typeof ReceivedComponent>;

/** Someone who files for the applicant: an authorised person or a legal representative. */
export const Representative = z.object({
  name: text(200, 'Cần họ và tên người được ủy quyền'),
  idNumber: Applicant.shape.idNumber,
  phone: Applicant.shape.phone,
  /** e.g. "Người được ủy quyền", "Người đại diện theo pháp luật", "Cha/mẹ". */
  capacity: text(200, 'Cần nêu tư cách người nộp thay').default('Người được ủy quyền'),
});
export type Representative = z.infer<typeof Representative>;

/** How the applicant asked to receive the result (chosen at intake, printed on the receipt). */
export const ReturnMethod = z.enum(['counter', 'post', 'online']);
export type ReturnMethod = z.infer<typeof ReturnMethod>;

/** Intake at the counter or by post, by a receiving officer on behalf of the applicant. */
export const CounterIntakeRequest = z.object({
  procedureCode: ProcedureCode,
  channel: z.enum(['direct', 'postal']),
  postalRef: z.string().trim().max(50).nullable().default(null),
  receivingAgencyId: z.uuid({ message: 'Cần chọn nơi tiếp nhận' }),
  applicant: Applicant,
  formData: z.record(z.string(), z.unknown()).default({}),
  /** What was handed in, component by component; printed on the receipt (form 01). */
  received: z.array(ReceivedComponent).max(100).default([]),
  setCount: z.number().int().min(1).max(50).default(1),
  returnMethod: ReturnMethod.default('counter'),
  representative: Representative.nullable().default(null),
  /**
   * Refused on the spot (NĐ 118/2025 Art. 17.1, form 03): the dossier is recorded as refused,
   * never received, and the refusal slip is issued at once.
   */
  refusal: z
    .object({ reason: text(2000, 'Cần nêu rõ lý do từ chối tiếp nhận') })
    .nullable()
    .default(null),
});
export type CounterIntakeRequest = z.infer<typeof CounterIntakeRequest>;

const reason = text(2000, 'Cần nêu rõ lý do');

export const DossierActionRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('receive') }),
  z.object({ kind: z.literal('refuse'), reason }),
  z.object({
    kind: z.literal('forward'),
    step: text(50, 'Cần bước xử lý'),
    toUnitId: z.uuid({ message: 'Mã phòng, đơn vị không hợp lệ' }).optional(),
    /** Why the dossier goes back to an earlier step (required then, e.g. the leader declines to sign). */
    reason: z.string().trim().max(2000).optional(),
  }),
  z.object({
    kind: z.literal('assign'),
    unitId: z.uuid({ message: 'Mã phòng, đơn vị không hợp lệ' }).optional(),
    accountId: z.uuid({ message: 'Mã cán bộ không hợp lệ' }).optional(),
  }),
  z.object({
    kind: z.literal('consult'),
    unitId: z.uuid({ message: 'Cần chọn đơn vị được xin ý kiến' }),
    question: text(2000, 'Cần nêu nội dung xin ý kiến'),
  }),
  z.object({
    kind: z.literal('consult_reply'),
    unitId: z.uuid({ message: 'Mã phòng, đơn vị không hợp lệ' }),
    answer: text(4000, 'Cần nội dung trả lời'),
  }),
  z.object({
    kind: z.literal('transfer'),
    agencyId: z.uuid({ message: 'Cần chọn cơ quan liên thông' }),
    reason: text(2000, 'Cần nêu nội dung chuyển liên thông'),
  }),
  z.object({
    kind: z.literal('transfer_back'),
    summary: text(4000, 'Cần kết quả xử lý liên thông'),
  }),
  z.object({
    kind: z.literal('request_supplement'),
    items: z.array(text(500, 'Nội dung bổ sung không được trống')).min(1, {
      message: 'Cần ít nhất một nội dung cần bổ sung',
    }),
    reason,
  }),
  z.object({ kind: z.literal('supplement') }),
  z.object({ kind: z.literal('request_payment'), amountVnd: z.number().int().positive() }),
  z.object({
    kind: z.literal('record_payment'),
    amountVnd: z.number().int().positive(),
    receiptNo: text(50, 'Cần số biên lai'),
  }),
  z.object({
    kind: z.literal('extend'),
    newDue: z.iso.datetime({ offset: true, message: 'Ngày hẹn mới phải theo ISO 8601 có múi giờ' }),
    reason,
  }),
  z.object({ kind: z.literal('withdraw'), reason }),
  z.object({ kind: z.literal('stop'), reason }),
  z.object({ kind: z.literal('complete'), resultCode: text(50, 'Cần mã kết quả') }),
  z.object({ kind: z.literal('return_result'), method: z.enum(['counter', 'post', 'online']) }),
]);
export type DossierActionRequest = z.infer<typeof DossierActionRequest>;

export const Remaining = z.object({ workingMinutes: z.number(), vi: z.string(), en: z.string() });

export const TimelineEntry = z.object({
  seq: z.number().int(),
  kind: z.string(),
  label: z.string(),
  at: z.string(),
  actorKind: z.enum(['applicant', 'officer', 'system']),
});

export const AttachmentPurpose = z.enum(['filing', 'supplement', 'result', 'other']);
export type AttachmentPurpose = z.infer<typeof AttachmentPurpose>;

/** A file of a dossier or a draft; the bytes are fetched from `url`. */
export const AttachmentView = z.object({
  id: z.string(),
  component: z.string(),
  purpose: AttachmentPurpose,
  actionSeq: z.number().int().nullable(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  digitised: z.boolean(),
  uploadedAt: z.string(),
  url: z.string(),
});
export type AttachmentView = z.infer<typeof AttachmentView>;

/** The forms of TT 03/2025 a dossier can have (form 07, the book, is per agency and period). */
export const FormKind = z.enum(['receipt', 'supplement', 'refusal', 'apology', 'stop', 'control']);
export type FormKind = z.infer<typeof FormKind>;

/**
 * A dossier's fee as its page shows it (issue 17): `due` is the amount asked and not yet paid
 * (status 6, whole VND; the page reads "Chờ nộp phí: 50.000 đ"), null when nothing is awaited;
 * `paid` the payments recorded in its log; `rule` the procedure's payment rule it was filed under.
 */
export const DossierPayment = z.object({
  due: z.number().int().nullable(),
  /** When the open request was made; null when nothing is awaited. */
  requestedAt: z.string().nullable(),
  paid: z.array(
    z.object({
      amountVnd: z.number().int(),
      receiptNo: z.string(),
      /** The payment's reference (MaThamChieu) when it came through the payments module. */
      reference: z.string().nullable(),
      at: z.string(),
    }),
  ),
  rule: PaymentRule,
});
export type DossierPayment = z.infer<typeof DossierPayment>;

export const DossierView = z.object({
  id: z.string(),
  code: z.string(),
  procedureCode: z.string(),
  procedureVersion: z.number().int(),
  procedureName: z.string(),
  channel: DossierChannel,
  status: z.string(),
  statusCode: z.number().int(),
  statusLabel: z.string(),
  applicant: Applicant,
  receivingAgencyId: z.string(),
  competentAgencyId: z.string().nullable(),
  filedAt: z.string(),
  receivedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  remaining: Remaining.nullable(),
  timeline: z.array(TimelineEntry),
  /** The forms that exist for it now: each records something that has happened. */
  forms: z.array(FormKind),
  attachments: z.array(AttachmentView),
  /** The e-form answers as the applicant gave them, titled by the procedure's e-form. */
  formAnswers: z.array(EformAnswerSection).default([]),
  /** The one supplement request (NĐ 118 Art. 11: only once), for the applicant to answer. */
  supplementRequest: z
    .object({ items: z.array(z.string()), reason: z.string(), at: z.string() })
    .nullable(),
  /** The workflow version it follows, where it is in it, and who has it. */
  process: z
    .object({
      id: z.string(),
      name: z.string(),
      version: z.number().int(),
      steps: z.array(
        z.object({
          key: z.string(),
          name: z.string(),
          kind: z.string(),
          role: z.string(),
          hours: z.number(),
          /** "Thu phí, lệ phí trước bước này" (issue 17). */
          requiresPayment: z.boolean().default(false),
          transferAgency: z.string().nullable(),
        }),
      ),
    })
    .nullable(),
  step: z.string().nullable(),
  /**
   * The step the dossier is at and who acts on it (its role, and its unit when it names one);
   * `mine`: the one looking holds it or stands in for whoever does. Null without a process.
   */
  currentStep: z
    .object({
      key: z.string(),
      name: z.string(),
      kind: z.string(),
      role: z.string(),
      unitId: z.string().nullable(),
      unitName: z.string().nullable(),
      mine: z.boolean(),
    })
    .nullable(),
  stepDueAt: z.string().nullable(),
  assignedUnitId: z.string().nullable(),
  assignedAccountId: z.string().nullable(),
  currentAgencyId: z.string().nullable(),
  openConsultations: z.array(z.object({ unitId: z.string(), askedAt: z.string() })),
  /** What the one looking may do now (legal rule and role both allow it): the buttons to show. */
  allowedActions: z.array(z.string()),
  warnings: z.array(z.string()),
  /** Null when the procedure asks for no fee and none was asked or paid. */
  payment: DossierPayment.nullable().default(null),
});
export type DossierView = z.infer<typeof DossierView>;

/**
 * What anyone holding the code may see: the procedure, the status, the dates and the steps, no
 * personal data. With the second factor (`verify`) it also names the applicant, masked.
 */
export const DossierLookup = z.object({
  code: z.string(),
  procedureName: z.string(),
  statusCode: z.number().int(),
  statusLabel: z.string(),
  /** The second factor matched: the answer includes the masked name. */
  verified: z.boolean(),
  /**
   * Why a second factor sent was not accepted, the same whichever factor was meant:
   * `mismatch`, or `too_many_attempts` (5 wrong in an hour: the code answers without it for
   * the rest of that hour). Null when none was sent or it matched.
   */
  verifyRefused: z.enum(['mismatch', 'too_many_attempts']).nullable(),
  /** "N*** V*** A***": each word's first letter, nothing of its length. Null unless verified. */
  applicantMasked: z.string().nullable(),
  filedAt: z.string(),
  receivedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  remaining: Remaining.nullable(),
  steps: z.array(TimelineEntry.pick({ label: true, at: true })),
  /** Set when the dossier is settled on a ministry's system (`btp`, `bca`), ingested from it. */
  ministrySource: z.string().optional(),
});
export type DossierLookup = z.infer<typeof DossierLookup>;

export const DossierLookupQuery = z.object({
  code: z
    .string({ message: 'Cần nhập mã hồ sơ' })
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-Z.]+-\d{6}-\d{4,}$/, {
      message:
        'Mã hồ sơ có dạng <mã cơ quan>-<YYMMDD>-<số thứ tự>, ví dụ 000.00.15.H75-261208-0001',
    }),
  /** The second factor: the last 4 digits of the applicant's ID number or phone at filing. */
  verify: z
    .string()
    .trim()
    .regex(/^\d{4}$/, {
      message: 'Nhập đúng 4 chữ số cuối của số CCCD hoặc số điện thoại, ví dụ 1234',
    })
    .optional(),
});

export const DossierQueueQuery = z.object({
  view: z
    .enum([
      'open',
      'assigned_to_me',
      'my_unit',
      'due_soon',
      'overdue',
      'waiting_supplement',
      'waiting_payment',
      'all',
    ])
    .default('open'),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type DossierQueueQuery = z.infer<typeof DossierQueueQuery>;

export const DossierQueueItem = z.object({
  code: z.string(),
  procedureCode: z.string(),
  /** The procedure's name as the catalogue gives it (the code when the catalogue lacks it). */
  procedureName: z.string(),
  applicantName: z.string(),
  channel: DossierChannel,
  statusCode: z.number().int(),
  statusLabel: z.string(),
  filedAt: z.string(),
  dueAt: z.string().nullable(),
  remaining: Remaining.nullable(),
  step: z.string().nullable(),
  /** The step's name in the dossier's workflow version (null without one). */
  stepName: z.string().nullable(),
  assignedUnitId: z.string().nullable(),
  assignedAccountId: z.string().nullable(),
});
export const DossierQueue = z.object({
  total: z.number().int(),
  items: z.array(DossierQueueItem),
});
export type DossierQueue = z.infer<typeof DossierQueue>;

/** Bulk assignment from the queue: many dossiers to one unit or officer at once. */
export const BulkAssignRequest = z.object({
  codes: z
    .array(z.string().trim().min(1))
    .min(1, { message: 'Cần chọn ít nhất một hồ sơ' })
    .max(100, { message: 'Mỗi lần phân công tối đa 100 hồ sơ' }),
  unitId: z.uuid({ message: 'Mã phòng, đơn vị không hợp lệ' }).optional(),
  accountId: z.uuid({ message: 'Mã cán bộ không hợp lệ' }).optional(),
});
export type BulkAssignRequest = z.infer<typeof BulkAssignRequest>;

export const BulkAssignResult = z.object({
  assigned: z.array(z.string()),
  failed: z.array(z.object({ code: z.string(), message: z.string() })),
});
export type BulkAssignResult = z.infer<typeof BulkAssignResult>;

/** Seed 001: dossiers that still arose here after their procedure moved to a ministry system. */
export const AfterCutoverReport = z.object({
  total: z.number().int(),
  items: z.array(
    z.object({
      code: z.string(),
      procedureCode: z.string(),
      procedureName: z.string(),
      cutoverDate: z.string().nullable(),
      channel: DossierChannel,
      statusLabel: z.string(),
      filedAt: z.string(),
    }),
  ),
});
export type AfterCutoverReport = z.infer<typeof AfterCutoverReport>;
