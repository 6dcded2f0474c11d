// Table export kernel: one table description, rendered as an Excel workbook (exceljs) or a PDF
// (pdfmake, server side). No business words: callers build the ExportTable.
//
// Layout shared by both formats:
//   title row, optional subtitle row,
//   optional group header row (`headerGroups`), then the column header row,
//   data rows, optional totals row (`footer`, bold).
// A header group whose `header` is '' groups nothing: the column headers below it are merged
// vertically across both header rows (the usual layout of Vietnamese report tables).
import ExcelJS from 'exceljs';
import { PDF_FONT as FONT, renderPdf } from '../pdf/render-pdf.js';
import type {
  Content,
  TableCell,
  TableCellProperties,
  TDocumentDefinitions,
} from 'pdfmake/interfaces.js';

export interface ExportColumn {
  key: string;
  header: string;
  /** Width in characters (Excel's unit); in the PDF, a relative share of the page width. */
  width?: number;
  /** Default: right for numbers, left otherwise (headers are always centred). */
  align?: 'left' | 'right' | 'center';
}

export type ExportValue = string | number | null;

export interface ExportTable {
  title: string;
  subtitle?: string;
  columns: ExportColumn[];
  rows: Array<Record<string, ExportValue>>;
  /** A totals row, rendered bold after the data rows. */
  footer?: Record<string, ExportValue>;
  /**
   * Optional first header row spanning columns, e.g. "Kết quả rà soát Đợt 1" over 3 columns.
   * Spans must be positive integers adding up to the number of columns.
   */
  headerGroups?: Array<{ header: string; span: number }>;
}

// ---------------------------------------------------------------------------------------------
// Shared

function validate(table: ExportTable): void {
  if (table.columns.length === 0) throw new Error('ExportTable: at least one column is required');
  const keys = new Set<string>();
  for (const column of table.columns) {
    if (keys.has(column.key)) throw new Error(`ExportTable: duplicate column key "${column.key}"`);
    keys.add(column.key);
    if (column.width !== undefined && !(Number.isFinite(column.width) && column.width > 0)) {
      throw new Error(`ExportTable: column "${column.key}" has an invalid width`);
    }
  }
  if (table.headerGroups) {
    let total = 0;
    for (const group of table.headerGroups) {
      if (!Number.isInteger(group.span) || group.span < 1) {
        throw new Error(`ExportTable: header group "${group.header}" has an invalid span`);
      }
      total += group.span;
    }
    if (total !== table.columns.length) {
      throw new Error(
        `ExportTable: header group spans add up to ${total}, expected ${table.columns.length} columns`,
      );
    }
  }
}

/** A value as written to a cell: non-finite numbers and missing keys become empty. */
function cellValue(record: Record<string, ExportValue>, key: string): ExportValue {
  const value = record[key];
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

/** For each column, whether its header is merged vertically (under an empty header group). */
function verticalHeaders(table: ExportTable): boolean[] {
  const vertical: boolean[] = [];
  for (const group of table.headerGroups ?? []) {
    for (let i = 0; i < group.span; i++) vertical.push(group.header.trim() === '');
  }
  return vertical;
}

function isNumericColumn(table: ExportTable, key: string): boolean {
  const values = [...table.rows, ...(table.footer ? [table.footer] : [])]
    .map((row) => cellValue(row, key))
    .filter((value) => value !== null);
  return values.length > 0 && values.every((value) => typeof value === 'number');
}

function columnAlign(table: ExportTable, column: ExportColumn): 'left' | 'right' | 'center' {
  return column.align ?? (isNumericColumn(table, column.key) ? 'right' : 'left');
}

/** Width in characters: the given one, else fitted to the longest header word or value. */
function columnWidth(table: ExportTable, column: ExportColumn): number {
  if (column.width !== undefined) return column.width;
  // Headers up to 20 characters stay on one line; longer ones wrap between words.
  const words = column.header.split(/\s+/).map((word) => word.length);
  let longest = Math.max(Math.min(column.header.length, 20), ...words, 4);
  for (const row of [...table.rows, ...(table.footer ? [table.footer] : [])]) {
    const value = cellValue(row, column.key);
    if (value !== null) longest = Math.max(longest, String(value).length);
  }
  return Math.min(Math.max(longest + 2, 6), 50);
}

// ---------------------------------------------------------------------------------------------
// XLSX

const thin = { style: 'thin' } as const;
const allBorders = { top: thin, left: thin, bottom: thin, right: thin };
const headerFill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFEEEEEE' },
} as const;

/** Excel sheet names: at most 31 characters, none of []:*?/\ */
function sheetName(title: string): string {
  const name = title
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 31)
    .trim();
  return name === '' ? 'Sheet1' : name;
}

