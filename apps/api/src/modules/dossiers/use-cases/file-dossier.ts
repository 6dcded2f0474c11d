import type {
  Applicant,
  CounterIntakeRequest,
  DossierView,
  FileOnlineRequest,
  ProcedureDetail,
} from '@motcua/contracts';
import { AppError, notFound } from '../../../platform/errors.js';
import { applyAction, INITIAL_STATE, type Action, type Actor, type Channel } from '../dossier.js';
import { codeDay, formatDossierCode } from '../dossier-code.js';
import { rowValues } from '../dossier-row.js';
import { callerScopedKey } from '../idempotency.js';
import { assertFormAnswers } from './form-answers.js';
import { assertHandedIn, assertRequiredComponents } from './required-components.js';
import type { AgencyRef, DossiersKit } from './kit.js';
import { PAYMENT_SYSTEM, quotedFee } from './payment.js';
import { view } from './view.js';

/**
 * Who decides a dossier, recorded apart from where it was received (NĐ 118/2025 Art. 14,
 * boundary-free receipt): a commune-level procedure received at a ward's one-stop centre is the
 * ward People's Committee's; otherwise the agency the province configured for the procedure.
 */
export function competentAgencyFor(detail: ProcedureDetail, receiving: AgencyRef): string | null {
  if (receiving.kind === 'commune_service_centre' && detail.content.levels.includes('Cấp xã')) {
    return receiving.parentId;
  }
  if (receiving.kind === 'commune_committee' && detail.content.levels.includes('Cấp xã')) {
    return receiving.id;
  }
  return detail.local.handlingAgencyId;
}

interface FilingInput {
  procedureCode: string;
  channel: Channel;
  postalRef: string | null;
  receivingAgencyId: string;
  applicant: Applicant;
  applicantAccountId: string | null;
  formData: Record<string, unknown>;
  actor: Actor;
  idempotencyKey: string;
  /** At the counter or by post: what was handed in, how the result goes back, who filed. */
  intake?: Pick<CounterIntakeRequest, 'received' | 'setCount' | 'returnMethod' | 'representative'>;
  /** Refused on the spot instead of received (form 03). */
  refusal?: { reason: string } | null;
  /** Demo data: no e-form answers or files asked, even in an account's name. */
  demo?: boolean;
}

