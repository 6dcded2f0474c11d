import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';
import { repoRoot } from '../../../config.js';
import {
  FORM_KINDS,
  fillLine,
  readFormTemplates,
  renderForm,
  stepResult,
  vnDateTime,
  type FormData,
  type FormTemplates,
} from './legal-forms.js';

const pdftotext = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].find((p) => existsSync(p));
const noPoppler = pdftotext
  ? false
  : 'pdftotext not found (apt-get install poppler-utils; .ci/run installs it)';

let templates: FormTemplates;
before(async () => {
  templates = await readFormTemplates(path.join(repoRoot, 'data/forms/tt03-2025.json'));
});

const at = (local: string) => new Date(`${local}+07:00`);
const data: FormData = {
  agency: {
    parentName: 'UBND Phường Trấn Biên',
    unitName: 'Trung tâm Phục vụ hành chính công Phường Trấn Biên',
    place: 'Đồng Nai',
    handlingName: 'Phòng Văn hóa - Xã hội',
  },
  dossier: {
    code: '000.01.111.H75-261208-0007',
    procedureName: 'Đăng ký khai sinh',
    procedureCode: '1.001193',
    receivedAt: at('2026-12-08T09:30:00'),
    dueAt: at('2026-12-09T09:30:00'),
    processingTime: '01 ngày làm việc',
    setCount: 1,
    resultDelivery: 'Trực tiếp tại bộ phận một cửa',
    components: [{ name: 'Giấy chứng sinh', originals: 1, copies: 0 }],
  },
  applicant: { name: 'Nguyễn Thị Hướng', idNumber: '075190000123', address: 'Khu phố 3' },
  officer: { name: 'Trần Văn Đức', phone: '0251 3822 000' },
  extra: {
    reason: 'Thiếu giấy tờ chứng minh nơi cư trú',
    items: ['Bản sao giấy tờ chứng minh nơi cư trú'],
    newDue: at('2026-12-11T16:00:00'),
    stoppedAt: at('2026-12-10T10:00:00'),
  },
  handoffs: [
    {
      from: 'Một cửa',
      to: 'Công chức tư pháp - hộ tịch',
      at: at('2026-12-08T09:35:00'),
      dueAt: at('2026-12-08T16:00:00'),
      doneAt: at('2026-12-08T11:00:00'),
    },
  ],
  issuedAt: at('2026-12-08T09:31:00'),
  lookupUrl: 'http://localhost:3000/tra-cuu?code=000.01.111.H75-261208-0007',
};

function textOf(pdf: Buffer, file: string): string {
  return execFileSync(pdftotext ?? 'pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

test('step results: before the due day, on it, after it', () => {
  assert.equal(stepResult(at('2026-12-07T16:00:00'), at('2026-12-08T16:00:00')), 'trước hạn');
  assert.equal(stepResult(at('2026-12-08T15:00:00'), at('2026-12-08T16:00:00')), 'đúng hạn');
  assert.equal(stepResult(at('2026-12-08T16:01:00'), at('2026-12-08T16:00:00')), 'quá hạn');
});

test('times are written the way the forms state them; empty lines are left out', () => {
  assert.equal(vnDateTime(at('2026-12-08T09:05:00')), '09 giờ 05 phút, ngày 08/12/2026');
  assert.equal(fillLine('Thư điện tử: {{applicant.email}}', {}), null);
  assert.equal(fillLine('A {{x}} B {{y}}', { x: '1' }), 'A 1 B ……');
});

for (const kind of FORM_KINDS) {
  test(
    `form ${kind} renders with its title, the code and Vietnamese text`,
    { skip: noPoppler },
    async () => {
      const pdf = await renderForm(templates, kind, data);
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      const dir = await mkdtemp(path.join(tmpdir(), 'motcua-form-'));
      const file = path.join(dir, `${kind}.pdf`);
      await writeFile(file, pdf);
      const text = textOf(pdf, file).replace(/\s+/g, ' ');
      const template = templates.forms[kind];
      assert.ok(text.includes(template.title), `${kind}: title`);
      assert.ok(text.includes('000.01.111.H75-261208-0007'), `${kind}: dossier code`);
      assert.ok(text.includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'));
      if (kind !== 'control') assert.ok(text.includes('Nguyễn Thị Hướng'), `${kind}: applicant`);
      if (kind === 'receipt') assert.ok(text.includes('09 giờ 30 phút, ngày 09/12/2026'));
      if (kind === 'supplement') assert.ok(text.includes('Thiếu giấy tờ chứng minh nơi cư trú'));
      if (kind === 'apology') assert.ok(text.includes('16 giờ 00 phút, ngày 11/12/2026'));
      if (kind === 'control') assert.ok(text.includes('trước hạn'));
    },
  );
}

test('form 07, the dossier book, comes out as XLSX with its grouped header', async () => {
  const { dossierBookTable } = await import('./dossier-book.js');
  const { tableToXlsx } = await import('../../../platform/exports/table-export.js');
  const ExcelJS = (await import('exceljs')).default;
  const table = dossierBookTable('Hộ tịch', [
    {
      code: data.dossier.code,
      procedureName: 'Đăng ký khai sinh',
      applicant: 'Nguyễn Thị Hướng',
      contact: 'Khu phố 3 — 0909000111',
      handlingAgency: 'UBND Phường Trấn Biên',
      receivedAt: at('2026-12-08T09:30:00'),
      dueAt: at('2026-12-09T09:30:00'),
      returnedAt: null,
      resultDelivery: 'Trực tiếp',
    },
  ]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await tableToXlsx(table)) as unknown as ArrayBuffer);
  const cells: string[] = [];
  book.worksheets[0]?.eachRow((r) => r.eachCell((c) => cells.push(String(c.value))));
  for (const expected of [
    'SỔ THEO DÕI HỒ SƠ',
    'Nhận và trả kết quả',
    'Hẹn trả kết quả',
    data.dossier.code,
  ]) {
    assert.ok(cells.includes(expected), expected);
  }
});
