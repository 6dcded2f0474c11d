import { z } from 'zod';
import { IsoDate } from './calendar.js';
import { Channel, ProcedureCode } from './catalog.js';

/**
 * Fee schedules (biểu phí, lệ phí) per procedure and agency, issue 17 item 1. Money is whole VND.
 * Phí and lệ phí are kept apart because they are receipted and remitted apart (Luật Phí và lệ phí
 * 2015 Art. 3; NĐ 118/2025 Art. 24; domain.md §4.6 `PhiLePhi[].LoaiPhiLePhi`).
 */
export const FeeKind = z.enum(['phi', 'le-phi'], {
  message: 'Loại khoản thu phải là phí (phi) hoặc lệ phí (le-phi)',
});
export type FeeKind = z.infer<typeof FeeKind>;

const Vnd = (what: string) =>
  z
    .number({ message: `${what} phải là số tiền (đồng)` })
    .int({ message: `${what} phải là số nguyên (đồng, không có phần lẻ)` })
    .min(0, { message: `${what} không được âm` })
    .max(10_000_000_000, { message: `${what} vượt quá mức cho phép` });

const Percent = (what: string) =>
  z
    .number({ message: `${what} phải là số` })
    .gt(0, { message: `${what} phải lớn hơn 0%` })
    .max(100, { message: `${what} tối đa 100%` });

const Label = (what: string, max = 300) =>
  z
    .string({ message: `${what} phải là chuỗi ký tự` })
    .trim()
    .min(1, { message: `${what} không được để trống` })
    .max(max, { message: `${what} tối đa ${max} ký tự` });

/** A per-page rate from a page on ("từ trang thứ 3 trở lên thu 1.000 đồng/trang"). */
export const PageTier = z.object({
  fromPage: z
    .number({ message: 'Trang bắt đầu phải là số' })
    .int({ message: 'Trang bắt đầu phải là số nguyên' })
    .min(1, { message: 'Trang bắt đầu phải từ 1' }),
  amount: Vnd('Mức thu mỗi trang'),
});
export type PageTier = z.infer<typeof PageTier>;

/**
 * How an item's amount is computed:
 * - `fixed`: one amount per dossier;
 * - `per_copy`: amount × copies (bản);
 * - `per_page`: `base` covers the first `pagesIncluded` pages, then each page at the rate of the
 *   tier it falls in; optionally capped per copy and multiplied by copies (chứng thực bản sao,
 *   TT 226/2016/TT-BTC Art. 4: 2.000 đ/trang, từ trang thứ 3 1.000 đ/trang, tối đa 200.000 đ/bản);
 * - `by_case`: one amount per labelled case (trường hợp) the dossier falls in.
 */
export const AmountRule = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('fixed'), amount: Vnd('Mức thu') }),
    z.object({
      type: z.literal('per_copy'),
      amount: Vnd('Mức thu mỗi bản'),
      max: Vnd('Mức thu tối đa').nullable().default(null),
    }),
    z.object({
      type: z.literal('per_page'),
      base: Vnd('Mức thu cơ bản').default(0),
      pagesIncluded: z
        .number({ message: 'Số trang đã gồm trong mức cơ bản phải là số' })
        .int({ message: 'Số trang đã gồm trong mức cơ bản phải là số nguyên' })
        .min(0, { message: 'Số trang đã gồm trong mức cơ bản không được âm' })
        .default(0),
      tiers: z
        .array(PageTier)
        .min(1, { message: 'Cần ít nhất một mức thu theo trang' })
        .max(10, { message: 'Tối đa 10 mức thu theo trang' }),
      maxPerCopy: Vnd('Mức thu tối đa mỗi bản').nullable().default(null),
      /** Whether the amount is charged once per copy (bản) asked for. */
      perCopy: z.boolean({ message: 'perCopy phải là true hoặc false' }).default(true),
    }),
    z.object({
      type: z.literal('by_case'),
      cases: z
        .array(z.object({ label: Label('Tên trường hợp'), amount: Vnd('Mức thu của trường hợp') }))
        .min(1, { message: 'Cần ít nhất một trường hợp' })
        .max(50, { message: 'Tối đa 50 trường hợp' }),
      /** The case charged when the dossier names none; null: the case must be given. */
      defaultCase: Label('Trường hợp mặc định').nullable().default(null),
    }),
  ],
  {
    message: 'Cách tính phải là fixed, per_copy, per_page hoặc by_case',
  },
);
export type AmountRule = z.infer<typeof AmountRule>;

