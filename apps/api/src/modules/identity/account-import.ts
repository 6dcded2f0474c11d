// Bulk import of officer accounts: reading the file (CSV or XLSX) into rows keyed by column.
// Pure: no database. The use case (use-cases/import-accounts.ts) validates and creates each row.
import { randomInt } from 'node:crypto';
import type { AccountImportRowInput } from '@motcua/contracts';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors.js';
import { assertZipWithinLimits } from '../../platform/files/zip-limits.js';

export const MAX_IMPORT_ROWS = 2000;

export type ImportColumn = keyof AccountImportRowInput;

/** Header names accepted for each column, compared without accents, case or punctuation. */
const HEADERS: Record<ImportColumn, string[]> = {
  username: ['username', 'tendangnhap', 'taikhoan'],
  displayName: ['displayname', 'hovaten', 'hoten', 'ten'],
  email: ['email', 'thudientu', 'mail'],
  phone: ['phone', 'dienthoai', 'sodienthoai', 'sdt'],
  agency: [
    'agency',
    'agencyelectronicid',
    'electronicid',
    'macoquan',
    'madinhdanhdientu',
    'madinhdanhcoquan',
    'coquan',
  ],
  unit: ['unit', 'unitcode', 'maphong', 'maphongbophan', 'phongbophan', 'phong', 'donvi'],
  role: ['role', 'vaitro'],
  scope: ['scope', 'phamvi'],
  password: ['password', 'initialpassword', 'matkhau', 'matkhaubandau'],
};

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const HEADER_OF = new Map<string, ImportColumn>(
  Object.entries(HEADERS).flatMap(([column, names]) =>
    names.map((n) => [n, column as ImportColumn] as const),
  ),
);

export interface RawImportRow {
  /** Line number in the file (header = 1). */
  line: number;
  values: Partial<Record<ImportColumn, string | null>>;
}

function bad(message: string): AppError {
  return new AppError('VALIDATION_FAILED', message);
}

/** RFC 4180 CSV (csv-parse): quoted fields, CRLF or LF; `,` or `;` (Excel in some locales). */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  try {
    return parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    const where = (error as { lines?: number }).lines;
    throw bad(`Tệp CSV không hợp lệ${where ? ` ở dòng ${where}` : ''}: kiểm tra các dấu nháy kép.`);
  }
}

async function xlsxRows(body: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(body as unknown as ArrayBuffer);
  } catch {
    throw bad('Không đọc được tệp Excel (.xlsx). Vui lòng kiểm tra lại tệp.');
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw bad('Tệp Excel không có trang tính nào.');
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(row.getCell(c).text ?? '');
    rows[number - 1] = cells;
  });
  return Array.from(rows, (r) => r ?? []);
}

/** Reads the file into rows keyed by column; refuses unknown layouts with a Vietnamese message. */
export async function readImportFile(type: 'csv' | 'xlsx', body: Buffer): Promise<RawImportRow[]> {
  let table: string[][];
  if (type === 'xlsx') {
    if (body.subarray(0, 2).toString('latin1') !== 'PK')
      throw bad('Tệp gửi lên không phải tệp Excel (.xlsx).');
    await assertZipWithinLimits(body, 'tệp Excel (.xlsx)');
    table = await xlsxRows(body);
  } else {
    const text = body.toString('utf8').replace(/^\uFEFF/, '');
    if (text.includes('\uFFFD'))
      throw bad('Tệp CSV phải được lưu với bảng mã UTF-8 (Excel: "CSV UTF-8").');
    table = parseCsv(text);
  }
  const header = table[0];
  if (!header || header.every((h) => h.trim() === '')) throw bad('Tệp không có dòng tiêu đề.');
  const columns = header.map((h) => HEADER_OF.get(fold(h)) ?? null);
  const missing = (['username', 'displayName', 'agency', 'role', 'scope'] as const).filter(
    (c) => !columns.includes(c),
  );
  if (missing.length > 0) {
    throw bad(
      `Dòng tiêu đề thiếu cột: ${missing.join(', ')}. Các cột: username, displayName, email, phone, agency, unit, role, scope, password.`,
    );
  }
  const rows: RawImportRow[] = [];
  table.slice(1).forEach((cells, index) => {
    if (cells.every((c) => c.trim() === '')) return;
    const values: RawImportRow['values'] = {};
    columns.forEach((column, i) => {
      if (!column) return;
      const value = (cells[i] ?? '').trim();
      values[column] = value === '' ? null : value;
    });
    rows.push({ line: index + 2, values });
  });
  if (rows.length === 0) throw bad('Tệp không có dòng dữ liệu nào.');
  if (rows.length > MAX_IMPORT_ROWS)
    throw bad(`Tệp có ${rows.length} dòng; mỗi lần nhập tối đa ${MAX_IMPORT_ROWS} dòng.`);
  return rows;
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A readable initial password (no 0/O, 1/l/I) with a digit and a symbol: 14 characters. */
export function generatePassword(): string {
  let out = '';
  for (let i = 0; i < 11; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return `${out}@${randomInt(10)}${randomInt(10)}`;
}
