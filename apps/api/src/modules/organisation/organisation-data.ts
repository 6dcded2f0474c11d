import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { AgencyKind } from '@motcua/contracts';

/** The editable seed file format (data/organisation/<province>.json). */
export const OrganisationFile = z.object({
  provinceCode: z.string().regex(/^\d{2}$/),
  notes: z.array(z.string()).default([]),
  agencies: z
    .array(
      z.object({
        key: z.string().min(1),
        electronicId: z.string().regex(/^[0-9A-Z]{2,4}(\.[0-9A-Z]{2,4}){1,4}$/, {
          message: 'mã định danh điện tử phải có dạng 000.00.00.H75',
        }),
        name: z.string().min(3),
        shortName: z.string().nullable().default(null),
        kind: AgencyKind,
        parent: z.string().nullable().default(null),
        adminUnitCode: z
          .string()
          .regex(/^\d{5}$/)
          .nullable()
          .default(null),
      }),
    )
    .min(1),
});
export type OrganisationFile = z.infer<typeof OrganisationFile>;

export async function readOrganisationFile(file: string): Promise<OrganisationFile> {
  const parsed = OrganisationFile.parse(JSON.parse(await readFile(file, 'utf8')));
  const keys = new Set<string>();
  const ids = new Set<string>();
  for (const a of parsed.agencies) {
    if (keys.has(a.key)) throw new Error(`${file}: duplicate agency key ${a.key}`);
    if (ids.has(a.electronicId))
      throw new Error(`${file}: duplicate electronic ID ${a.electronicId}`);
    if (a.parent && !keys.has(a.parent))
      throw new Error(`${file}: ${a.key} names parent ${a.parent} before it is defined`);
    keys.add(a.key);
    ids.add(a.electronicId);
  }
  return parsed;
}

/** The departments the seed letters name (Đồng Nai, 2026); most provinces have the same set. */
export const DEPARTMENTS = [
  'Sở Công Thương',
  'Sở Dân tộc và Tôn giáo',
  'Sở Giáo dục và Đào tạo',
  'Sở Khoa học và Công nghệ',
  'Sở Nội vụ',
  'Sở Nông nghiệp và Môi trường',
  'Sở Ngoại vụ',
  'Sở Tài chính',
  'Sở Tư pháp',
  'Sở Văn hóa, Thể thao và Du lịch',
  'Sở Xây dựng',
  'Sở Y tế',
] as const;

/**
 * Drafts a seed file for a province from its current communes. The electronic IDs follow
 * the shape of QĐ 20/2020/QĐ-TTg codes but are placeholders: the province replaces them
 * with its official codes (the file is data, edited by hand or in the admin UI later).
 */
export function draftOrganisation(input: {
  provinceCode: string;
  provinceFullName: string;
  provinceSegment: string;
  communes: { code: string; fullName: string }[];
  branches: string[];
}): OrganisationFile {
  const seg = input.provinceSegment;
  const agencies: OrganisationFile['agencies'] = [];
  const add = (
    a: Omit<OrganisationFile['agencies'][number], 'shortName' | 'parent' | 'adminUnitCode'> &
      Partial<OrganisationFile['agencies'][number]>,
  ) =>
    agencies.push({
      key: a.key,
      electronicId: a.electronicId,
      name: a.name,
      shortName: a.shortName ?? null,
      kind: a.kind,
      parent: a.parent ?? null,
      adminUnitCode: a.adminUnitCode ?? null,
    });
  const level2 = (n: number) => `000.00.${String(n).padStart(2, '0')}.${seg}`;

  add({
    key: 'ubnd',
    electronicId: `000.00.00.${seg}`,
    name: `Ủy ban nhân dân ${input.provinceFullName}`,
    shortName: 'UBND',
    kind: 'people_committee',
  });
  add({
    key: 'vp-ubnd',
    electronicId: level2(1),
    name: `Văn phòng Ủy ban nhân dân ${input.provinceFullName}`,
    shortName: 'Văn phòng UBND',
    kind: 'committee_office',
    parent: 'ubnd',
  });
  DEPARTMENTS.forEach((name, i) =>
    add({
      key: `so-${i + 1}`,
      electronicId: level2(i + 2),
      name: `${name} ${input.provinceFullName}`,
      shortName: name,
      kind: 'department',
      parent: 'ubnd',
    }),
  );
  const policeNo = DEPARTMENTS.length + 2;
  add({
    key: 'cong-an',
    electronicId: level2(policeNo),
    name: `Công an ${input.provinceFullName}`,
    shortName: 'Công an',
    kind: 'police',
    parent: 'ubnd',
  });
  const centreNo = policeNo + 1;
  add({
    key: 'ttpvhcc',
    electronicId: level2(centreNo),
    name: `Trung tâm Phục vụ hành chính công ${input.provinceFullName}`,
    shortName: 'TTPVHCC',
    kind: 'service_centre',
    parent: 'vp-ubnd',
  });
  input.branches.forEach((branch, i) =>
    add({
      key: `ttpvhcc-cn-${i + 1}`,
      electronicId: `000.${String(i + 1).padStart(2, '0')}.${String(centreNo).padStart(2, '0')}.${seg}`,
      name: `Chi nhánh ${branch} — Trung tâm Phục vụ hành chính công`,
      shortName: `Chi nhánh ${branch}`,
      kind: 'service_centre_branch',
      parent: 'ttpvhcc',
    }),
  );
  input.communes.forEach((c, i) => {
    const n = String(101 + i);
    add({
      key: `ubnd-${c.code}`,
      electronicId: `000.00.${n}.${seg}`,
      name: `Ủy ban nhân dân ${c.fullName}`,
      shortName: `UBND ${c.fullName}`,
      kind: 'commune_committee',
      parent: 'ubnd',
      adminUnitCode: c.code,
    });
    add({
      key: `ttpvhcc-${c.code}`,
      electronicId: `000.01.${n}.${seg}`,
      name: `Trung tâm Phục vụ hành chính công ${c.fullName}`,
      shortName: `TTPVHCC ${c.fullName}`,
      kind: 'commune_service_centre',
      parent: `ubnd-${c.code}`,
      adminUnitCode: c.code,
    });
  });
  return {
    provinceCode: input.provinceCode,
    notes: [
      'Dữ liệu có thể chỉnh sửa: mỗi lần khởi động chỉ thêm cơ quan chưa có (theo mã định danh), không ghi đè chỉnh sửa.',
      `Mã định danh điện tử ở đây là MÃ TẠM theo dạng của QĐ 20/2020/QĐ-TTg (sửa đổi bởi QĐ 09/2025/QĐ-TTg), với phần tỉnh "${seg}" chưa được xác minh; thay bằng mã chính thức trước khi vận hành vì mã hồ sơ dùng mã này làm tiền tố (TT 03/2025/TT-VPCP Điều 13).`,
      'Các chi nhánh của Trung tâm Phục vụ hành chính công là ví dụ minh họa; điều chỉnh theo quyết định thành lập của địa phương.',
    ],
    agencies,
  };
}
