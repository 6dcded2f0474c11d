import type { DossierLookup } from '@motcua/contracts';
import { notFound } from '../../../platform/errors.js';
import { STATUS_LABELS, type Action, type DossierStatus } from '../dossier.js';
import {
  countVerifyAttempt,
  findForLookup,
  type ExternalLookupRow,
  type LookupRow,
} from '../lookup.repository.js';
import type { DossiersKit } from './kit.js';
import { ACTION_LABELS } from './view.js';

/** Wrong second factors a dossier's lookup tolerates per window before it stops checking them. */
export const VERIFY_MAX_FAILURES = 5;
export const VERIFY_WINDOW_MS = 60 * 60_000;

/**
 * "Nguyễn Thị Hướng" → "N*** T*** H***": enough for applicants to recognise their own. The stars
 * are fixed, so neither the length of a name nor of its parts shows (the earlier mask kept both,
 * and with the first letters that narrowed a name down to a few; issue 13 item 7).
 */
export function maskName(name: string): string {
  return name
    .normalize('NFC')
    .trim()
    .split(/\s+/u)
    .filter(Boolean)
    .map((word) => `${[...word][0]}***`)
    .join(' ');
}

/** Whether `verify` is the last four digits of the ID number or the phone given at filing. */
function matches(row: Pick<LookupRow, 'idNumberTail' | 'phoneTail'>, verify: string): boolean {
  return [row.idNumberTail, row.phoneTail].some((tail) => tail !== null && tail === verify);
}

/**
 * Public tracking by code (also reached by the QR on every form). One statement (row and log,
 * lookup.repository.ts) instead of the full view's four; the procedure name from the
 * catalogue's cache; the calendar only while the clock runs.
 *
 * Codes are sequential, so whoever tries codes can list a ward's day: by code alone the answer is
 * what a passer-by may see. The steps stay in it: kinds and times only (no actor, unit, reason or
 * payload), they tell the same story as the status and dates, step by step, and name no one; the
 * person behind a dossier, even masked, needs the second factor, counted per dossier (5 wrong in
 * an hour, then the anonymous answer only). Anyone may so spend a code's tries for an hour; the
 * applicant then still sees the progress here, and everything when signed in ("Hồ sơ của tôi").
 */
export async function lookup(
  kit: DossiersKit,
  code: string,
  verify?: string,
): Promise<DossierLookup> {
  const { deps } = kit;
  const row = await findForLookup(deps.db, code);
  if (!row) {
    // Procedures moved to a ministry's system are settled there (seed 004); their dossiers,
    // ingested from it, are looked up here as ours are.
    const external = await deps.externalLookup?.find(code);
    if (external) return externalAnswer(kit, external, verify);
    throw notFound(
      `Không tìm thấy hồ sơ có mã ${code}. Vui lòng kiểm tra lại mã trên giấy tiếp nhận.`,
    );
  }
  const running =
    row.clockState === 'running' &&
    row.clockDue !== null &&
    !['result_ready', 'returned'].includes(row.status);
  const [detail, cal, refused] = await Promise.all([
    deps.catalog.getProcedure(row.procedureCode).catch(() => undefined),
    running ? deps.getCalendar() : undefined,
    verify === undefined
      ? null
      : checkSecondFactor(kit, row, verify, (attempt) =>
          countVerifyAttempt(deps.db, { dossierId: row.id, ...attempt }),
        ),
  ]);
  const verified = verify !== undefined && refused === null;
  return {
    code: row.code,
    procedureName: detail?.content.name ?? row.procedureCode,
    statusCode: row.statusCode,
    statusLabel: STATUS_LABELS[row.status as DossierStatus],
    verified,
    verifyRefused: refused,
    applicantMasked: verified ? maskName(row.applicantName) : null,
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

/**
 * The same answer for a dossier settled on a ministry's system, under the same second-factor and
 * masking rules, its steps as that system dated them; no remaining time (that system's clock).
 */
async function externalAnswer(
  kit: DossiersKit,
  row: ExternalLookupRow,
  verify: string | undefined,
): Promise<DossierLookup> {
  const counter = kit.deps.externalLookup!;
  const refused =
    verify === undefined
      ? null
      : await checkSecondFactor(kit, row, verify, (attempt) =>
          counter.countVerifyAttempt({ key: row.key, ...attempt }),
        );
  const verified = verify !== undefined && refused === null;
  return {
    code: row.code,
    procedureName: row.procedureName,
    statusCode: row.statusCode,
    statusLabel: row.statusLabel,
    verified,
    verifyRefused: refused,
    applicantMasked: verified ? maskName(row.applicantName) : null,
    filedAt: row.filedAt.toISOString(),
    receivedAt: row.receivedAt?.toISOString() ?? null,
    dueAt: row.dueAt?.toISOString() ?? null,
    remaining: null,
    steps: row.steps.map((s) => ({ label: s.label, at: s.at.toISOString() })),
    ministrySource: row.source,
  };
}

/**
 * Null when the factor is accepted, else why not. Every attempt is counted before it is judged,
 * right or wrong, so a right one after the limit is refused like a wrong one: guessing on past
 * the limit learns nothing.
 */
async function checkSecondFactor(
  kit: DossiersKit,
  row: Pick<LookupRow, 'idNumberTail' | 'phoneTail'>,
  verify: string,
  count: (attempt: { wrong: boolean; now: Date; windowMs: number }) => Promise<number>,
): Promise<DossierLookup['verifyRefused']> {
  const right = matches(row, verify);
  const failures = await count({
    wrong: !right,
    now: kit.deps.clock.now(),
    windowMs: VERIFY_WINDOW_MS,
  });
  if (failures >= VERIFY_MAX_FAILURES) return 'too_many_attempts';
  return right ? null : 'mismatch';
}
