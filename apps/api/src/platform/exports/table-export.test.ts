import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { inflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { type ExportTable, tableToPdf, tableToPdfDefinition, tableToXlsx } from './table-export.js';

const VIETNAMESE = ['Sở Nông nghiệp và Môi trường', 'Rà soát - ĐC', 'Tỷ lệ', 'Ủy ban'];

function sample(rowCount = 3): ExportTable {
  const names = ['Sở Nông nghiệp và Môi trường', 'Ủy ban nhân dân xã Đắk Lắk', 'Sở Y tế'];
  return {
    title: 'Báo cáo kết quả rà soát thủ tục hành chính',
    subtitle: 'Kỳ báo cáo: quý I năm 2026',
    columns: [
      { key: 'stt', header: 'STT', width: 6 },
      { key: 'agency', header: 'Cơ quan', width: 40 },
      { key: 'adjusted', header: 'Rà soát - ĐC' },
      { key: 'kept', header: 'Giữ nguyên' },
      { key: 'rate', header: 'Tỷ lệ' },
      { key: 'note', header: 'Ghi chú', align: 'center' },
    ],
    headerGroups: [
      { header: '', span: 2 },
      { header: 'Kết quả rà soát Đợt 1', span: 3 },
      { header: '', span: 1 },
    ],
    rows: Array.from({ length: rowCount }, (_, i) => ({
      stt: i + 1,
      agency: names[i % names.length] ?? '',
      adjusted: 1234 + i,
      kept: 7,
      rate: 0.25,
      note: i === 0 ? 'Ủy ban đề nghị bổ sung' : null,
    })),
    footer: { stt: null, agency: 'Tổng cộng', adjusted: 99999, kept: 21, rate: 0.5, note: null },
  };
}

// ---------------------------------------------------------------------------------------------
// XLSX

async function readXlsx(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  assert.ok(sheet, 'the workbook has a sheet');
  return sheet;
}

test('XLSX: title, subtitle, merged group header and vertically merged headers', async () => {
  const sheet = await readXlsx(await tableToXlsx(sample()));
  assert.equal(sheet.getCell('A1').value, 'Báo cáo kết quả rà soát thủ tục hành chính');
  assert.equal(sheet.getCell('A1').font.bold, true);
  assert.equal(sheet.getCell('A2').value, 'Kỳ báo cáo: quý I năm 2026');
  const merges = (sheet.model as unknown as { merges: string[] }).merges;
  for (const range of ['A1:F1', 'A2:F2', 'C4:E4', 'A4:A5', 'B4:B5', 'F4:F5']) {
    assert.ok(merges.includes(range), `${range} is merged (merges: ${merges.join(', ')})`);
  }
  assert.equal(sheet.getCell('C4').value, 'Kết quả rà soát Đợt 1');
  assert.equal(sheet.getCell('C4').font.bold, true);
  assert.equal(sheet.getCell('A4').value, 'STT');
  assert.equal(sheet.getCell('B4').value, 'Cơ quan');
  assert.equal(sheet.getCell('B5').master.address, 'B4');
  assert.deepEqual(
    ['C5', 'D5', 'E5'].map((address) => sheet.getCell(address).value),
    ['Rà soát - ĐC', 'Giữ nguyên', 'Tỷ lệ'],
  );
  assert.equal(sheet.getCell('E5').font.bold, true);
  assert.equal(sheet.getCell('E5').border.bottom?.style, 'thin');
  assert.equal(sheet.getColumn(2).width, 40);
  assert.ok((sheet.getColumn(3).width ?? 0) >= 'Rà soát - ĐC'.length, 'fitted width');
});

test('XLSX: Vietnamese text exactly, numbers as numbers, empty cells, bold totals row', async () => {
  const sheet = await readXlsx(await tableToXlsx(sample()));
  assert.equal(sheet.getCell('B6').value, 'Sở Nông nghiệp và Môi trường');
  assert.equal(sheet.getCell('B7').value, 'Ủy ban nhân dân xã Đắk Lắk');
  assert.equal(sheet.getCell('C6').value, 1234);
  assert.equal(typeof sheet.getCell('C6').value, 'number');
  assert.equal(sheet.getCell('E6').value, 0.25);
  assert.equal(sheet.getCell('C6').alignment.horizontal, 'right');
  assert.equal(sheet.getCell('F6').alignment.horizontal, 'center');
  assert.equal(sheet.getCell('F7').value, null);
  assert.equal(sheet.getCell('C6').border.left?.style, 'thin');
  // totals row right after the three data rows
  assert.equal(sheet.getCell('B9').value, 'Tổng cộng');
  assert.equal(sheet.getCell('C9').value, 99999);
  assert.equal(sheet.getCell('B9').font.bold, true);
  assert.equal(sheet.getCell('A9').value, null);
  assert.equal(sheet.rowCount, 9);
});

test('XLSX: without groups or subtitle, one header row follows the title', async () => {
  const sheet = await readXlsx(
    await tableToXlsx({
      title: 'Danh sách',
      columns: [
        { key: 'a', header: 'Tên' },
        { key: 'b', header: 'Số' },
      ],
      rows: [{ a: 'Ủy ban', b: 2 }],
    }),
  );
  assert.equal(sheet.getCell('A1').value, 'Danh sách');
  assert.equal(sheet.getCell('A3').value, 'Tên');
  assert.equal(sheet.getCell('A4').value, 'Ủy ban');
  assert.equal(sheet.getCell('B4').value, 2);
});

test('rejects header groups whose spans do not cover the columns, and duplicate keys', async () => {
  const bad = { ...sample(), headerGroups: [{ header: 'Nhóm', span: 2 }] };
  await assert.rejects(tableToXlsx(bad), /spans add up to 2, expected 6/);
  await assert.rejects(tableToPdf(bad), /spans add up to 2, expected 6/);
  const duplicate = { ...sample(), columns: [...sample().columns, { key: 'stt', header: 'X' }] };
  await assert.rejects(tableToXlsx(duplicate), /duplicate column key "stt"/);
});

// ---------------------------------------------------------------------------------------------
// PDF

/** The decompressed contents of every Flate stream in a PDF (pdfkit writes no object streams). */
function pdfStreams(pdf: Buffer): string[] {
  const streams: string[] = [];
  const raw = pdf.toString('latin1');
  const pattern = /stream\r?\n/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(raw)) !== null) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    const data = pdf.subarray(start, end);
    try {
      streams.push(inflateSync(data).toString('latin1'));
    } catch {
      streams.push(data.toString('latin1')); // an uncompressed stream
    }
    pattern.lastIndex = end + 'endstream'.length;
  }
  return streams;
}

