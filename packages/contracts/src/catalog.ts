import { z } from 'zod';

/** National procedure code, e.g. 1.001193, or a local variant such as 1.000948.H38. */
export const ProcedureCode = z
  .string()
  .trim()
  .regex(/^\d\.\d{6}(?:\.[A-Z0-9]+)?$/, {
    message: 'Mã thủ tục không hợp lệ (ví dụ đúng: 1.001193 hoặc 1.000948.H38)',
  });

/** Submission channels (KenhThucHien 1, 2, 3; NĐ 118/2025 Art. 15). */
export const Channel = z.enum(['direct', 'online', 'postal']);
export type Channel = z.infer<typeof Channel>;

/** Units the catalogue states processing times in; `null` when the source lost the unit. */
export const TimeUnit = z.enum([
  'working_days',
  'calendar_days',
  'working_hours',
  'hours',
  'weeks',
  'months',
  'years',
]);
export type TimeUnit = z.infer<typeof TimeUnit>;

export const Fee = z.object({
  code: z.string(),
  /** Amount in VND; 0 for "Miễn phí"; null when a fee is stated without a figure. */
  amountVnd: z.number().nullable(),
  description: z.string(),
});
export type Fee = z.infer<typeof Fee>;

export const ChannelTerm = z.object({
  timeValue: z.number().nullable(),
  timeUnit: TimeUnit.nullable(),
  fees: z.array(Fee),
  /** The catalogue's own text for this row, kept beside what was parsed from it. */
  raw: z.string(),
});
export type ChannelTerm = z.infer<typeof ChannelTerm>;

export const ChannelTerms = z.object({ channel: Channel, terms: z.array(ChannelTerm) });
export type ChannelTerms = z.infer<typeof ChannelTerms>;

export const Component = z.object({
  code: z.string(),
  name: z.string(),
  template: z.string(),
  templateUrl: z.string(),
  originals: z.number().int().nullable(),
  copies: z.number().int().nullable(),
  quantityRaw: z.string(),
});
export type Component = z.infer<typeof Component>;

export const ProcedureContent = z.object({
  code: ProcedureCode,
  name: z.string(),
  decisionNo: z.string(),
  levels: z.array(z.string()),
  procedureType: z.string(),
  fields: z.array(z.object({ code: z.string(), name: z.string() })),
  targetGroups: z.string(),
  implementingAgencies: z.array(z.object({ code: z.string(), name: z.string() })),
  competentAgency: z.string(),
  coordinatingAgency: z.string(),
  receivingAddress: z.string(),
  steps: z.array(z.object({ case: z.string(), steps: z.array(z.string()) })),
  channels: z.array(ChannelTerms),
  components: z.array(z.object({ case: z.string(), items: z.array(Component) })),
  conditions: z.string(),
  results: z.array(z.object({ code: z.string(), name: z.string() })),
  legalBasis: z.array(z.object({ number: z.string(), title: z.string() })),
  isPublic: z.boolean(),
  sourceUrl: z.string(),
});
export type ProcedureContent = z.infer<typeof ProcedureContent>;

/** What the importer could not read in a record; the record is kept regardless. */
export const ParseIssue = z.object({ field: z.string(), message: z.string(), raw: z.string() });
export type ParseIssue = z.infer<typeof ParseIssue>;

/** Where the province runs a procedure (seeds 000, 001, 004). */
export const RunOn = z.enum(['province', 'ministry']);
export type RunOn = z.infer<typeof RunOn>;

/** Online service level (NĐ 42/2022): full (toàn trình) or partial (một phần). */
export const OnlineLevel = z.enum(['full', 'partial', 'none']);
export type OnlineLevel = z.infer<typeof OnlineLevel>;

/**
 * The processing time the province confirms for a procedure, overriding the catalogue's when the
 * national record lost it (598 records read "1 ?") or states it ambiguously. `cutoffAfter`: a
 * dossier received at or after this time counts from the next working day (e.g. "15:00").
 */
export const ProcessingTime = z.object({
  amount: z
    .number({ message: 'Thời hạn giải quyết phải là số' })
    .positive({ message: 'Thời hạn giải quyết phải lớn hơn 0' })
    .max(1000),
  unit: z.enum(['working_days', 'working_hours', 'calendar_days'], {
    message: 'Đơn vị thời hạn phải là ngày làm việc, giờ làm việc hoặc ngày',
  }),
  cutoffAfter: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Giờ tiếp nhận muộn nhất có dạng HH:MM' })
    .nullable()
    .default(null),
  /** The legal text the time comes from, shown to officers. */
  basis: z.string().trim().max(500).default(''),
  /** After a supplement the remaining time continues, or the whole period restarts. */
  afterSupplement: z.enum(['continue', 'restart']).default('continue'),
  /** Working days the applicant has to supplement before the dossier is closed; null = 15. */
  supplementDays: z
    .number()
    .int({ message: 'Số ngày bổ sung phải là số nguyên' })
    .min(1, { message: 'Số ngày bổ sung phải từ 1 ngày làm việc' })
    .max(90)
    .nullable()
    .default(null),
});
export type ProcessingTime = z.infer<typeof ProcessingTime>;

