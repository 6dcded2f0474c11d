import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Coverage, Snapshot, UnitType } from '@motcua/contracts';
import { normalizeVietnameseName } from './names.js';

/** Bump when the mapping below changes, so deployed databases reload. */
const LOADER_VERSION = 2;

export const FILES = {
  current: 'dvhc_2026-07_34tinh_3321xa_thanglequoc_full.json',
  july2025: 'dvhc_2025-07-01_34tinh_3321xa_thanglequoc_full.json',
  pre2025: 'dvhc_pre2025_63tinh_3cap_thanglequoc_vn_only_simplified.json',
  splits: 'mapping_2025_old_to_new_splits_dvhcvn.json',
  merges: 'mapping_2025_new_to_old_merges_dvhcvn.json',
} as const;

export type UnitLevel = 'province' | 'district' | 'commune';

export interface UnitRow {
  snapshot: Snapshot;
  level: UnitLevel;
  code: string;
  name: string;
  fullName: string;
  type: UnitType;
  typeLabel: string;
  provinceCode: string;
  districtCode: string | null;
  districtName: string | null;
  sortOrder: number;
}

export interface SuccessionRow {
  fromSnapshot: Snapshot;
  fromCode: string;
  toSnapshot: Snapshot;
  toCode: string;
  coverage: Coverage;
  source: string;
}

export interface ReferenceData {
  checksum: string;
  units: UnitRow[];
  successions: SuccessionRow[];
  counts: Record<string, number>;
}

// Only the fields we use are validated; the files carry more.
const TwoLevelFile = z.array(
  z.object({
    Code: z.string(),
    Name: z.string(),
    FullName: z.string(),
    AdministrativeUnitShortName: z.string(),
    Wards: z.array(
      z.object({
        Code: z.string(),
        Name: z.string(),
        FullName: z.string(),
        AdministrativeUnitShortName: z.string(),
      }),
    ),
  }),
);

const ThreeLevelFile = z.array(
  z.object({
    Code: z.string(),
    FullName: z.string(),
    District: z
      .array(
        z.object({
          Code: z.string(),
          FullName: z.string(),
          Ward: z.array(z.object({ Code: z.string(), FullName: z.string() })).nullable(),
        }),
      )
      .nullable(),
  }),
);

const SplitsFile = z.object({
  data: z.array(
    z.object({
      level1_id: z.string(),
      splits: z.array(z.object({ new_id: z.string() })),
      level3s: z.array(
        z.object({ level3_id: z.string(), splits: z.array(z.object({ new_id: z.string() })) }),
      ),
    }),
  ),
});

const MergesFile = z.object({
  data: z.array(
    z.object({
      level1_id: z.string(),
      merges: z.array(z.object({ old_id: z.string(), type: z.enum(['full', 'partial']) })),
      level2s: z.array(
        z.object({
          level2_id: z.string(),
          merges: z.array(z.object({ old_id: z.string(), type: z.enum(['full', 'partial']) })),
        }),
      ),
    }),
  ),
});

const communeTypes: Record<string, UnitType> = {
  Phường: 'ward',
  Xã: 'commune',
  'Đặc khu': 'special_zone',
  'Thị trấn': 'town',
};
const provinceTypes: Record<string, UnitType> = { Tỉnh: 'province', 'Thành phố': 'city' };
const prefixes = [
  'Thành phố',
  'Thị trấn',
  'Thị xã',
  'Đặc khu',
  'Phường',
  'Quận',
  'Huyện',
  'Tỉnh',
  'Xã',
];

function splitPrefix(fullName: string): { label: string; name: string } {
  const label = prefixes.find((p) => fullName.startsWith(`${p} `));
  if (!label) throw new Error(`unknown unit type in "${fullName}"`);
  return { label, name: fullName.slice(label.length + 1) };
}

function typeOf(table: Record<string, UnitType>, label: string, where: string): UnitType {
  const type = table[label];
  if (!type) throw new Error(`unknown unit type "${label}" for ${where}`);
  return type;
}

function twoLevelUnits(snapshot: Snapshot, file: z.infer<typeof TwoLevelFile>): UnitRow[] {
  const rows: UnitRow[] = [];
  file.forEach((p, pi) => {
    rows.push({
      snapshot,
      level: 'province',
      code: p.Code,
      name: normalizeVietnameseName(p.Name),
      fullName: normalizeVietnameseName(p.FullName),
      type: typeOf(provinceTypes, p.AdministrativeUnitShortName, p.FullName),
      typeLabel: p.AdministrativeUnitShortName,
      provinceCode: p.Code,
      districtCode: null,
      districtName: null,
      sortOrder: pi,
    });
    p.Wards.forEach((w, wi) => {
      rows.push({
        snapshot,
        level: 'commune',
        code: w.Code,
        name: normalizeVietnameseName(w.Name),
        fullName: normalizeVietnameseName(w.FullName),
        type: typeOf(communeTypes, w.AdministrativeUnitShortName, w.FullName),
        typeLabel: w.AdministrativeUnitShortName,
        provinceCode: p.Code,
        districtCode: null,
        districtName: null,
        sortOrder: wi,
      });
    });
  });
  return rows;
}

