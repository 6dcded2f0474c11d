import { and, eq, gte, inArray, lt, lte } from 'drizzle-orm';
import type { Settlement, SettlementQuery, SettlementRow } from '@motcua/contracts';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { ExportTable } from '../../platform/exports/table-export.js';
import { payPayment, type PaymentItem } from './payments.schema.js';
import { payRefund } from './refunds.js';

/** The Vietnam day's bounds (UTC+7, no daylight saving). */
export function dayBounds(day: string): { from: Date; to: Date } {
  const from = new Date(`${day}T00:00:00+07:00`);
  return { from, to: new Date(from.getTime() + 86_400_000) };
}

export interface SettlementDeps {
  db: Db;
  agencyName: (id: string) => Promise<string | undefined>;
}

/** Where the caller's settlement reach goes: every agency, or these (agency administrators). */
export type SettlementReach = { all: true } | { all: false; agencyIds: ReadonlySet<string> };

/**
 * The share of a phí item the collecting agency keeps (phần phí được để lại), in percent, when the
 * fee schedule's data gives one on the item (`retainedPercent`). [U] no schedule seen gives it: the
 * fees module's items carry none today, so all phí is remitted. Lệ phí is remitted in full
 * (Luật Phí và lệ phí 97/2015/QH13: lệ phí nộp đầy đủ vào ngân sách nhà nước [U: article not
 * checked in domain.md]).
 */
export function retainedOf(item: PaymentItem): number {
  if (item.kind !== 'phi') return 0;
  const pct = (item as PaymentItem & { retainedPercent?: unknown }).retainedPercent;
  if (typeof pct !== 'number' || !Number.isFinite(pct) || pct <= 0) return 0;
  return Math.round((item.amount * Math.min(pct, 100)) / 100);
}

const NOTES = [
  'Lệ phí thu được nộp toàn bộ vào ngân sách nhà nước (Luật Phí và lệ phí 2015) [U: chưa đối chiếu điều khoản].',
  'Phí được để lại theo tỷ lệ ghi trong biểu phí nếu dữ liệu có; biểu phí hiện không ghi tỷ lệ nên toàn bộ phí phải nộp ngân sách [U].',
  'Số đã hoàn trả (đã chi trả trong kỳ) được trừ vào số phải nộp ngân sách; khoản đề nghị hoàn chưa chi chỉ để theo dõi.',
  'Số tiền tính theo ngày thanh toán (giờ Việt Nam); đơn vị: đồng.',
];

/** A text cell that a spreadsheet could read as a formula gets a leading apostrophe (OWASP CSV injection). */
export function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const accountText = (a: { accountNo: string; bankCode: string; accountName: string } | null) =>
  a ? `${a.accountNo} — ${a.bankCode} (${a.accountName})` : null;
const treasuryText = (t: { accountNo: string; name: string } | null) =>
  t ? `${t.accountNo} — ${t.name}` : null;

type Sum = { phi: number; lePhi: number; total: number };
const zero = (): Sum => ({ phi: 0, lePhi: 0, total: 0 });

/**
 * The settlement report (quyết toán, issue 17 item 6) for a period: per agency and account, what
 * was collected (phí and lệ phí apart), refunded and is to be remitted to the State Treasury.
 */
