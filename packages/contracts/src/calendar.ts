import { z } from 'zod';

/** Units of a legal processing period ("Ngày làm việc", "Giờ làm việc", "Ngày" in the CSDL). */
export const DeadlineUnit = z.enum(['working_days', 'working_hours', 'calendar_days'], {
  message: 'Đơn vị thời hạn phải là working_days, working_hours hoặc calendar_days',
});
export type DeadlineUnit = z.infer<typeof DeadlineUnit>;

const isoWithOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An instant in ISO 8601 with its offset. A "+" left unencoded in a query string arrives as a
 * space, so "2026-02-13T09:00:00 07:00" is read as "+07:00".
 */
export const IsoInstant = z
  .string()
  .trim()
  .transform((v) => v.replace(/ (\d{2}:\d{2})$/, '+$1'))
  .refine((v) => isoWithOffset.test(v) && !Number.isNaN(Date.parse(v)), {
    message: 'Thời điểm phải theo ISO 8601 có múi giờ, ví dụ 2026-02-13T09:00:00+07:00',
  });

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Ngày phải có dạng YYYY-MM-DD, ví dụ 2026-04-27' })
  .refine(
    (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(v).toISOString().startsWith(v),
    {
      message: 'Ngày không tồn tại',
    },
  );

export const TimeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Giờ phải có dạng HH:MM, ví dụ 15:00' });

export const CalendarYear = z.coerce
  .number({ message: 'Năm phải là số, ví dụ 2026' })
  .int({ message: 'Năm phải là số nguyên' })
  .min(2000, { message: 'Năm phải từ 2000 đến 2100' })
  .max(2100, { message: 'Năm phải từ 2000 đến 2100' });

export const DeadlineQuery = z
  .object({
    from: IsoInstant,
    amount: z.coerce
      .number({ message: 'Thời hạn phải là số' })
      .min(0, { message: 'Thời hạn không được âm' })
      .max(1000, { message: 'Thời hạn không được vượt quá 1000' }),
    unit: DeadlineUnit,
    /** Received at or after this time on a working day → counts from the next working day. */
    cutoffAfter: TimeOfDay.optional(),
    /** Received within this many minutes before closing → counts from the next working day. */
    cutoffBeforeCloseMinutes: z.coerce
      .number({ message: 'cutoffBeforeCloseMinutes phải là số phút' })
      .int({ message: 'cutoffBeforeCloseMinutes phải là số phút nguyên' })
      .min(1, { message: 'cutoffBeforeCloseMinutes phải từ 1 đến 600' })
      .max(600, { message: 'cutoffBeforeCloseMinutes phải từ 1 đến 600' })
      .optional(),
  })
  .refine((q) => q.unit !== 'calendar_days' || Number.isInteger(q.amount), {
    message: 'Thời hạn tính theo ngày (calendar_days) phải là số nguyên',
    path: ['amount'],
  });
export type DeadlineQuery = z.infer<typeof DeadlineQuery>;

export const RemainingTime = z.object({
  /** Working minutes from now to the due instant; negative when overdue. */
  workingMinutes: z.number(),
  vi: z.string(),
  en: z.string(),
});
export type RemainingTime = z.infer<typeof RemainingTime>;

export const DeadlineResponse = z.object({
  /** The due instant, ISO 8601 with +07:00. */
  due: z.string(),
  /** When the period starts counting (after snapping to working time and intake cut-offs). */
  start: z.string(),
  from: z.string(),
  amount: z.number(),
  unit: DeadlineUnit,
  /** True when the period crosses a year whose calendar is not yet confirmed by an administrator. */
  provisional: z.boolean(),
  remaining: RemainingTime,
});
export type DeadlineResponse = z.infer<typeof DeadlineResponse>;

export const DayKind = z.enum(
  ['holiday', 'compensatory', 'swap_day_off', 'local_closure', 'makeup_workday'],
  {
    message:
      'Loại ngày phải là holiday, compensatory, swap_day_off, local_closure hoặc makeup_workday',
  },
);
export type DayKind = z.infer<typeof DayKind>;

export const DayStatus = z.enum(['confirmed', 'draft']);
export type DayStatus = z.infer<typeof DayStatus>;

export const CalendarDay = z.object({
  date: z.string(),
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: z.number(),
  kind: DayKind,
  name: z.string(),
  status: DayStatus,
  /** False for days off, true for make-up working days. */
  working: z.boolean(),
  pairedDate: z.string().nullable(),
  source: z.enum(['dataset', 'projection', 'admin', 'rules']),
  note: z.string().nullable(),
});
export type CalendarDay = z.infer<typeof CalendarDay>;

export const CalendarYearResponse = z.object({
  year: z.number(),
  /** dataset / projection: stored; rules: not stored yet, computed from the Labour Code rules. */
  origin: z.enum(['dataset', 'projection', 'rules']),
  hasDrafts: z.boolean(),
  workingWindows: z.array(z.string()),
  nonWorkingDays: z.array(CalendarDay),
  makeupWorkdays: z.array(CalendarDay),
});
export type CalendarYearResponse = z.infer<typeof CalendarYearResponse>;

export const CalendarDayParams = z.object({ date: IsoDate });
export const CalendarYearParams = z.object({ year: CalendarYear });

export const CalendarDayBody = z.object({
  kind: DayKind,
  name: z
    .string()
    .trim()
    .min(1, { message: 'Cần nhập tên ngày' })
    .max(200, { message: 'Tên ngày tối đa 200 ký tự' }),
  pairedDate: IsoDate.nullable().optional(),
  note: z.string().trim().max(1000, { message: 'Ghi chú tối đa 1000 ký tự' }).nullable().optional(),
});
export type CalendarDayBody = z.infer<typeof CalendarDayBody>;

export const ConfirmDraftsBody = z
  .object({ dates: z.array(IsoDate).max(400).optional() })
  .default({});
export type ConfirmDraftsBody = z.infer<typeof ConfirmDraftsBody>;

export const CalendarChange = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.enum(['seed', 'project', 'upsert', 'delete', 'confirm']),
  year: z.number(),
  date: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  recomputeStatus: z.enum(['pending', 'done', 'not_needed']),
  recomputedCount: z.number().nullable(),
  recomputedAt: z.string().nullable(),
});
export type CalendarChange = z.infer<typeof CalendarChange>;

export const CalendarChangeListQuery = z.object({ year: CalendarYear.optional() });
export const CalendarChangeListResponse = z.object({ items: z.array(CalendarChange) });
export type CalendarChangeListResponse = z.infer<typeof CalendarChangeListResponse>;

/** Answer to a calendar write: the year after the change and the change-log entry. */
export const CalendarWriteResponse = z.object({
  change: CalendarChange,
  year: CalendarYearResponse,
});
export type CalendarWriteResponse = z.infer<typeof CalendarWriteResponse>;
