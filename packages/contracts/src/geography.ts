import { z } from 'zod';

/** Province codes are 2 digits, commune/ward codes 5 digits (GSO/TCTK coding). */
export const ProvinceCode = z
  .string()
  .trim()
  .regex(/^\d{2}$/, { message: 'Mã tỉnh phải gồm 2 chữ số, ví dụ 75' });
export const UnitCode = z
  .string()
  .trim()
  .regex(/^\d{5}$/, { message: 'Mã đơn vị hành chính cấp xã phải gồm 5 chữ số' });

/** Snapshots of the administrative map that the system keeps. */
export const Snapshot = z.enum(['current', '2025-07-01', 'pre-2025']);
export type Snapshot = z.infer<typeof Snapshot>;

export const UnitType = z.enum([
  'province',
  'city',
  'district',
  'ward',
  'commune',
  'special_zone',
  'town',
]);
export type UnitType = z.infer<typeof UnitType>;

export const Province = z.object({
  code: z.string(),
  name: z.string(),
  fullName: z.string(),
  type: UnitType,
});
export type Province = z.infer<typeof Province>;

export const AdminUnit = z.object({
  code: z.string(),
  name: z.string(),
  fullName: z.string(),
  type: UnitType,
  typeLabel: z.string(),
  provinceCode: z.string(),
});
export type AdminUnit = z.infer<typeof AdminUnit>;

export const AdminUnitListQuery = z.object({
  province: ProvinceCode,
  snapshot: Snapshot.default('current'),
  q: z.string().trim().max(100).optional(),
});
export type AdminUnitListQuery = z.infer<typeof AdminUnitListQuery>;

export const AdminUnitListResponse = z.object({
  snapshot: Snapshot,
  province: Province,
  total: z.number(),
  items: z.array(AdminUnit),
});
export type AdminUnitListResponse = z.infer<typeof AdminUnitListResponse>;

export const ProvinceListResponse = z.object({
  snapshot: Snapshot,
  items: z.array(Province),
});
export type ProvinceListResponse = z.infer<typeof ProvinceListResponse>;

export const SuccessorQuery = z
  .object({
    code: UnitCode.optional(),
    q: z.string().trim().min(2, { message: 'Nhập ít nhất 2 ký tự' }).max(100).optional(),
    province: ProvinceCode.optional(),
  })
  .refine((v) => v.code !== undefined || v.q !== undefined, {
    message: 'Cần cung cấp mã đơn vị (code) hoặc tên đơn vị cũ (q)',
  });
export type SuccessorQuery = z.infer<typeof SuccessorQuery>;

export const Coverage = z.enum(['full', 'partial']);
export type Coverage = z.infer<typeof Coverage>;

export const SuccessorMatch = z.object({
  old: z.object({
    snapshot: Snapshot,
    code: z.string(),
    fullName: z.string(),
    districtName: z.string().nullable(),
    provinceName: z.string(),
  }),
  successors: z.array(
    z.object({
      code: z.string(),
      fullName: z.string(),
      provinceCode: z.string(),
      provinceName: z.string(),
      coverage: Coverage,
    }),
  ),
});
export type SuccessorMatch = z.infer<typeof SuccessorMatch>;

export const SuccessorResponse = z.object({
  total: z.number(),
  matches: z.array(SuccessorMatch),
});
export type SuccessorResponse = z.infer<typeof SuccessorResponse>;