export const FeeItem = z.object({
  kind: FeeKind,
  /** MaPhiLePhi sent to the payment platform (domain.md §4.6); unique within a schedule. */
  code: Label('Mã khoản thu', 50),
  name: Label('Tên khoản thu'),
  rule: AmountRule,
  /** Channels the item applies to; null: every channel. */
  channels: z
    .array(Channel, { message: 'Kênh nộp phải là direct, online hoặc postal' })
    .min(1, { message: 'Cần ít nhất một kênh nộp (hoặc để null cho mọi kênh)' })
    .nullable()
    .default(null),
  /** The legal text the item comes from, shown with its amount. */
  basis: z.string().trim().max(500, { message: 'Căn cứ tối đa 500 ký tự' }).default(''),
});
export type FeeItem = z.infer<typeof FeeItem>;

/** Exemption (miễn, 100%) or reduction (giảm) for a category of applicant, as data. */
export const FeeExemption = z.object({
  /** e.g. "Người có công với cách mạng", "Hộ nghèo", "Trẻ em dưới 6 tuổi". */
  category: Label('Đối tượng miễn, giảm', 200),
  percent: Percent('Mức miễn, giảm'),
  /** Item codes it applies to; null: every item. */
  itemCodes: z.array(Label('Mã khoản thu', 50)).min(1).nullable().default(null),
  basis: z.string().trim().max(500, { message: 'Căn cứ tối đa 500 ký tự' }).default(''),
});
export type FeeExemption = z.infer<typeof FeeExemption>;

/** A reduction for online filing that a local decision (nghị quyết HĐND) may set. */
export const OnlineReduction = z.object({
  percent: Percent('Mức giảm khi nộp trực tuyến'),
  itemCodes: z.array(Label('Mã khoản thu', 50)).min(1).nullable().default(null),
  basis: Label('Căn cứ giảm khi nộp trực tuyến', 500),
});
export type OnlineReduction = z.infer<typeof OnlineReduction>;

export const LegalBasis = z.object({
  number: Label('Số văn bản', 100),
  name: z.string().trim().max(500, { message: 'Tên văn bản tối đa 500 ký tự' }).default(''),
});
export type LegalBasis = z.infer<typeof LegalBasis>;

/** Tài khoản thụ hưởng (TKThuHuong, MaNHThuHuong, TenTKThuHuong; domain.md §4.6). */
export const BeneficiaryAccount = z.object({
  accountNo: z
    .string({ message: 'Số tài khoản phải là chuỗi ký tự' })
    .trim()
    .regex(/^[0-9A-Za-z]{4,34}$/, { message: 'Số tài khoản chỉ gồm 4–34 chữ số hoặc chữ cái' }),
  bankCode: Label('Mã ngân hàng', 20),
  accountName: Label('Tên tài khoản', 200),
});
export type BeneficiaryAccount = z.infer<typeof BeneficiaryAccount>;

/** Tài khoản thu NSNN at the State Treasury (TaiKhoanThuNSNN, KhoBac). */
export const TreasuryAccount = z.object({
  accountNo: z
    .string({ message: 'Tài khoản thu NSNN phải là chuỗi ký tự' })
    .trim()
    .regex(/^[0-9A-Za-z.]{4,34}$/, { message: 'Tài khoản thu NSNN chỉ gồm 4–34 chữ số' }),
  name: Label('Tên Kho bạc', 200),
});
export type TreasuryAccount = z.infer<typeof TreasuryAccount>;