/** The part every filing shares: guard, code, dossier row, first action, all in one transaction. */
async function fileOnce(kit: DossiersKit, input: FilingInput): Promise<DossierView> {
  const { deps, repo, files } = kit;
  // Idempotency is enforced by the unique key on dos_action (dos_action_idempotency_unique): a
  // retried key makes the transaction below fail and roll back whole (its number, taken before, is a gap),
  // and the catch returns the dossier that key filed (file() also asks when a rule refuses).
  // Checking for the key first as well cost every first-time filing a round trip (bench
  // 2026-12-03) to spare the rare retry a rollback.
  const { detail, ctx, rules } = await kit.contextFor(input);
  // Seeds 001/004: after its cutover a procedure run on a ministry's centralised system takes
  // no new dossier here; the citizen is sent there. Earlier dossiers keep being processed here.
  if (detail.filing.where === 'ministry') {
    throw new AppError(
      'CONFLICT',
      `Thủ tục này đã chuyển sang hệ thống dịch vụ công của bộ, ngành; vui lòng nộp hồ sơ tại ${detail.filing.url ?? 'hệ thống của bộ'}.`,
    );
  }
  // The e-form answers, before anything is numbered or written. Demo dossiers (no account)
  // carry no answers, like a paper declaration handed in at the counter.
  assertFormAnswers(detail, input.formData, {
    paperDeclaration:
      input.channel !== 'online' || input.applicantAccountId === null || input.demo === true,
    now: deps.clock.now(),
  });
  // Every required component handed in (uploaded online, recorded at the counter).
  if (!input.demo) await assertRequiredComponents(kit, detail, input);
  const agency = await deps.findAgency(input.receivingAgencyId);
  if (!agency) throw notFound('Không tìm thấy nơi nộp hồ sơ đã chọn.');
  const competentAgencyId = competentAgencyFor(detail, agency);
  // The dossier keeps the workflow version it was filed under for its whole life.
  const process = await deps.workflow.published(input.procedureCode, competentAgencyId);
  const now = deps.clock.now();
  // A counter or postal dossier is received on the spot, or refused on the spot with the refusal
  // slip (NĐ 118/2025 Art. 17.1, TT 03/2025 form 03); an online one waits for receipt.
  const first: Action =
    input.channel === 'online'
      ? { kind: 'submit' }
      : input.refusal
        ? { kind: 'refuse', reason: input.refusal.reason }
        : { kind: 'receive' };
  const submitted = applyAction(INITIAL_STATE, { action: first, actor: input.actor, at: now }, ctx);
  // Paid on filing (the procedure's payment rule, issue 17): an online filing is asked at once
  // for the fee of the schedule in force now, and waits for payment before receipt. Without a
  // usable schedule nothing is asked (an officer may ask by hand once it is known).
  const fee =
    first.kind === 'submit' && rules.payment?.due === 'on_filing'
      ? await quotedFee(kit, {
          procedureCode: input.procedureCode,
          agencyId: competentAgencyId ?? agency.id,
          channel: input.channel,
          filedAt: now,
        })
      : null;
  const asked: Action | null = fee === null ? null : { kind: 'request_payment', amountVnd: fee };
  const state = asked
    ? applyAction(submitted, { action: asked, actor: PAYMENT_SYSTEM, at: now }, ctx)
    : submitted;

  // The day's number in its own statement, before the transaction: the counter row is locked
  // only while the upsert runs. Taken inside the transaction, every concurrent intake at the
  // agency queued on that lock until the intake holding it committed, four round trips later
  // (bench 2026-12-03: intake throughput was bounded by that queue, not by the work). Unique
  // still (the upsert is atomic); an intake that then fails leaves a gap, which the code
  // allows (unique, gaps tolerated; dossiers.repository.ts nextSequence).
  const sequence = await repo.nextSequence(deps.db, agency.electronicId, codeDay(now));
  try {
    // Only this transaction's connection inside it: reading the catalogue or the calendar here
    // would take a second one per intake and starve the pool under concurrent intake.
    const { row, warnings, firstAction, askAction } = await deps.db.transaction(async (tx) => {
      const similar = await repo.findOpenSimilar(tx, input.procedureCode, {
        accountId: input.applicantAccountId,
        idNumber: input.applicant.idNumber,
      });
      const row = await repo.insertDossier(tx, {
        code: formatDossierCode(agency.electronicId, codeDay(now), sequence),
        procedureCode: input.procedureCode,
        procedureVersion: detail.version.number,
        channel: input.channel,
        postalRef: input.postalRef,
        receivingAgencyId: agency.id,
        competentAgencyId,
        processId: process?.id ?? null,
        applicant: input.applicant,
        applicantAccountId: input.applicantAccountId,
        formData: input.formData,
        filedAt: now,
        actions: asked ? 2 : 1,
        createdAt: now,
        updatedAt: now,
        ...rowValues(state),
      });
      const firstAction = {
        dossierId: row.id,
        seq: 1,
        kind: first.kind,
        actor: input.actor,
        at: now,
        // The rules it is decided by, pinned in the log at filing (rules.ts).
        payload: {
          ...(input.postalRef ? { postalRef: input.postalRef } : {}),
          ...(first.kind === 'refuse' ? { reason: first.reason } : {}),
          ...(input.intake ? { intake: input.intake } : {}),
          rules,
        },
        idempotencyKey: callerScopedKey('file', input.actor, input.idempotencyKey),
      };
      await kit.appendAction(tx, firstAction);
      const askAction = asked
        ? {
            dossierId: row.id,
            seq: 2,
            kind: asked.kind,
            actor: PAYMENT_SYSTEM,
            at: now,
            payload: { amountVnd: fee },
            idempotencyKey: `on-filing-payment:${row.id}`,
          }
        : null;
      if (askAction) await kit.appendAction(tx, askAction);
      // Submitting a draft: its files become the dossier's components in the same commit.
      if (input.applicantAccountId && input.channel === 'online' && !input.demo) {
        const moved = await files.moveDraftToDossier(
          tx,
          input.applicantAccountId,
          input.procedureCode,
          row.id,
        );
        // Checked again on what the locked draft held: two submissions racing with different
        // keys both passed the check above, and the one that lost the draft would otherwise be
        // numbered with no file (NĐ 118/2025 Art. 17: only a complete dossier is received).
        assertHandedIn(detail, input.channel, moved);
      }
      const warnings = similar.map(
        (s) => `Người nộp đang có hồ sơ ${s.code} cùng thủ tục chưa giải quyết xong.`,
      );
      return { row, warnings, firstAction, askAction };
    });
    // The log of a dossier filed a moment ago is the one action written above, and a counter
    // or postal dossier has no files yet (they are uploaded to it once it exists); an online
    // one may have brought its draft's, so those are read.
    return await view(kit, deps.db, row, warnings, undefined, {
      actions: askAction ? [firstAction, askAction] : [firstAction],
      ...(input.channel === 'online' ? {} : { attachments: [] }),
    });
  } catch (error) {
    // A retried key (a second click, a resent request, two tabs racing): the transaction rolled
    // back at the key's unique index; the dossier that key filed is the answer.
    if (isUniqueViolation(error, 'dos_action_idempotency_unique')) {
      const winner = await replay(kit, input);
      if (winner) return winner;
    }
    throw error;
  }
}