function threeLevelUnits(file: z.infer<typeof ThreeLevelFile>): UnitRow[] {
  const rows: UnitRow[] = [];
  file.forEach((p, pi) => {
    const province = splitPrefix(normalizeVietnameseName(p.FullName));
    rows.push({
      snapshot: 'pre-2025',
      level: 'province',
      code: p.Code,
      name: province.name,
      fullName: normalizeVietnameseName(p.FullName),
      type: typeOf(provinceTypes, province.label, p.FullName),
      typeLabel: province.label,
      provinceCode: p.Code,
      districtCode: null,
      districtName: null,
      sortOrder: pi,
    });
    (p.District ?? []).forEach((d, di) => {
      const districtFullName = normalizeVietnameseName(d.FullName);
      const district = splitPrefix(districtFullName);
      rows.push({
        snapshot: 'pre-2025',
        level: 'district',
        code: d.Code,
        name: district.name,
        fullName: districtFullName,
        type: 'district',
        typeLabel: district.label,
        provinceCode: p.Code,
        districtCode: null,
        districtName: null,
        sortOrder: di,
      });
      (d.Ward ?? []).forEach((w, wi) => {
        const fullName = normalizeVietnameseName(w.FullName);
        const commune = splitPrefix(fullName);
        rows.push({
          snapshot: 'pre-2025',
          level: 'commune',
          code: w.Code,
          name: commune.name,
          fullName,
          type: typeOf(communeTypes, commune.label, fullName),
          typeLabel: commune.label,
          provinceCode: p.Code,
          districtCode: d.Code,
          districtName: districtFullName,
          sortOrder: wi,
        });
      });
    });
  });
  return rows;
}

function successions(
  splits: z.infer<typeof SplitsFile>,
  merges: z.infer<typeof MergesFile>,
  july2025: UnitRow[],
  current: UnitRow[],
): SuccessionRow[] {
  // The merges file says whether each old unit went over whole or in part.
  const coverage = new Map<string, Coverage>();
  for (const p of merges.data) {
    for (const m of p.merges) coverage.set(`${p.level1_id}<${m.old_id}`, m.type);
    for (const u of p.level2s)
      for (const m of u.merges) coverage.set(`${u.level2_id}<${m.old_id}`, m.type);
  }
  const rows: SuccessionRow[] = [];
  const seen = new Set<string>();
  const add = (fromCode: string, toCode: string, parts: number, level: string) => {
    const key = `${level}:${fromCode}>${toCode}`;
    if (seen.has(key)) return;
    seen.add(key);
    rows.push({
      fromSnapshot: 'pre-2025',
      fromCode,
      toSnapshot: '2025-07-01',
      toCode,
      coverage: coverage.get(`${toCode}<${fromCode}`) ?? (parts > 1 ? 'partial' : 'full'),
      source: 'dvhcvn-2025-splits',
    });
  };
  for (const p of splits.data) {
    for (const s of p.splits) add(p.level1_id, s.new_id, p.splits.length, 'province');
    for (const c of p.level3s)
      for (const s of c.splits) add(c.level3_id, s.new_id, c.splits.length, 'commune');
  }
  // 2025-07-01 → now: codes were kept (e.g. Tỉnh → Thành phố Đồng Nai, xã → phường).
  const currentCodes = new Set(current.map((u) => `${u.level}:${u.code}`));
  for (const u of july2025) {
    if (currentCodes.has(`${u.level}:${u.code}`)) {
      rows.push({
        fromSnapshot: '2025-07-01',
        fromCode: u.code,
        toSnapshot: 'current',
        toCode: u.code,
        coverage: 'full',
        source: 'code-identity',
      });
    }
  }
  return rows;
}

async function readJson(dir: string, file: string): Promise<{ text: string; json: unknown }> {
  const text = await readFile(path.join(dir, file), 'utf8');
  return { text, json: JSON.parse(text) };
}

/** Reads and validates the vendored files; pure apart from file reads. */
export async function readReferenceData(dir: string): Promise<ReferenceData> {
  const hash = createHash('sha256').update(`loader:${LOADER_VERSION}`);
  const files = {} as Record<keyof typeof FILES, unknown>;
  for (const [key, file] of Object.entries(FILES) as [keyof typeof FILES, string][]) {
    const { text, json } = await readJson(dir, file);
    hash.update(text);
    files[key] = json;
  }
  const current = twoLevelUnits('current', TwoLevelFile.parse(files.current));
  const july2025 = twoLevelUnits('2025-07-01', TwoLevelFile.parse(files.july2025));
  const pre2025 = threeLevelUnits(ThreeLevelFile.parse(files.pre2025));
  const links = successions(
    SplitsFile.parse(files.splits),
    MergesFile.parse(files.merges),
    july2025,
    current,
  );
  const count = (rows: UnitRow[], level: UnitLevel) => rows.filter((r) => r.level === level).length;
  return {
    checksum: hash.digest('hex'),
    units: [...current, ...july2025, ...pre2025],
    successions: links,
    counts: {
      currentProvinces: count(current, 'province'),
      currentCommunes: count(current, 'commune'),
      july2025Provinces: count(july2025, 'province'),
      july2025Communes: count(july2025, 'commune'),
      pre2025Provinces: count(pre2025, 'province'),
      pre2025Districts: count(pre2025, 'district'),
      pre2025Communes: count(pre2025, 'commune'),
      successions: links.length,
    },
  };
}