/** POST /api/admin/fee-schedules: a new version (a schedule in force is never edited). */
export const NewFeeSchedule = z
  .object({
    procedureCode: ProcedureCode,
    /** Electronic ID (mã định danh) of the agency; null: the province-wide default. */
    agency: z
      .string({ message: 'Mã định danh cơ quan phải là chuỗi ký tự' })
      .trim()
      .min(1, { message: 'Mã định danh cơ quan không được để trống' })
      .max(100)
      .nullable()
      .default(null),
    items: z.array(FeeItem).max(30, { message: 'Tối đa 30 khoản thu' }),
    exemptions: z
      .array(FeeExemption)
      .max(30, { message: 'Tối đa 30 đối tượng miễn, giảm' })
      .default([]),
    onlineReduction: OnlineReduction.nullable().default(null),
    legalBasis: z
      .array(LegalBasis)
      .min(1, { message: 'Cần ghi căn cứ pháp lý (số văn bản)' })
      .max(20),
    effectiveFrom: IsoDate,
    effectiveTo: IsoDate.nullable().default(null),
    beneficiary: BeneficiaryAccount.nullable().default(null),
    treasury: TreasuryAccount.nullable().default(null),
    /** Ký hiệu biên lai (e.g. "BL-25E"). */
    receiptSeries: z
      .string({ message: 'Ký hiệu biên lai phải là chuỗi ký tự' })
      .trim()
      .regex(/^[0-9A-Za-zĐđ/\-.]{1,20}$/u, {
        message: 'Ký hiệu biên lai gồm 1–20 chữ, số hoặc các dấu / - .',
      })
      .nullable()
      .default(null),
    note: z.string().trim().max(2000, { message: 'Ghi chú tối đa 2000 ký tự' }).default(''),
  })
  .superRefine((s, ctx) => {
    const codes = s.items.map((i) => i.code);
    codes.forEach((code, i) => {
      if (codes.indexOf(code) !== i) {
        ctx.addIssue({
          code: 'custom',
          path: ['items', i, 'code'],
          message: `Mã khoản thu ${code} bị trùng`,
        });
      }
    });
    const known = new Set(codes);
    const checkCodes = (list: string[] | null, path: (string | number)[]) =>
      list?.forEach((code, i) => {
        if (!known.has(code)) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, i],
            message: `Không có khoản thu mã ${code} trong biểu phí`,
          });
        }
      });
    s.exemptions.forEach((e, i) => checkCodes(e.itemCodes, ['exemptions', i, 'itemCodes']));
    checkCodes(s.onlineReduction?.itemCodes ?? null, ['onlineReduction', 'itemCodes']);
    const categories = s.exemptions.map((e) => e.category.normalize('NFC').toLowerCase());
    categories.forEach((c, i) => {
      if (categories.indexOf(c) !== i) {
        ctx.addIssue({
          code: 'custom',
          path: ['exemptions', i, 'category'],
          message: 'Đối tượng miễn, giảm bị trùng',
        });
      }
    });
    if (s.effectiveTo !== null && s.effectiveTo < s.effectiveFrom) {
      ctx.addIssue({
        code: 'custom',
        path: ['effectiveTo'],
        message: 'Ngày hết hiệu lực phải sau ngày có hiệu lực',
      });
    }
    s.items.forEach((item, i) => {
      const rule = item.rule;
      if (rule.type === 'per_page') {
        const pages = rule.tiers.map((t) => t.fromPage);
        if (pages.some((p, j) => j > 0 && p <= pages[j - 1]!)) {
          ctx.addIssue({
            code: 'custom',
            path: ['items', i, 'rule', 'tiers'],
            message: 'Các mức thu theo trang phải xếp theo trang bắt đầu tăng dần',
          });
        }
        if (pages[0] !== rule.pagesIncluded + 1) {
          ctx.addIssue({
            code: 'custom',
            path: ['items', i, 'rule', 'tiers', 0, 'fromPage'],
            message: `Mức thu theo trang đầu tiên phải bắt đầu từ trang ${rule.pagesIncluded + 1}`,
          });
        }
      }
      if (rule.type === 'by_case') {
        const labels = rule.cases.map((c) => c.label);
        if (labels.some((l, j) => labels.indexOf(l) !== j)) {
          ctx.addIssue({
            code: 'custom',
            path: ['items', i, 'rule', 'cases'],
            message: 'Tên trường hợp bị trùng',
          });
        }
        if (rule.defaultCase !== null && !labels.includes(rule.defaultCase)) {
          ctx.addIssue({
            code: 'custom',
            path: ['items', i, 'rule', 'defaultCase'],
            message: 'Trường hợp mặc định phải là một trong các trường hợp đã khai',
          });
        }
      }
    });
  });
export type NewFeeSchedule = z.input<typeof NewFeeSchedule>;
export type FeeScheduleInput = z.output<typeof NewFeeSchedule>;

export const FeeScheduleSource = z.enum(['catalogue', 'curated', 'admin']);
export type FeeScheduleSource = z.infer<typeof FeeScheduleSource>;