export function createSettlement(deps: SettlementDeps) {
  const { db } = deps;

  async function report(
    query: Pick<SettlementQuery, 'from' | 'to' | 'agencyId'>,
    reach: SettlementReach,
  ): Promise<Settlement> {
    if (!reach.all) {
      if (query.agencyId && !reach.agencyIds.has(query.agencyId)) {
        throw new AppError(
          'FORBIDDEN',
          'Bạn chỉ được xem báo cáo quyết toán của đơn vị mình quản trị.',
        );
      }
      if (reach.agencyIds.size === 0) throw new AppError('FORBIDDEN');
    }
    const agencies = query.agencyId ? [query.agencyId] : reach.all ? null : [...reach.agencyIds];
    const from = dayBounds(query.from).from;
    const to = dayBounds(query.to).to;
    const inAgencies = agencies ? inArray(payPayment.agencyId, agencies) : undefined;

    const paid = await db
      .select()
      .from(payPayment)
      .where(
        and(
          inArray(payPayment.status, ['paid', 'refunded']),
          gte(payPayment.paidAt, from),
          lt(payPayment.paidAt, to),
          inAgencies,
        ),
      );
    const refunds = await db
      .select({ refund: payRefund, payment: payPayment })
      .from(payRefund)
      .innerJoin(payPayment, eq(payPayment.id, payRefund.paymentId))
      .where(and(lte(payRefund.requestedAt, to), inAgencies));

    const groups = new Map<string, SettlementRow & { sortName: string }>();
    const groupOf = async (p: typeof payPayment.$inferSelect) => {
      const account = accountText(p.beneficiary ?? null);
      const treasury = treasuryText(p.treasury ?? null);
      const key = JSON.stringify([p.agencyId, account, treasury]);
      let g = groups.get(key);
      if (!g) {
        const name = p.agencyId
          ? ((await deps.agencyName(p.agencyId)) ?? p.agencyId)
          : 'Không rõ đơn vị';
        g = {
          agencyId: p.agencyId,
          agencyName: name,
          sortName: name,
          account,
          treasury,
          payments: 0,
          collected: zero(),
          refunded: zero(),
          refundsPending: 0,
          retainedPhi: 0,
          toRemit: zero(),
        };
        groups.set(key, g);
      }
      return g;
    };

    for (const p of paid) {
      const g = await groupOf(p);
      g.payments += 1;
      const items = p.items;
      const phi = items.filter((i) => i.kind === 'phi').reduce((s, i) => s + i.amount, 0);
      const lePhi = items.filter((i) => i.kind === 'le-phi').reduce((s, i) => s + i.amount, 0);
      g.collected.phi += phi;
      g.collected.lePhi += lePhi;
      g.collected.total += phi + lePhi;
      g.retainedPhi += items.reduce((s, i) => s + retainedOf(i), 0);
    }
    for (const { refund, payment } of refunds) {
      const doneInPeriod =
        refund.status === 'done' &&
        refund.doneAt !== null &&
        refund.doneAt >= from &&
        refund.doneAt < to;
      const pending = refund.status === 'requested' && refund.requestedAt >= from;
      if (!doneInPeriod && !pending) continue;
      const g = await groupOf(payment);
      if (doneInPeriod) {
        g.refunded.phi += refund.phi;
        g.refunded.lePhi += refund.lePhi;
        g.refunded.total += refund.amount;
      } else {
        g.refundsPending += refund.amount;
      }
    }
    const rows = [...groups.values()]
      .map(({ sortName: _, ...g }) => {
        const phi = Math.max(0, g.collected.phi - g.retainedPhi - g.refunded.phi);
        const lePhi = Math.max(0, g.collected.lePhi - g.refunded.lePhi);
        return { ...g, toRemit: { phi, lePhi, total: phi + lePhi } };
      })
      .sort(
        (a, b) =>
          a.agencyName.localeCompare(b.agencyName, 'vi') ||
          (a.account ?? '').localeCompare(b.account ?? ''),
      );
    const add = (a: Sum, b: Sum): Sum => ({
      phi: a.phi + b.phi,
      lePhi: a.lePhi + b.lePhi,
      total: a.total + b.total,
    });
    const totals = rows.reduce(
      (t, r) => ({
        payments: t.payments + r.payments,
        collected: add(t.collected, r.collected),
        refunded: add(t.refunded, r.refunded),
        refundsPending: t.refundsPending + r.refundsPending,
        retainedPhi: t.retainedPhi + r.retainedPhi,
        toRemit: add(t.toRemit, r.toRemit),
      }),
      {
        payments: 0,
        collected: zero(),
        refunded: zero(),
        refundsPending: 0,
        retainedPhi: 0,
        toRemit: zero(),
      },
    );
    return {
      from: query.from,
      to: query.to,
      agencyId: query.agencyId ?? null,
      rows,
      totals,
      notes: NOTES,
    };
  }

  /** The report as a table (XLSX, PDF): a merged header over collected, refunded, to remit. */
  async function table(s: Settlement): Promise<ExportTable> {
    const dmy = (d: string) => d.split('-').reverse().join('/');
    const scope = s.agencyId
      ? ((await deps.agencyName(s.agencyId)) ?? s.agencyId)
      : 'tất cả đơn vị';
    const numbers = (prefix: string, v: Sum) => ({
      [`${prefix}Phi`]: v.phi,
      [`${prefix}LePhi`]: v.lePhi,
      [`${prefix}Total`]: v.total,
    });
    return {
      title: 'Báo cáo quyết toán phí, lệ phí',
      subtitle: safeText(`Từ ngày ${dmy(s.from)} đến ngày ${dmy(s.to)} — ${scope} — đơn vị: đồng`),
      headerGroups: [
        { header: '', span: 5 },
        { header: 'Số tiền đã thu', span: 3 },
        { header: 'Đã hoàn trả', span: 3 },
        { header: '', span: 2 },
        { header: 'Phải nộp ngân sách nhà nước', span: 3 },
      ],
      columns: [
        { key: 'no', header: 'STT', width: 5, align: 'center' },
        { key: 'agency', header: 'Đơn vị thu', width: 32 },
        { key: 'account', header: 'Tài khoản thụ hưởng', width: 30 },
        { key: 'treasury', header: 'Tài khoản thu NSNN (Kho bạc)', width: 30 },
        { key: 'payments', header: 'Số giao dịch', width: 10 },
        { key: 'collectedPhi', header: 'Phí', width: 14 },
        { key: 'collectedLePhi', header: 'Lệ phí', width: 14 },
        { key: 'collectedTotal', header: 'Cộng', width: 14 },
        { key: 'refundedPhi', header: 'Phí', width: 12 },
        { key: 'refundedLePhi', header: 'Lệ phí', width: 12 },
        { key: 'refundedTotal', header: 'Cộng', width: 12 },
        { key: 'pending', header: 'Đề nghị hoàn chưa chi', width: 14 },
        { key: 'retained', header: 'Phí được để lại', width: 14 },
        { key: 'toRemitPhi', header: 'Phí', width: 14 },
        { key: 'toRemitLePhi', header: 'Lệ phí', width: 14 },
        { key: 'toRemitTotal', header: 'Cộng', width: 14 },
      ],
      rows: s.rows.map((r, index) => ({
        no: index + 1,
        agency: safeText(r.agencyName),
        account: r.account === null ? 'Không ghi' : safeText(r.account),
        treasury: r.treasury === null ? 'Không ghi' : safeText(r.treasury),
        payments: r.payments,
        ...numbers('collected', r.collected),
        ...numbers('refunded', r.refunded),
        pending: r.refundsPending,
        retained: r.retainedPhi,
        ...numbers('toRemit', r.toRemit),
      })),
      footer: {
        no: null,
        agency: 'Tổng cộng',
        account: null,
        treasury: null,
        payments: s.totals.payments,
        ...numbers('collected', s.totals.collected),
        ...numbers('refunded', s.totals.refunded),
        pending: s.totals.refundsPending,
        retained: s.totals.retainedPhi,
        ...numbers('toRemit', s.totals.toRemit),
      },
    };
  }

  return { report, table };
}

export type SettlementService = ReturnType<typeof createSettlement>;