/** The dossier this caller's idempotency key already filed, as its view; undefined when none. */
async function replay(kit: DossiersKit, input: FilingInput): Promise<DossierView | undefined> {
  const { deps, repo } = kit;
  const key = callerScopedKey('file', input.actor, input.idempotencyKey);
  const action = await repo.findActionByKey(deps.db, key);
  const row = action ? await repo.findById(deps.db, action.dossierId) : undefined;
  return row ? view(kit, deps.db, row) : undefined;
}

async function file(kit: DossiersKit, input: FilingInput): Promise<DossierView> {
  try {
    return await fileOnce(kit, input);
  } catch (error) {
    // A retry of a filing that succeeded must get that dossier back even if filing would be
    // refused now (the procedure has since moved to a ministry's system, say): asked here,
    // only when the filing failed, instead of before every filing.
    if (error instanceof AppError) {
      const filed = await replay(kit, input);
      if (filed) return filed;
    }
    throw error;
  }
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const cause = (error as { cause?: { code?: string; constraint?: string } })?.cause ?? error;
  const e = cause as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === constraint;
}

export function fileOnline(
  kit: DossiersKit,
  request: FileOnlineRequest,
  applicant: { accountId: string; name: string; idNumber: string | null },
  idempotencyKey: string,
) {
  return file(kit, {
    procedureCode: request.procedureCode,
    channel: 'online',
    postalRef: null,
    receivingAgencyId: request.receivingAgencyId,
    applicant: {
      name: applicant.name,
      idNumber: applicant.idNumber,
      phone: request.contact.phone,
      email: request.contact.email,
      address: request.contact.address,
    },
    applicantAccountId: applicant.accountId,
    formData: request.formData,
    actor: { kind: 'applicant', id: applicant.accountId },
    idempotencyKey,
  });
}

/**
 * An online dossier filed without a signed-in session: demo data only, with no account behind
 * it, or in a demo citizen's account (so that they find it under "Hồ sơ của tôi").
 */
export function fileForDemo(
  kit: DossiersKit,
  input: {
    procedureCode: string;
    receivingAgencyId: string;
    applicant: Applicant;
    idempotencyKey: string;
    applicantAccountId?: string | null;
  },
) {
  const applicantAccountId = input.applicantAccountId ?? null;
  return file(kit, {
    ...input,
    channel: 'online',
    postalRef: null,
    applicantAccountId,
    formData: {},
    actor: { kind: 'applicant', id: applicantAccountId ?? 'demo-citizen' },
    demo: true,
  });
}

export function fileAtCounter(
  kit: DossiersKit,
  request: CounterIntakeRequest,
  officer: Actor,
  idempotencyKey: string,
) {
  return file(kit, {
    procedureCode: request.procedureCode,
    channel: request.channel,
    postalRef: request.postalRef,
    receivingAgencyId: request.receivingAgencyId,
    applicant: request.applicant,
    applicantAccountId: null,
    formData: request.formData,
    actor: officer,
    idempotencyKey,
    intake: {
      received: request.received,
      setCount: request.setCount,
      returnMethod: request.returnMethod,
      representative: request.representative,
    },
    refusal: request.refusal,
  });
}