/**
 * Works without poppler: every character of `texts` must be mapped by an embedded font's
 * ToUnicode CMap (a font lacking the glyph maps it to .notdef, whose entry is U+0000), and no
 * text operator may draw glyph 0 (.notdef, the empty box).
 */
function assertGlyphsEmbedded(pdf: Buffer, texts: string[]): void {
  const streams = pdfStreams(pdf);
  const mapped = new Set<number>();
  for (const cmap of streams.filter((s) => s.includes('beginbfrange'))) {
    for (const entry of cmap.matchAll(/<([0-9a-f]{4})>/gi)) {
      mapped.add(Number.parseInt(entry[1] ?? '', 16));
    }
  }
  assert.ok(mapped.size > 0, 'the PDF has ToUnicode CMaps');
  const missing = [...new Set([...texts.join('')])].filter(
    (c) => c.trim() !== '' && !mapped.has(c.codePointAt(0) ?? 0),
  );
  assert.deepEqual(missing, [], 'characters without a glyph in the embedded fonts');
  for (const content of streams.filter((s) => /\bTJ\b/.test(s))) {
    for (const array of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      for (const hex of (array[1] ?? '').matchAll(/<([0-9a-f]+)>/gi)) {
        const glyphs: string[] = (hex[1] ?? '').match(/.{4}/g) ?? [];
        assert.ok(!glyphs.includes('0000'), 'a text run draws .notdef (a missing glyph)');
      }
    }
  }
}

const pdftotext = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].find((p) => existsSync(p));
const noPoppler = pdftotext
  ? false
  : 'pdftotext not found (apt-get install poppler-utils; .ci/run installs it)';

function pdfText(pdf: Buffer, page?: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'table-export-'));
  try {
    const file = path.join(dir, 'table.pdf');
    writeFileSync(file, pdf);
    const pages = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
    return execFileSync(pdftotext ?? 'pdftotext', ['-enc', 'UTF-8', ...pages, file, '-'], {
      encoding: 'utf8',
    }).normalize('NFC');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
}

