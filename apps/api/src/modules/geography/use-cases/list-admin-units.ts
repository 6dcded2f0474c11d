import type {
  AdminUnitListQuery,
  AdminUnitListResponse,
  ProvinceListResponse,
  Snapshot,
} from '@motcua/contracts';
import { notFound } from '../../../platform/errors.js';
import type { GeographyRepository, UnitRecord } from '../geography.repository.js';

function toProvince(row: UnitRecord) {
  return {
    code: row.code,
    name: row.name,
    fullName: row.fullName,
    type: row.type as 'province' | 'city',
  };
}

export async function listProvinces(
  repo: GeographyRepository,
  snapshot: Snapshot,
): Promise<ProvinceListResponse> {
  const rows = await repo.listProvinces(snapshot);
  return { snapshot, items: rows.map(toProvince) };
}

export async function listAdminUnits(
  repo: GeographyRepository,
  query: AdminUnitListQuery,
): Promise<AdminUnitListResponse> {
  const province = await repo.findProvince(query.snapshot, query.province);
  if (!province) {
    throw notFound(
      `Không tìm thấy tỉnh/thành phố có mã ${query.province} trong danh mục đơn vị hành chính.`,
    );
  }
  const rows = await repo.listCommunes(query.snapshot, query.province, query.q);
  return {
    snapshot: query.snapshot,
    province: toProvince(province),
    total: rows.length,
    items: rows.map((r) => ({
      code: r.code,
      name: r.name,
      fullName: r.fullName,
      type: r.type as AdminUnitListResponse['items'][number]['type'],
      typeLabel: r.typeLabel,
      provinceCode: r.provinceCode,
    })),
  };
}
