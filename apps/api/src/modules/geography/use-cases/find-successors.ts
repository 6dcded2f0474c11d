import type { SuccessorQuery, SuccessorResponse, Snapshot } from '@motcua/contracts';
import type { GeographyRepository } from '../geography.repository.js';

const MAX_MATCHES = 20;

/** "Which unit is old Phường Bửu Long part of now?" — follows the reorganisation history. */
export async function findSuccessors(
  repo: GeographyRepository,
  query: SuccessorQuery,
): Promise<SuccessorResponse> {
  const former = await repo.findFormerUnits({ code: query.code, q: query.q }, MAX_MATCHES);
  const bySnapshot = new Map<Snapshot, string[]>();
  for (const f of former)
    bySnapshot.set(f.snapshot, [...(bySnapshot.get(f.snapshot) ?? []), f.code]);
  const successors = new Map<
    string,
    Awaited<ReturnType<GeographyRepository['findCurrentSuccessors']>>
  >();
  for (const [snapshot, codes] of bySnapshot) {
    for (const row of await repo.findCurrentSuccessors(snapshot, codes)) {
      const key = `${snapshot}:${row.from_code}`;
      successors.set(key, [...(successors.get(key) ?? []), row]);
    }
  }
  const matches = former
    .map((f) => ({
      old: {
        snapshot: f.snapshot,
        code: f.code,
        fullName: f.full_name,
        districtName: f.district_name,
        provinceName: f.province_name,
      },
      successors: (successors.get(`${f.snapshot}:${f.code}`) ?? [])
        .filter((s) => !query.province || s.province_code === query.province)
        .map((s) => ({
          code: s.code,
          fullName: s.full_name,
          provinceCode: s.province_code,
          provinceName: s.province_name,
          coverage: s.coverage,
        })),
    }))
    .filter((m) => m.successors.length > 0);
  return { total: matches.length, matches };
}