test('PDF: a PDF with Roboto embedded, covering every Vietnamese character used', async () => {
  const table = sample();
  const pdf = await tableToPdf(table);
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  const raw = pdf.toString('latin1');
  assert.match(raw, /\/BaseFont \/[A-Z]{6}\+Roboto-Regular/);
  assert.match(raw, /\/BaseFont \/[A-Z]{6}\+Roboto-Medium/, 'bold (Medium) face embedded');
  assert.match(raw, /\/FontFile2/);
  assertGlyphsEmbedded(pdf, [
    ...VIETNAMESE,
    table.title,
    'Kết quả rà soát Đợt 1',
    'Ủy ban nhân dân xã Đắk Lắk',
  ]);
});

test('PDF: decomposed (NFD) input still uses precomposed glyphs', async () => {
  const pdf = await tableToPdf({
    title: 'Tỷ lệ'.normalize('NFD'),
    columns: [{ key: 'a', header: 'Ủy ban'.normalize('NFD') }],
    rows: [{ a: 'Sở Nông nghiệp và Môi trường'.normalize('NFD') }],
  });
  assertGlyphsEmbedded(pdf, VIETNAMESE.slice(0, 1).concat('Tỷ lệ', 'Ủy ban'));
});

test('PDF: landscape A4 over 5 columns, portrait A4 otherwise', async () => {
  const wide = (await tableToPdf(sample())).toString('latin1');
  assert.match(wide, /\/MediaBox \[0 0 841\.89 595\.28\]/);
  const narrow = (
    await tableToPdf({
      ...sample(),
      columns: sample().columns.slice(0, 5),
      headerGroups: [
        { header: '', span: 2 },
        { header: 'Kết quả rà soát Đợt 1', span: 3 },
      ],
    })
  ).toString('latin1');
  assert.match(narrow, /\/MediaBox \[0 0 595\.28 841\.89\]/);
});

test('PDF definition: header rows repeated, totals row bold, widths fit the page', () => {
  const definition = tableToPdfDefinition(sample());
  const content = definition.content as unknown as Array<Record<string, unknown>>;
  const tableNode = content.find((node) => 'table' in node)?.['table'] as {
    headerRows: number;
    widths: number[];
    body: Array<Array<{ text?: string; bold?: boolean; colSpan?: number; rowSpan?: number }>>;
  };
  assert.equal(tableNode.headerRows, 2);
  assert.equal(tableNode.body[0]?.[2]?.text, 'Kết quả rà soát Đợt 1');
  assert.equal(tableNode.body[0]?.[2]?.colSpan, 3);
  assert.equal(tableNode.body[0]?.[0]?.rowSpan, 2);
  const totals = tableNode.body.at(-1) ?? [];
  assert.equal(totals[1]?.text, 'Tổng cộng');
  assert.equal(totals[2]?.text, '99.999', 'numbers in Vietnamese notation');
  assert.ok(totals.every((cell) => cell.bold === true));
  assert.ok(
    tableNode.body[2]?.every((cell) => cell.bold !== true),
    'data rows are not bold',
  );
  const used = tableNode.widths.reduce((sum, w) => sum + w, 0) + 6 * 8 + 7;
  assert.ok(used <= 841.89 - 56, `table width ${used} fits landscape A4`);
});

test('PDF text: Vietnamese extracted exactly by pdftotext', { skip: noPoppler }, async () => {
  const text = pdfText(await tableToPdf(sample()));
  for (const expected of [
    ...VIETNAMESE,
    'Báo cáo kết quả rà soát thủ tục hành chính',
    'Kết quả rà soát Đợt 1',
    'Ủy ban nhân dân xã Đắk Lắk',
    'Tổng cộng',
    '1.234',
    '99.999',
    '0,25',
  ]) {
    assert.ok(text.includes(expected), `"${expected}" in the PDF text:\n${text}`);
  }
});

test('PDF text: header rows repeated on every page', { skip: noPoppler }, async () => {
  const pdf = await tableToPdf(sample(120));
  const pages = pageCount(pdf);
  assert.ok(pages >= 3, `120 rows span several pages (got ${pages})`);
  for (let page = 1; page <= pages; page++) {
    const text = pdfText(pdf, page);
    assert.ok(text.includes('Kết quả rà soát Đợt 1'), `group header on page ${page}`);
    assert.ok(text.includes('Rà soát - ĐC'), `column header on page ${page}`);
    assert.ok(text.includes(`Trang ${page}/${pages}`), `page number on page ${page}`);
  }
  assert.ok(pdfText(pdf, pages).includes('Tổng cộng'), 'totals on the last page');
});