/**
 * How a procedure's fees are asked for and what the legal clock does meanwhile (issue 17; data,
 * pinned on each dossier at filing like the processing time):
 * - `due`: `none` — the system asks for nothing by itself (an officer may still request an
 *   amount); `on_filing` — an online filing is followed at once by a request for the fee quote's
 *   total, the dossier waits in status 6 before receipt; `at_step` — asked when the dossier is
 *   forwarded into a step of the process marked `requiresPayment` (a paying step asks whatever
 *   `due` says: the process is the more specific setting).
 * - `clock`: while the dossier waits for payment the legal time stands still (`pause`) or keeps
 *   running (`run`). [U] Neither NĐ 118/2025 (Art. 24) nor domain.md settles it; hence data.
 * - `filingDateFromPayment`: after payment the submission date and the deadline are counted
 *   from the payment time (Thanh Hóa's UpdateNgayNopSauKhiNopPhi, domain.md §4.6 [I]).
 */
export const PaymentRule = z.object({
  due: z
    .enum(['none', 'on_filing', 'at_step'], {
      message: 'Thời điểm nộp phí phải là: không yêu cầu, khi nộp hồ sơ hoặc tại bước xử lý',
    })
    .default('none'),
  clock: z
    .enum(['pause', 'run'], {
      message: 'Thời hạn khi chờ nộp phí phải là: tạm dừng hoặc tiếp tục tính',
    })
    .default('pause'),
  filingDateFromPayment: z
    .boolean({ message: 'Tính lại ngày nộp từ khi nộp phí phải là có hoặc không' })
    .default(false),
});
export type PaymentRule = z.infer<typeof PaymentRule>;
export const DEFAULT_PAYMENT_RULE: PaymentRule = {
  due: 'none',
  clock: 'pause',
  filingDateFromPayment: false,
};

/** File types a citizen may upload for a component online. */
export const ChecklistFormat = z.enum(['pdf', 'jpg', 'png', 'docx', 'xlsx']);
export type ChecklistFormat = z.infer<typeof ChecklistFormat>;

/**
 * One component (thành phần hồ sơ) of a procedure as the citizen and the counter see it: the
 * province's reviewed reading of the national record (NĐ 118/2025 Art. 6: the applicant may
 * refuse to hand in what the published procedure does not ask).
 */