export async function tableToXlsx(table: ExportTable): Promise<Buffer> {
  validate(table);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName(table.title));
  const count = table.columns.length;
  sheet.columns = table.columns.map((column) => ({ width: columnWidth(table, column) }));

  let rowNumber = 0;
  const addBanner = (text: string, font: Partial<ExcelJS.Font>): void => {
    rowNumber += 1;
    const cell = sheet.getCell(rowNumber, 1);
    cell.value = text;
    cell.font = font;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    if (count > 1) sheet.mergeCells(rowNumber, 1, rowNumber, count);
  };
  addBanner(table.title, { bold: true, size: 14 });
  if (table.subtitle) addBanner(table.subtitle, { italic: true });
  rowNumber += 1; // a blank row between the banner and the table

  const styleHeader = (cell: ExcelJS.Cell): void => {
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = allBorders;
    cell.fill = headerFill;
  };
  const firstHeaderRow = rowNumber + 1;
  const vertical = verticalHeaders(table);
  if (table.headerGroups) {
    rowNumber += 1;
    let col = 1;
    for (const group of table.headerGroups) {
      if (group.header.trim() !== '') {
        sheet.getCell(rowNumber, col).value = group.header;
        if (group.span > 1) sheet.mergeCells(rowNumber, col, rowNumber, col + group.span - 1);
      }
      for (let i = 0; i < group.span; i++) styleHeader(sheet.getCell(rowNumber, col + i));
      col += group.span;
    }
  }
  rowNumber += 1;
  table.columns.forEach((column, index) => {
    const col = index + 1;
    if (vertical[index]) {
      sheet.getCell(firstHeaderRow, col).value = column.header;
      sheet.mergeCells(firstHeaderRow, col, rowNumber, col);
    } else {
      sheet.getCell(rowNumber, col).value = column.header;
    }
    styleHeader(sheet.getCell(rowNumber, col));
  });
  sheet.views = [{ state: 'frozen', ySplit: rowNumber }];

  const aligns = table.columns.map((column) => columnAlign(table, column));
  const addRecord = (record: Record<string, ExportValue>, bold: boolean): void => {
    rowNumber += 1;
    table.columns.forEach((column, index) => {
      const cell = sheet.getCell(rowNumber, index + 1);
      cell.value = cellValue(record, column.key);
      cell.border = allBorders;
      cell.alignment = { horizontal: aligns[index], vertical: 'middle', wrapText: true };
      if (bold) {
        cell.font = { bold: true };
        cell.fill = headerFill;
      }
    });
  };
  for (const row of table.rows) addRecord(row, false);
  if (table.footer) addRecord(table.footer, true);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// PDF

// A4 in points, with 28 pt (≈1 cm) margins.
const A4 = { short: 595.28, long: 841.89 };
const MARGIN = 28;
const CELL_PADDING = 8; // pdfmake's default layout: 4 pt left + 4 pt right
const LINE_WIDTH = 1;

const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 6 });

function pdfText(value: ExportValue): string {
  if (value === null) return '';
  // NFC so that decomposed input (base letter + combining marks) uses the precomposed glyphs.
  return typeof value === 'number' ? numberFormat.format(value) : value.normalize('NFC');
}

/** The pdfmake document for a table (exported for the tests, not part of the kernel's API). */
export function tableToPdfDefinition(table: ExportTable): TDocumentDefinitions {
  validate(table);
  const count = table.columns.length;
  const landscape = count > 5;
  const pageWidth = landscape ? A4.long : A4.short;
  const available = pageWidth - 2 * MARGIN - count * CELL_PADDING - (count + 1) * LINE_WIDTH;
  const shares = table.columns.map((column) => columnWidth(table, column));
  const shareTotal = shares.reduce((sum, share) => sum + share, 0);
  const widths = shares.map((share) => Math.floor((available * share) / shareTotal));
  const fontSize = count > 10 ? 7 : count > 7 ? 8 : 9;

  const headerCell = (text: string, extra: TableCellProperties = {}): TableCell => ({
    text: pdfText(text),
    bold: true,
    alignment: 'center',
    fillColor: '#eeeeee',
    ...extra,
  });
  const vertical = verticalHeaders(table);
  const body: TableCell[][] = [];
  if (table.headerGroups) {
    const groupRow: TableCell[] = [];
    let index = 0;
    for (const group of table.headerGroups) {
      if (group.header.trim() === '') {
        for (let i = 0; i < group.span; i++) {
          const column = table.columns[index + i];
          groupRow.push(headerCell(column?.header ?? '', { rowSpan: 2 }));
        }
      } else {
        groupRow.push(headerCell(group.header, { colSpan: group.span }));
        for (let i = 1; i < group.span; i++) groupRow.push({});
      }
      index += group.span;
    }
    body.push(groupRow);
  }
  body.push(
    table.columns.map((column, index) => (vertical[index] ? {} : headerCell(column.header))),
  );
  const headerRows = body.length;

  const aligns = table.columns.map((column) => columnAlign(table, column));
  const record = (row: Record<string, ExportValue>, bold: boolean): TableCell[] =>
    table.columns.map((column, index) => ({
      text: pdfText(cellValue(row, column.key)),
      alignment: aligns[index],
      ...(bold ? { bold: true, fillColor: '#eeeeee' } : {}),
    }));
  for (const row of table.rows) body.push(record(row, false));
  if (table.footer) body.push(record(table.footer, true));

  const content: Content[] = [
    { text: pdfText(table.title), bold: true, fontSize: 14, alignment: 'center' },
  ];
  if (table.subtitle) {
    content.push({ text: pdfText(table.subtitle), italics: true, alignment: 'center' });
  }
  content.push({
    table: { headerRows, keepWithHeaderRows: 1, dontBreakRows: true, widths, body },
    margin: [0, 10, 0, 0],
  });

  return {
    pageSize: 'A4',
    pageOrientation: landscape ? 'landscape' : 'portrait',
    pageMargins: [MARGIN, MARGIN, MARGIN, MARGIN],
    info: { title: pdfText(table.title) },
    defaultStyle: { font: FONT, fontSize },
    content,
    footer: (currentPage, pageCount) => ({
      text: `Trang ${currentPage}/${pageCount}`,
      alignment: 'right',
      fontSize: 8,
      margin: [MARGIN, 8, MARGIN, 0],
    }),
  };
}

export async function tableToPdf(table: ExportTable): Promise<Buffer> {
  return renderPdf(tableToPdfDefinition(table));
}
