/**
 * The forms of TT 03/2025/TT-VPCP as PDFs. Their wording is data (data/forms/tt03-2025.json, which
 * says where it comes from), because the official templates were not seen (domain.md §2.2): an
 * administrator corrects a line without a release. Each form carries a QR code with the dossier
 * code and its public lookup address.
 */
import { readFile } from 'node:fs/promises';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import {
  FormKind as FormKindSchema,
  type EformAnswerSection,
  type FormKind as ContractFormKind,
} from '@motcua/contracts';
import { z } from 'zod';
import { PDF_FONT, renderPdf } from '../../../platform/pdf/render-pdf.js';

export const FORM_KINDS = FormKindSchema.options;
export type FormKind = ContractFormKind;

const FormTemplate = z.object({
  number: z.string(),
  suffix: z.string(),
  title: z.string(),
  lines: z.array(z.string()),
  list: z.enum(['components', 'items', 'handoffs']).optional(),
  after: z.array(z.string()).default([]),
  signatures: z.array(z.string()),
});
export type FormTemplate = z.infer<typeof FormTemplate>;

const FormTemplates = z.object({
  motto: z.tuple([z.string(), z.string()]),
  /**
   * How document numbers and the receipt's book read: `{seq}` (the number in the series of the
   * issuing agency, year and form), `{seq4}` (zero-padded), `{year}`. Set by the province.
   */
  numbering: z
    .object({ document: z.string().default('{seq}'), bookVolume: z.string().default('{year}') })
    .default({ document: '{seq}', bookVolume: '{year}' }),
  forms: z.record(z.enum(FORM_KINDS), FormTemplate),
});
export type FormTemplates = z.infer<typeof FormTemplates>;

export async function readFormTemplates(file: string): Promise<FormTemplates> {
  return FormTemplates.parse(JSON.parse(await readFile(file, 'utf8')));
}

/** One hand-off between units, as the Phiếu kiểm soát lists it. */
export interface Handoff {
  from: string;
  to: string;
  at: Date;
  /** When this step was due; the result is measured against it. */
  dueAt: Date;
  doneAt: Date | null;
  note?: string;
}

export type StepResult = 'trước hạn' | 'đúng hạn' | 'quá hạn';

/**
 * The Phiếu kiểm soát marks each step: done before the day it was due, on that day, or after it
 * (BM.06 of QĐ 3621/QĐ-BYT: "trước hạn / đúng hạn / quá hạn"; domain.md §2.2).
 */
export function stepResult(doneAt: Date, dueAt: Date): StepResult {
  if (doneAt.getTime() > dueAt.getTime()) return 'quá hạn';
  return vnDate(doneAt) === vnDate(dueAt) ? 'đúng hạn' : 'trước hạn';
}

export interface FormData {
  agency: {
    /** The body above the unit, e.g. "UBND THÀNH PHỐ ĐỒNG NAI". */
    parentName: string;
    unitName: string;
    /** Place name in the dateline, e.g. "Đồng Nai". */
    place: string;
    handlingName?: string;
    coordinatingName?: string;
  };
  dossier: {
    code: string;
    procedureName: string;
    procedureCode: string;
    receivedAt: Date | null;
    dueAt: Date | null;
    processingTime: string;
    setCount?: number;
    resultDelivery?: string;
    components?: { name: string; originals: number; copies: number }[];
  };
  applicant: { name: string; idNumber?: string; address?: string; phone?: string; email?: string };
  /** Who filed on the applicant's behalf, when someone did. */
  representative?: { name: string; capacity: string; idNumber?: string; phone?: string };
  officer?: { name?: string; phone?: string };
  book?: { volume?: string; entry?: string };
  extra?: { reason?: string; items?: string[]; newDue?: Date; stoppedAt?: Date; deadline?: string };
  handoffs?: Handoff[];
  /** The e-form answers (the receipt lists them under "Thông tin tờ khai"). */
  answers?: EformAnswerSection[];
  documentNo?: string;
  issuedAt: Date;
  lookupUrl: string;
}

const vnDate = (d: Date) =>
  new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(d);

/** "09 giờ 30 phút, ngày 08/12/2026" — the forms state times this way. */
export function vnDateTime(d: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const hour = parts.find((p) => p.type === 'hour')?.value ?? '00';
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '00';
  return `${hour} giờ ${minute} phút, ngày ${vnDate(d)}`;
}

function values(data: FormData): Record<string, string> {
  const flat: Record<string, string> = {};
  const put = (prefix: string, obj: object | undefined) => {
    for (const [key, value] of Object.entries(obj ?? {})) {
      if (value instanceof Date) flat[`${prefix}.${key}`] = vnDateTime(value);
      else if (typeof value === 'string' || typeof value === 'number') {
        flat[`${prefix}.${key}`] = String(value);
      }
    }
  };
  put('agency', data.agency);
  put('dossier', data.dossier);
  put('applicant', data.applicant);
  put('representative', data.representative);
  put('officer', data.officer);
  put('book', data.book);
  put('extra', data.extra);
  return flat;
}

/** Fills {{a.b}}; a line whose every placeholder is empty is dropped, an empty one shows dots. */
export function fillLine(line: string, vars: Record<string, string>): string | null {
  const names = [...line.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1] ?? '');
  if (names.length > 0 && names.every((n) => (vars[n] ?? '').trim() === '')) return null;
  return line.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, n: string) => vars[n]?.trim() || '……');
}

