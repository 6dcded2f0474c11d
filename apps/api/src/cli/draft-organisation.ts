import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../config.js';
import { draftOrganisation } from '../modules/organisation/index.js';
import { readReferenceData } from '../modules/geography/index.js';

// `npm run org:draft -- --province 75 --segment H75 --branch "Biên Hòa" --branch "Đồng Xoài"`
// writes data/organisation/<province>.json for a province to review and edit.
const { values } = parseArgs({
  options: {
    province: { type: 'string', default: '75' },
    segment: { type: 'string' },
    branch: { type: 'string', multiple: true, default: [] },
  },
});
const province = values.province;
const data = await readReferenceData(path.join(repoRoot, 'data/admin-units'));
const current = data.units.filter((u) => u.snapshot === 'current');
const provinceRow = current.find((u) => u.level === 'province' && u.code === province);
if (!provinceRow) {
  console.error(`Không có tỉnh/thành phố mã ${province}`);
  process.exit(2);
}
const draft = draftOrganisation({
  provinceCode: province,
  provinceFullName: provinceRow.fullName,
  provinceSegment: values.segment ?? `H${province}`,
  communes: current.filter((u) => u.level === 'commune' && u.provinceCode === province),
  branches: values.branch,
});
const file = path.join(repoRoot, 'data/organisation', `${province}.json`);
await writeFile(file, `${JSON.stringify(draft, null, 2)}\n`);
console.log(`${draft.agencies.length} cơ quan → ${path.relative(process.cwd(), file)}`);
