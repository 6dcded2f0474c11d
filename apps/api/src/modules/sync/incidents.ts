import { and, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { IncidentQuery, SyncIncident } from '@motcua/contracts';
import { TARGET_NAMES, type SyncTarget } from '../../integrations/dvcqg/index.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, DbExecutor } from '../../platform/db/database.js';
import { notFound } from '../../platform/errors.js';
import type { ExportTable } from '../../platform/exports/table-export.js';
import { PDF_FONT, renderPdf } from '../../platform/pdf/render-pdf.js';
import { STATUS_CODES, STATUS_LABELS } from '../dossiers/index.js';
import { syncIncident, type IncidentFacts } from './sync.schema.js';

const VN_OFFSET_MS = 7 * 3_600_000;
/** The Vietnam date of an instant, YYYY-MM-DD. */
export const vietnamDay = (at: Date) =>
  new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
const vietnamTime = (at: Date) => {
  const [date = '', time = ''] = new Date(at.getTime() + VN_OFFSET_MS).toISOString().split('T');
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y} ${time.slice(0, 5)}`;
};

const STATUS_NAME = new Map<number, string>(
  Object.entries(STATUS_CODES).map(([status, code]) => [
    code,
    STATUS_LABELS[status as keyof typeof STATUS_CODES],
  ]),
);
export const statusText = (code: number | null | undefined) =>
  code === null || code === undefined
    ? 'Không có'
    : `${code} – ${STATUS_NAME.get(code) ?? 'không rõ'}`;

export const targetName = (target: string) => TARGET_NAMES[target as SyncTarget] ?? target;

/** What kind of error, in the words of the report. */
export const INCIDENT_KIND_LABELS: Record<string, string> = {
  dead_letter: 'Cổng từ chối hồ sơ',
  payload: 'Không dựng được dữ liệu gửi',
  missing_there: 'Hệ thống quốc gia không có hồ sơ',
  missing_here: 'Hệ thống một cửa không có hồ sơ',
  status_differs: 'Trạng thái khác nhau',
  procedure_differs: 'Mã TTHC khác nhau',
  dates_differ: 'Ngày tháng khác nhau',
};

/** Field names of the compared records, as the evidence page labels them. */
const FIELD_LABELS: Record<string, string> = {
  MaHoSo: 'Mã hồ sơ',
  MaTTHC: 'Mã TTHC',
  TenTTHC: 'Tên TTHC',
  TrangThaiHoSo: 'Trạng thái',
  NgayNopHoSo: 'Ngày nộp',
  NgayTiepNhan: 'Ngày tiếp nhận',
  NgayHenTra: 'Ngày hẹn trả',
  NgayKetThucXuLy: 'Ngày kết thúc xử lý',
  DonViXuLy: 'Đơn vị xử lý',
  ChuHoSo: 'Chủ hồ sơ',
};

export interface IncidentInput {
  source: 'dead_letter' | 'payload' | 'reconciliation';
  kind: string;
  target: string;
  code: string;
  dossierId?: string | null;
  procedureCode?: string | null;
  agencyId?: string | null;
  agencyName?: string | null;
  ourStatus?: number | null;
  portalStatus?: number | null;
  portalMessage: string;
  facts?: IncidentFacts;
  reconciliationId?: string | null;
}

type IncidentRow = typeof syncIncident.$inferSelect;

function view(row: IncidentRow): SyncIncident {
  return {
    id: row.id,
    day: row.day,
    aroseAt: row.aroseAt.toISOString(),
    source: row.source,
    kind: row.kind,
    target: row.target,
    code: row.code,
    procedureCode: row.procedureCode,
    agencyId: row.agencyId,
    agencyName: row.agencyName,
    ourStatus: row.ourStatus === null ? null : String(row.ourStatus),
    portalStatus: row.portalStatus === null ? null : String(row.portalStatus),
    portalMessage: row.portalMessage,
  };
}

/**
 * Error dossiers (hồ sơ lỗi, seed 002): "phải phản hồi ngay trong ngày phát sinh, cung cấp rõ mã hồ
 * sơ, mã TTHC/DVC, thời điểm phát sinh lỗi, hình ảnh lỗi, trạng thái hiển thị trên hệ thống". One
 * per dossier, system, kind and day: the first occurrence of the day is the one reported.
 */
export function createIncidents(deps: { db: Db; clock: Clock }) {
  async function record(tx: DbExecutor, inputs: IncidentInput[]): Promise<number> {
    if (inputs.length === 0) return 0;
    const now = deps.clock.now();
    const inserted = await tx
      .insert(syncIncident)
      .values(
        inputs.map((i) => ({
          day: vietnamDay(now),
          aroseAt: now,
          source: i.source,
          kind: i.kind,
          target: i.target,
          code: i.code,
          dossierId: i.dossierId ?? null,
          procedureCode: i.procedureCode ?? null,
          agencyId: i.agencyId ?? null,
          agencyName: i.agencyName ?? null,
          ourStatus: i.ourStatus ?? null,
          portalStatus: i.portalStatus ?? null,
          portalMessage: i.portalMessage,
          facts: i.facts ?? {},
          reconciliationId: i.reconciliationId ?? null,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: syncIncident.id });
    return inserted.length;
  }

  async function list(query: IncidentQuery): Promise<SyncIncident[]> {
    const today = vietnamDay(deps.clock.now());
    const where: SQL[] = [
      gte(syncIncident.day, query.from ?? query.to ?? today),
      lte(syncIncident.day, query.to ?? today),
    ];
    if (query.agencyId) where.push(eq(syncIncident.agencyId, query.agencyId));
    const rows = await deps.db
      .select()
      .from(syncIncident)
      .where(and(...where))
      .orderBy(desc(syncIncident.aroseAt), syncIncident.code, syncIncident.target)
      .limit(5_000);
    return rows.map(view);
  }

  /** The report the Sở KH&CN sends to the national help desk (seed 002). */
  function table(items: SyncIncident[], query: IncidentQuery): ExportTable {
    const today = vietnamDay(deps.clock.now());
    const from = query.from ?? query.to ?? today;
    const to = query.to ?? today;
    const dmy = (d: string) => d.split('-').reverse().join('/');
    return {
      title: 'Danh sách hồ sơ đồng bộ lỗi',
      subtitle: `Từ ngày ${dmy(from)} đến ngày ${dmy(to)}${
        query.agencyId && items[0]?.agencyName ? ` — ${items[0].agencyName}` : ''
      }`,
      columns: [
        { key: 'no', header: 'STT', width: 5 },
        { key: 'code', header: 'Mã hồ sơ', width: 28 },
        { key: 'procedure', header: 'Mã TTHC/DVC', width: 14 },
        { key: 'agency', header: 'Đơn vị', width: 30 },
        { key: 'target', header: 'Hệ thống', width: 24 },
        { key: 'arose', header: 'Thời điểm phát sinh lỗi', width: 18 },
        { key: 'kind', header: 'Loại lỗi', width: 26 },
        { key: 'message', header: 'Nội dung lỗi / phản hồi của hệ thống', width: 50 },
        { key: 'ours', header: 'Trạng thái trên hệ thống một cửa', width: 24 },
        { key: 'theirs', header: 'Trạng thái trên hệ thống quốc gia', width: 24 },
      ],
      rows: items.map((i, index) => ({
        no: index + 1,
        code: i.code,
        procedure: i.procedureCode,
        agency: i.agencyName,
        target: targetName(i.target),
        arose: vietnamTime(new Date(i.aroseAt)),
        kind: INCIDENT_KIND_LABELS[i.kind] ?? i.kind,
        message: i.portalMessage,
        ours: statusText(i.ourStatus === null ? null : Number(i.ourStatus)),
        theirs: statusText(i.portalStatus === null ? null : Number(i.portalStatus)),
      })),
    };
  }

  /**
   * The evidence page ("hình ảnh lỗi"): our dossier's key facts beside what the national system
   * showed or answered, as they stood when the error arose.
   */
  async function evidence(id: string): Promise<{ code: string; pdf: Buffer }> {
    const [row] = await deps.db.select().from(syncIncident).where(eq(syncIncident.id, id));
    if (!row) throw notFound('Không tìm thấy hồ sơ lỗi này.');
    return { code: row.code, pdf: await renderPdf(evidenceDefinition(row, deps.clock.now())) };
  }

  return { record, list, table, evidence };
}

export type Incidents = ReturnType<typeof createIncidents>;

function evidenceDefinition(row: IncidentRow, printedAt: Date): TDocumentDefinitions {
  const system = targetName(row.target);
  const facts = row.facts;
  const fields = [
    ...new Set([...Object.keys(facts.ours ?? {}), ...Object.keys(facts.theirs ?? {})]),
  ];
  const shown = (v: string | number | null | undefined) =>
    v === null || v === undefined || v === '' ? '—' : String(v);
  const cell = (text: string, bold = false) => ({ text: text.normalize('NFC'), bold });
  const keyFacts: Array<[string, string]> = [
    ['Mã hồ sơ', row.code],
    ['Mã TTHC/DVC', row.procedureCode ?? '—'],
    ['Đơn vị', row.agencyName ?? '—'],
    ['Hệ thống', system],
    ['Thời điểm phát sinh lỗi', `${vietnamTime(row.aroseAt)} (giờ Việt Nam)`],
    ['Loại lỗi', INCIDENT_KIND_LABELS[row.kind] ?? row.kind],
    ['Trạng thái trên hệ thống một cửa', statusText(row.ourStatus)],
    [`Trạng thái trên ${system}`, statusText(row.portalStatus)],
  ];
  return {
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 40],
    info: { title: `Hồ sơ đồng bộ lỗi ${row.code}` },
    defaultStyle: { font: PDF_FONT, fontSize: 10 },
    content: [
      { text: 'PHIẾU GHI NHẬN HỒ SƠ ĐỒNG BỘ LỖI', bold: true, fontSize: 14, alignment: 'center' },
      {
        text: `Gửi bộ phận hỗ trợ Cổng Dịch vụ công quốc gia — ngày ${row.day.split('-').reverse().join('/')}`,
        italics: true,
        alignment: 'center',
        margin: [0, 4, 0, 12],
      },
      {
        table: {
          widths: [170, '*'],
          body: keyFacts.map(([label, value]) => [cell(label, true), cell(value)]),
        },
      },
      { text: `Phản hồi của ${system}`, bold: true, margin: [0, 14, 0, 4] },
      { text: row.portalMessage.normalize('NFC') },
      ...(fields.length > 0
        ? ([
            { text: 'Đối chiếu dữ liệu', bold: true, margin: [0, 14, 0, 4] },
            {
              table: {
                headerRows: 1,
                widths: [120, '*', '*'],
                body: [
                  [cell('Trường', true), cell('Hệ thống một cửa', true), cell(system, true)],
                  ...fields.map((f) => [
                    cell(FIELD_LABELS[f] ?? f),
                    cell(shown(facts.ours?.[f])),
                    cell(shown(facts.theirs?.[f])),
                  ]),
                ],
              },
            },
          ] satisfies Content[])
        : []),
      {
        text: `Trích xuất từ hệ thống một cửa lúc ${vietnamTime(printedAt)}.`,
        italics: true,
        fontSize: 8,
        margin: [0, 20, 0, 0],
      },
    ],
  };
}