export const ChecklistItem = z.object({
  name: z
    .string({ message: 'Cần tên thành phần hồ sơ' })
    .trim()
    .min(1, { message: 'Cần tên thành phần hồ sơ' })
    .max(500, { message: 'Tên thành phần hồ sơ tối đa 500 ký tự' }),
  /** Required in every case; a conditional item is required only when its condition holds. */
  required: z.boolean(),
  /** When the item applies, in words ("Trường hợp người đi đăng ký là người được ủy quyền"); null = always. */
  condition: z
    .string()
    .trim()
    .max(500, { message: 'Điều kiện tối đa 500 ký tự' })
    .nullable()
    .default(null),
  originals: z
    .number({ message: 'Số bản chính phải là số' })
    .int({ message: 'Số bản chính phải là số nguyên' })
    .min(0, { message: 'Số bản chính không được âm' })
    .max(20, { message: 'Số bản chính tối đa 20' }),
  copies: z
    .number({ message: 'Số bản sao phải là số' })
    .int({ message: 'Số bản sao phải là số nguyên' })
    .min(0, { message: 'Số bản sao không được âm' })
    .max(20, { message: 'Số bản sao tối đa 20' }),
  /** File types accepted online. */
  formats: z
    .array(ChecklistFormat)
    .min(1, { message: 'Cần ít nhất một định dạng tệp được chấp nhận' })
    .default(['pdf', 'jpg', 'png']),
  /** A note for the citizen (where to get it, what counts). */
  note: z
    .string()
    .trim()
    .max(1000, { message: 'Ghi chú tối đa 1000 ký tự' })
    .nullable()
    .default(null),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

/** Must be handed in (counter) or uploaded (online) whatever the case: required, no condition. */
export const isRequiredItem = (item: Pick<ChecklistItem, 'required' | 'condition'>) =>
  item.required && item.condition === null;

/**
 * The declaration (tờ khai, giấy/đơn đề nghị) is the form itself: filed online, the e-form's
 * answers stand for it, as the civil-status records say ("Mẫu hộ tịch điện tử tương tác … nếu
 * người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tuyến", QĐ 163/QĐ-BTP), so no scan of
 * it is asked.
 */
export const answeredByEform = (item: Pick<ChecklistItem, 'name'>) =>
  /^(?:tờ khai|giấy đề nghị|đơn đề nghị)/iu.test(item.name.normalize('NFC').trim());

/** A procedure's checklist as served: the province's, or proposed from the national record. */
export const ProcedureChecklist = z.object({
  /** 'province': curated/configured by the province; 'catalogue': proposed from the national record's text. */
  source: z.enum(['province', 'catalogue']),
  items: z.array(ChecklistItem),
  /** Text of the record addressed to officers or general notes, kept out of the citizen's slots. */
  officerNotes: z.array(z.string()),
});
export type ProcedureChecklist = z.infer<typeof ProcedureChecklist>;

export const LocalConfig = z.object({
  runOn: RunOn,
  /** From this date new dossiers go to the ministry's system; earlier ones stay here. */
  cutoverDate: z.iso.date().nullable(),
  ministrySystemUrl: z.url({ message: 'Địa chỉ hệ thống của bộ phải là URL hợp lệ' }).nullable(),
  handlingAgencyId: z.uuid().nullable(),
  localFeeDecision: z.string().max(500).nullable(),
  /** Receivable anywhere in the province (NĐ 118/2025 Art. 14). */
  boundaryFree: z.boolean(),
  onlineLevel: OnlineLevel,
  /** JSON Schema of the e-form (tờ khai điện tử). */
  eform: z.record(z.string(), z.unknown()).nullable(),
  checklist: z.array(ChecklistItem),
  processingTime: ProcessingTime.nullable().default(null),
  /** When fees are asked for and the clock meanwhile; absent in a request = the defaults. */
  payment: PaymentRule.default(() => ({ ...DEFAULT_PAYMENT_RULE })),
});
export type LocalConfig = z.infer<typeof LocalConfig>;

export const ProcedureSummary = z.object({
  code: z.string(),
  name: z.string(),
  field: z.string(),
  levels: z.array(z.string()),
  onlineLevel: OnlineLevel,
  runOn: RunOn,
  /** Shortest stated processing time, for the result list. */
  processingTime: z.object({ value: z.number().nullable(), unit: TimeUnit.nullable() }).nullable(),
});
export type ProcedureSummary = z.infer<typeof ProcedureSummary>;

export const ProcedureSearchQuery = z.object({
  q: z.string().trim().max(200, { message: 'Từ khóa tìm kiếm tối đa 200 ký tự' }).optional(),
  field: z.string().trim().max(200).optional(),
  level: z.string().trim().max(50).optional(),
  onlineLevel: OnlineLevel.optional(),
  runOn: RunOn.optional(),
  /** The handling agency (org agency id) configured for the procedure. */
  agency: z.uuid({ message: 'Mã cơ quan không hợp lệ' }).optional(),
  page: z.coerce
    .number({ message: 'Số trang phải là số nguyên dương' })
    .int({ message: 'Số trang phải là số nguyên dương' })
    .min(1, { message: 'Số trang phải là số nguyên dương' })
    .max(10_000)
    .default(1),
  pageSize: z.coerce
    .number({ message: 'Cỡ trang phải là số từ 1 đến 100' })
    .int()
    .min(1, { message: 'Cỡ trang phải là số từ 1 đến 100' })
    .max(100, { message: 'Cỡ trang phải là số từ 1 đến 100' })
    .default(20),
});
export type ProcedureSearchQuery = z.infer<typeof ProcedureSearchQuery>;

export const ProcedureSearchResponse = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(ProcedureSummary),
});
export type ProcedureSearchResponse = z.infer<typeof ProcedureSearchResponse>;

export const ProcedureDetail = z.object({
  content: ProcedureContent,
  version: z.object({
    number: z.number().int(),
    effectiveDate: z.string(),
    decisionNo: z.string(),
  }),
  local: LocalConfig,
  /** Where a citizen files today: here, or the ministry's system (with its link). */
  filing: z.object({
    where: RunOn,
    url: z.string().nullable(),
  }),
  /** The components a citizen files: the province's list when configured, else the proposal. */
  checklist: ProcedureChecklist,
  parseIssues: z.array(ParseIssue),
});
export type ProcedureDetail = z.infer<typeof ProcedureDetail>;

