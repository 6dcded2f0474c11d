import type { DossierLookup } from '@motcua/contracts';
import { notFound } from '../../../platform/errors.js';
import { STATUS_LABELS, type Action, type DossierStatus } from '../dossier.js';
import { findForLookup } from '../lookup.repository.js';
import type { DossiersKit } from './kit.js';
import { ACTION_LABELS } from './view.js';

/** "Nguyễn Thị Hướng" → "N***** T** H****": enough to recognise one's own, nothing more. */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/u)
    .map((word) => {
      const letters = [...word];
      return `${letters[0] ?? ''}${'*'.repeat(Math.max(letters.length - 1, 1))}`;
    })
    .join(' ');
}

/**
 * Public tracking by code (also reached by the QR on every form). One statement (row and log,
 * lookup.repository.ts) instead of the full view's four; the procedure name from the
 * catalogue's cache; the calendar only while the clock runs.
 */
export async function lookup(kit: DossiersKit, code: string): Promise<DossierLookup> {
  const { deps } = kit;
  const row = await findForLookup(deps.db, code);
  if (!row)
    throw notFound(
      `Không tìm thấy hồ sơ có mã ${code}. Vui lòng kiểm tra lại mã trên giấy tiếp nhận.`,
    );
  const running =
    row.clockState === 'running' &&
    row.clockDue !== null &&
    !['result_ready', 'returned'].includes(row.status);
  const [detail, cal] = await Promise.all([
    deps.catalog.getProcedure(row.procedureCode).catch(() => undefined),
    running ? deps.getCalendar() : undefined,
  ]);
  return {
    code: row.code,
    procedureName: detail?.content.name ?? row.procedureCode,
    statusCode: row.statusCode,
    statusLabel: STATUS_LABELS[row.status as DossierStatus],
    applicantMasked: maskName(row.applicantName),
    filedAt: row.filedAt.toISOString(),
    receivedAt: row.receivedAt?.toISOString() ?? null,
    dueAt: row.dueAt?.toISOString() ?? null,
    remaining: cal && row.clockDue ? kit.remainingOf(cal, row.clockDue) : null,
    steps: row.steps.map((s) => ({
      label: ACTION_LABELS[s.kind as Action['kind']] ?? s.kind,
      at: s.at.toISOString(),
    })),
  };
}