/** "Thông tin tờ khai": each answered field by its title, group by group. */
function answersContent(sections: EformAnswerSection[]): Content[] {
  if (sections.length === 0) return [];
  const blocks = sections.map((section): Content => {
    const rows: Content = {
      table: { widths: [190, '*'], body: section.rows.map((r) => [r.title, r.value]) },
      layout: 'noBorders',
      fontSize: 10,
      margin: [8, 0, 0, 2],
    };
    if (!section.heading) return rows;
    return { stack: [{ text: section.heading, italics: true, margin: [0, 2, 0, 1] }, rows] };
  });
  return [{ text: 'Thông tin tờ khai:', bold: true, margin: [0, 6, 0, 2] }, ...blocks];
}

function listContent(template: FormTemplate, data: FormData): Content[] {
  switch (template.list) {
    case 'components': {
      const rows = data.dossier.components ?? [];
      return [
        {
          table: {
            headerRows: 1,
            widths: [24, '*', 60, 60],
            body: [
              ['TT', 'Tên giấy tờ', 'Bản chính', 'Bản sao'].map((text) => ({ text, bold: true })),
              ...rows.map((c, i) => [String(i + 1), c.name, String(c.originals), String(c.copies)]),
            ],
          },
          margin: [0, 2, 0, 6],
        },
      ];
    }
    case 'items':
      return [{ ol: data.extra?.items ?? [], margin: [12, 2, 0, 6] }];
    case 'handoffs': {
      const rows = data.handoffs ?? [];
      return [
        {
          table: {
            headerRows: 1,
            widths: ['*', 110, 110, 62, 70],
            body: [
              ['Tên cơ quan (bộ phận)', '1. Giao', '2. Nhận', 'Kết quả', 'Ghi chú'].map((text) => ({
                text,
                bold: true,
              })),
              ...rows.map((h) => [
                // Roboto has no arrow glyph (U+2192 printed as nothing); an en dash it has.
                `${h.from} – ${h.to}`,
                vnDateTime(h.at),
                h.doneAt ? vnDateTime(h.doneAt) : '',
                h.doneAt ? stepResult(h.doneAt, h.dueAt) : '',
                h.note ?? '',
              ]),
            ],
          },
          fontSize: 9,
          margin: [0, 2, 0, 6],
        },
      ];
    }
    default:
      return [];
  }
}

export function formDefinition(
  templates: FormTemplates,
  kind: FormKind,
  data: FormData,
): TDocumentDefinitions {
  const template = templates.forms[kind];
  if (!template) throw new Error(`no template for form ${kind}`);
  const vars = values(data);
  const lines = (list: string[]): Content[] =>
    list.flatMap((line) => {
      const text = fillLine(line, vars);
      return text === null ? [] : [{ text, margin: [0, 1, 0, 1] }];
    });
  const issued = new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
  }).formatToParts(data.issuedAt);
  const part = (type: string) => issued.find((p) => p.type === type)?.value ?? '';

  return {
    pageSize: 'A4',
    pageMargins: [56, 42, 42, 42],
    defaultStyle: { font: PDF_FONT, fontSize: 11, lineHeight: 1.15 },
    info: { title: `${template.title} — ${data.dossier.code}` },
    content: [
      {
        columns: [
          {
            width: '45%',
            stack: [
              { text: data.agency.parentName.toUpperCase(), alignment: 'center' },
              { text: data.agency.unitName.toUpperCase(), bold: true, alignment: 'center' },
              {
                text: `Số: ${data.documentNo ?? '……'}/${template.suffix}`,
                alignment: 'center',
                margin: [0, 4, 0, 0],
              },
            ],
          },
          {
            width: '55%',
            stack: [
              { text: templates.motto[0], bold: true, alignment: 'center' },
              { text: templates.motto[1], bold: true, alignment: 'center' },
              {
                text: `${data.agency.place}, ngày ${part('day')} tháng ${part('month')} năm ${part('year')}`,
                italics: true,
                alignment: 'center',
                margin: [0, 4, 0, 0],
              },
            ],
          },
        ],
        fontSize: 10,
      },
      {
        text: template.title,
        bold: true,
        fontSize: 13,
        alignment: 'center',
        margin: [0, 18, 0, 2],
      },
      {
        text: `Mẫu số ${template.number} — Thông tư 03/2025/TT-VPCP`,
        italics: true,
        fontSize: 9,
        alignment: 'center',
        margin: [0, 0, 0, 12],
      },
      ...lines(template.lines),
      ...listContent(template, data),
      ...answersContent(data.answers ?? []),
      ...lines(template.after),
      {
        columns: template.signatures.map((title) => ({
          stack: [
            { text: title, bold: true, alignment: 'center' },
            { text: '(Ký, ghi rõ họ tên)', italics: true, fontSize: 9, alignment: 'center' },
          ],
        })),
        margin: [0, 18, 0, 48],
      },
      {
        columns: [
          { qr: data.lookupUrl, fit: 84, width: 96 },
          {
            width: '*',
            fontSize: 9,
            stack: [
              { text: `Mã hồ sơ: ${data.dossier.code}`, bold: true },
              { text: `Tra cứu tình trạng hồ sơ: ${data.lookupUrl}` },
            ],
            margin: [6, 24, 0, 0],
          },
        ],
        unbreakable: true,
      },
    ],
  };
}

/** Fills a numbering pattern. */
export function numberFrom(pattern: string, seq: number, year: number): string {
  return pattern
    .replaceAll('{seq4}', String(seq).padStart(4, '0'))
    .replaceAll('{seq}', String(seq))
    .replaceAll('{year}', String(year));
}

export function renderForm(
  templates: FormTemplates,
  kind: FormKind,
  data: FormData,
): Promise<Buffer> {
  return renderPdf(formDefinition(templates, kind, data));
}