export const FieldFacet = z.object({ name: z.string(), count: z.number().int() });
export const ProcedureFacetsResponse = z.object({
  fields: z.array(FieldFacet),
  levels: z.array(FieldFacet),
});
export type ProcedureFacetsResponse = z.infer<typeof ProcedureFacetsResponse>;

export const ProcedureVersionSummary = z.object({
  number: z.number().int(),
  effectiveDate: z.string(),
  decisionNo: z.string(),
  source: z.enum(['national', 'file', 'edit']),
  createdAt: z.string(),
});
export const ProcedureVersionList = z.object({ items: z.array(ProcedureVersionSummary) });

export const VersionChange = z.object({
  path: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type VersionChange = z.infer<typeof VersionChange>;
export const VersionDiffResponse = z.object({
  from: z.number().int(),
  to: z.number().int(),
  changes: z.array(VersionChange),
});
export type VersionDiffResponse = z.infer<typeof VersionDiffResponse>;

export const ImportSummary = z.object({
  source: z.enum(['national', 'file']),
  read: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(z.object({ where: z.string(), message: z.string() })),
  withParseIssues: z.number().int(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

/** What a review can find to adjust (seed 000, the review items of the Văn phòng UBND). */
export const ReviewAdjustItem = z.enum([
  'admin_unit',
  'delegation',
  'processing_time',
  'fees',
  'receipts',
  'components',
  'process',
  'forms',
]);
export type ReviewAdjustItem = z.infer<typeof ReviewAdjustItem>;

export const ReviewOutcome = z.enum(['adjust', 'no_adjust']);
export type ReviewOutcome = z.infer<typeof ReviewOutcome>;

export const ReviewBatch = z.object({
  id: z.number().int(),
  name: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  items: z.number().int(),
});
export type ReviewBatch = z.infer<typeof ReviewBatch>;
export const ReviewBatchList = z.object({ items: z.array(ReviewBatch) });

export const CreateReviewBatch = z.object({
  name: z
    .string({ message: 'Cần tên đợt rà soát' })
    .trim()
    .min(3, { message: 'Tên đợt rà soát cần ít nhất 3 ký tự' })
    .max(200),
});

export const RecordReview = z
  .object({
    outcome: ReviewOutcome,
    adjustItems: z.array(ReviewAdjustItem).max(8).default([]),
    note: z.string().trim().max(2000).nullable().default(null),
  })
  .refine((v) => v.outcome === 'no_adjust' || v.adjustItems.length > 0, {
    message: 'Kết quả "cần điều chỉnh" phải nêu ít nhất một nội dung cần điều chỉnh',
    path: ['adjustItems'],
  });
export type RecordReview = z.infer<typeof RecordReview>;

export const ReviewItem = z.object({
  procedureCode: z.string(),
  procedureName: z.string(),
  departmentId: z.string(),
  department: z.string(),
  outcome: ReviewOutcome.nullable(),
  adjustItems: z.array(ReviewAdjustItem),
  note: z.string().nullable(),
  reviewedAt: z.string().nullable(),
});
export type ReviewItem = z.infer<typeof ReviewItem>;
export const ReviewItemList = z.object({ total: z.number().int(), items: z.array(ReviewItem) });
export type ReviewItemList = z.infer<typeof ReviewItemList>;

export const ReportFormat = z.enum(['json', 'xlsx', 'pdf']);
export type ReportFormat = z.infer<typeof ReportFormat>;

/** Seed 000 table (a): where each department's procedures run. */
export const RunOnReportRow = z.object({
  department: z.string(),
  onMinistry: z.number().int(),
  onProvince: z.number().int(),
  /** Share on the ministry system, 0..100, two decimals. */
  ministryPercent: z.number(),
});
export const RunOnReport = z.object({
  rows: z.array(RunOnReportRow),
  total: z.object({ onMinistry: z.number().int(), onProvince: z.number().int() }),
});
export type RunOnReport = z.infer<typeof RunOnReport>;

/** Seed 000 table (b): review progress per department in one batch. */
export const ReviewProgressRow = z.object({
  department: z.string(),
  total: z.number().int(),
  adjust: z.number().int(),
  noAdjust: z.number().int(),
  reviewed: z.number().int(),
  remaining: z.number().int(),
});
export const ReviewProgress = z.object({
  batch: ReviewBatch,
  rows: z.array(ReviewProgressRow),
  total: ReviewProgressRow.omit({ department: true }),
});
export type ReviewProgress = z.infer<typeof ReviewProgress>;

/** An administrator's correction of a procedure's content: a new version (source "edit"). */
export const EditProcedure = z.object({
  content: ProcedureContent,
  effectiveDate: z.iso.date({ message: 'Ngày hiệu lực phải có dạng YYYY-MM-DD' }),
});
export type EditProcedure = z.infer<typeof EditProcedure>;