/** A stored version. */
export const FeeSchedule = z.object({
  id: z.uuid(),
  procedureCode: z.string(),
  agencyId: z.uuid().nullable(),
  agency: z.string().nullable(),
  version: z.number().int(),
  source: FeeScheduleSource,
  items: z.array(FeeItem),
  exemptions: z.array(FeeExemption),
  onlineReduction: OnlineReduction.nullable(),
  legalBasis: z.array(LegalBasis),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  beneficiary: BeneficiaryAccount.nullable(),
  treasury: TreasuryAccount.nullable(),
  receiptSeries: z.string().nullable(),
  note: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type FeeSchedule = z.infer<typeof FeeSchedule>;

export const FeeScheduleList = z.object({ items: z.array(FeeSchedule) });
export type FeeScheduleList = z.infer<typeof FeeScheduleList>;

export const FeeScheduleListQuery = z.object({ procedureCode: ProcedureCode });

/** GET /api/procedures/{code}/fees (a contract of issue 17: keep it stable). */
export const ProcedureFeesQuery = z.object({
  /** Electronic ID (mã định danh) of the receiving agency; its own schedule wins over the default. */
  agency: z.string().trim().min(1).max(100).optional(),
  /** The channel to quote for; the online channel by default (the portal's question). */
  channel: Channel.optional(),
  /** The day to quote for (YYYY-MM-DD, Asia/Ho_Chi_Minh); today by default. */
  date: IsoDate.optional(),
});

export const ProcedureFeeLine = z.object({
  code: z.string(),
  kind: FeeKind,
  name: z.string(),
  /** Whole VND, for one copy / the minimum case. */
  amount: z.number().int(),
  basis: z.string(),
  /** The rule in words ("2.000 đ/trang; từ trang 3: 1.000 đ/trang; tối đa 200.000 đ/bản"). */
  rule: z.string(),
});
export type ProcedureFeeLine = z.infer<typeof ProcedureFeeLine>;

export const ProcedureFees = z.object({
  procedureCode: z.string(),
  /** false: the catalogue's fee text gave no usable amount and nobody entered one (items empty). */
  usable: z.boolean(),
  items: z.array(ProcedureFeeLine),
  total: z.number().int(),
  /** YYYY-MM-DD; null when there is no schedule. */
  effectiveFrom: z.string().nullable(),
  scheduleId: z.uuid().nullable(),
  /** The agency whose own schedule answered; null for the province-wide default. */
  agency: z.string().nullable(),
  channel: Channel,
  legalBasis: z.array(LegalBasis),
  exemptions: z.array(z.object({ category: z.string(), percent: z.number() })),
  onlineReductionPercent: z.number().nullable(),
});
export type ProcedureFees = z.infer<typeof ProcedureFees>;

/** GET /api/admin/fee-schedules/review: seed 002's review of procedures with no usable fee data. */
export const FeeReviewQuery = z.object({
  page: z.coerce
    .number({ message: 'Số trang phải là số nguyên dương' })
    .int({ message: 'Số trang phải là số nguyên dương' })
    .min(1, { message: 'Số trang phải là số nguyên dương' })
    .max(10_000, { message: 'Số trang tối đa 10000' })
    .default(1),
  pageSize: z.coerce
    .number({ message: 'Số dòng mỗi trang phải là số nguyên' })
    .int({ message: 'Số dòng mỗi trang phải là số nguyên' })
    .min(1, { message: 'Số dòng mỗi trang phải từ 1' })
    .max(200, { message: 'Số dòng mỗi trang tối đa 200' })
    .default(50),
});

export const FeeReview = z.object({
  counts: z.object({
    /** Procedures of the province's catalogue. */
    procedures: z.number().int(),
    /** With a schedule in force today (catalogue-derived, curated or entered). */
    withSchedule: z.number().int(),
    /** Of those, entered or curated by the province. */
    curated: z.number().int(),
    /** No usable fee data: to enter. */
    missing: z.number().int(),
  }),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  items: z.array(
    z.object({
      procedureCode: z.string(),
      name: z.string(),
      field: z.string(),
      /** Why the import found no usable amount (the parser's words). */
      reason: z.string(),
      /** The catalogue's fee text, to read while entering the schedule. */
      raw: z.string(),
    }),
  ),
});
export type FeeReview = z.infer<typeof FeeReview>;

/** What `fees.quote()` is asked (CORE, STEP): the dossier's facts at filing. */
export interface FeeQuoteInput {
  procedureCode: string;
  /** Receiving agency (org_agency id); its own schedule wins over the province default. */
  agencyId?: string | null;
  channel: Channel;
  /** When the dossier was filed: the schedule in force then applies. */
  at: Date;
  copies?: number;
  pages?: number;
  caseLabel?: string;
  /** An exemption/reduction category the applicant proved (e.g. "Hộ nghèo"). */
  category?: string;
}

export interface FeeQuoteItem {
  code: string;
  kind: FeeKind;
  name: string;
  amount: number;
  basis: string;
}

export interface FeeQuote {
  scheduleId: string;
  items: FeeQuoteItem[];
  total: number;
  effectiveFrom: string;
  beneficiary: BeneficiaryAccount | null;
  treasury: TreasuryAccount | null;
  receiptSeries: string | null;
}
