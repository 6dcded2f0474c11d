import { z } from 'zod';

export const AgencyKind = z.enum([
  'people_committee',
  'committee_office',
  'service_centre',
  'service_centre_branch',
  'department',
  'police',
  'commune_committee',
  'commune_service_centre',
]);
export type AgencyKind = z.infer<typeof AgencyKind>;

export const Agency = z.object({
  id: z.string(),
  /** Agency electronic ID (mã định danh điện tử, QĐ 20/2020/QĐ-TTg), used as dossier code prefix. */
  electronicId: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: AgencyKind,
  parentId: z.string().nullable(),
  adminUnitCode: z.string().nullable(),
  active: z.boolean(),
});
export type Agency = z.infer<typeof Agency>;

export const AgencyListQuery = z.object({
  kind: AgencyKind.optional(),
  q: z.string().trim().max(100).optional(),
});
export type AgencyListQuery = z.infer<typeof AgencyListQuery>;

export const AgencyListResponse = z.object({
  total: z.number(),
  items: z.array(Agency),
});
export type AgencyListResponse = z.infer<typeof AgencyListResponse>;
