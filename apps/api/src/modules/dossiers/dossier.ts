/**
 * The pure rules of a dossier (hồ sơ): its append-only action log folds into a state whose status
 * maps one-to-one onto the 10 national status codes (TrangThaiHoSo, domain.md §4.2), and each
 * action is checked against the legal rule that governs it. No I/O: the repository stores the log,
 * use cases call `applyAction` before appending.
 */
import {
  extendClock,
  pauseClock,
  resumeClock,
  startClock,
  type DeadlineClock,
  type DeadlinePeriod,
  type IntakeCutoff,
  type ResumeMode,
  type WorkingCalendar,
} from '../calendar/index.js';
import type { PaymentRule, ProcessDefinition } from '@motcua/contracts';
import { findStep, nextStep } from '../workflow/index.js';
import { AppError } from '../../platform/errors.js';

/** The national status codes; the code is what DVCQG and the 766 index read. */
export const STATUS_CODES = {
  submitted: 1, // Mới đăng ký
  received: 2, // Được tiếp nhận
  refused: 3, // Không được tiếp nhận
  processing: 4, // Đang xử lý
  waiting_supplement: 5, // Yêu cầu bổ sung giấy tờ
  waiting_payment: 6, // Yêu cầu thực hiện nghĩa vụ tài chính
  withdrawn: 7, // Công dân yêu cầu rút hồ sơ
  stopped: 8, // Dừng xử lý
  result_ready: 9, // Đã xử lý xong
  returned: 10, // Đã trả kết quả
} as const;
export type DossierStatus = keyof typeof STATUS_CODES;

export const STATUS_LABELS: Record<DossierStatus, string> = {
  submitted: 'Mới đăng ký',
  received: 'Được tiếp nhận',
  refused: 'Không được tiếp nhận',
  processing: 'Đang xử lý',
  waiting_supplement: 'Yêu cầu bổ sung giấy tờ',
  waiting_payment: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  withdrawn: 'Công dân yêu cầu rút hồ sơ',
  stopped: 'Dừng xử lý',
  result_ready: 'Đã xử lý xong',
  returned: 'Đã trả kết quả',
};

/** 766 semantics: these end processing (domain.md §4.2). */
export const FINAL_STATUSES: ReadonlySet<DossierStatus> = new Set([
  'refused',
  'withdrawn',
  'stopped',
  'returned',
]);

export type Channel = 'direct' | 'online' | 'postal';

export type ActorKind = 'applicant' | 'officer' | 'system';
export interface Actor {
  kind: ActorKind;
  id: string;
  role?: string;
  unitId?: string;
}

/** Every kind of entry in a dossier's action log. */
export type Action =
  | { kind: 'submit' }
  | { kind: 'receive' }
  | { kind: 'refuse'; reason: string }
  | { kind: 'forward'; step: string; toUnitId?: string; reason?: string }
  | { kind: 'assign'; unitId?: string; accountId?: string }
  | { kind: 'consult'; unitId: string; question: string }
  | { kind: 'consult_reply'; unitId: string; answer: string }
  | { kind: 'transfer'; agencyId: string; reason: string }
  | { kind: 'transfer_back'; summary: string }
  | { kind: 'request_supplement'; items: string[]; reason: string }
  | { kind: 'supplement' }
  | { kind: 'request_payment'; amountVnd: number }
  | { kind: 'record_payment'; amountVnd: number; receiptNo: string }
  | { kind: 'extend'; newDue: Date; reason: string }
  | { kind: 'withdraw'; reason: string }
  | { kind: 'stop'; reason: string }
  | { kind: 'complete'; resultCode: string }
  | { kind: 'return_result'; method: 'counter' | 'post' | 'online' }
  /**
   * The due time moved because the working calendar changed (a day off added or removed): the
   * system records it; the fold already yields the moved time, since it reads the calendar.
   */
  | { kind: 'recompute_deadline'; from: string | null; to: string | null; changeIds: number[] };
export type ActionKind = Action['kind'];

export interface LoggedAction {
  action: Action;
  actor: Actor;
  at: Date;
}

/** What the rules need to know about the procedure and the calendar. */
export interface DossierContext {
  cal: WorkingCalendar;
  channel: Channel;
  /**
   * The legal processing time of the procedure version the dossier was filed under; null when the
   * catalogue does not state it clearly (then no due time is promised until it is configured).
   */
  period: DeadlinePeriod | null;
  /** Per procedure: continue the remaining time, or restart the period after a supplement. */
  resumeMode: ResumeMode;
  cutoff?: IntakeCutoff;
  /** The workflow version the dossier follows (null: no process published when it was filed). */
  process: ProcessDefinition | null;
  /** A unit's id from its code in the agency processing the dossier (workflow steps name codes). */
  unitIdOf?: (code: string) => string | null;
  /** A unit's name from its id, for messages that say who acts. */
  unitNameOf?: (id: string) => string | null;
  /** An agency's id from its electronic ID (transfer steps name agencies by it). */
  agencyIdOf?: (electronicId: string) => string | null;
  /**
   * The procedure's payment rule pinned at filing (rules.ts); absent = the legacy one: nothing
   * asked by the system, the clock running while payment is awaited.
   */
  payment?: PaymentRule;
}

/** A unit asked for its opinion during a step (xin ý kiến), not yet answered. */
export interface OpenConsultation {
  unitId: string;
  askedAt: string;
}

export interface DossierState {
  status: DossierStatus;
  /** When the dossier entered the system: online submission, or receipt at the counter/post. */
  filedAt: Date | null;
  clock: DeadlineClock | null;
  receivedAt: Date | null;
  completedAt: Date | null;
  supplementRequests: number;
  extended: boolean;
  /** The working step the dossier is at inside processing (receive → assign → appraise …). */
  step: string | null;
  /** When the current step must be done (its hours in the workflow), for the control sheet. */
  stepDueAt: Date | null;
  /** Who works on it inside the processing agency. */
  assignedUnitId: string | null;
  assignedAccountId: string | null;
  /** The agency of an inter-agency transfer (liên thông) while it has the dossier. */
  currentAgencyId: string | null;
  openConsultations: OpenConsultation[];
}

export const INITIAL_STATE: DossierState = {
  status: 'submitted',
  filedAt: null,
  clock: null,
  receivedAt: null,
  completedAt: null,
  supplementRequests: 0,
  extended: false,
  step: null,
  stepDueAt: null,
  assignedUnitId: null,
  assignedAccountId: null,
  currentAgencyId: null,
  openConsultations: [],
};

const refuse = (message: string) => new AppError('CONFLICT', message);

/**
 * The payment rule of dossiers filed before rules carried one (a context without `payment`): no
 * request by the system, the clock running while payment is awaited (what the model did then),
 * the filing date kept.
 */
export const LEGACY_PAYMENT: PaymentRule = {
  due: 'none',
  clock: 'run',
  filingDateFromPayment: false,
};

const from = (state: DossierState, allowed: DossierStatus[], what: string) => {
  if (!allowed.includes(state.status)) {
    throw refuse(`Không thể ${what} khi hồ sơ đang ở trạng thái "${STATUS_LABELS[state.status]}".`);
  }
};

function requireActor(actor: Actor, kinds: ActorKind[], what: string) {
  if (!kinds.includes(actor.kind)) {
    throw new AppError('FORBIDDEN', `Bạn không được ${what} hồ sơ này.`);
  }
}

/** Applies one action to a state, or throws the rule it breaks (in Vietnamese). */
export function applyAction(
  state: DossierState,
  entry: LoggedAction,
  ctx: DossierContext,
): DossierState {
  const { action, actor, at } = entry;
  switch (action.kind) {
    case 'submit':
      requireActor(actor, ['applicant'], 'nộp');
      if (state.filedAt !== null) throw refuse('Hồ sơ đã được nộp.');
      return { ...state, status: 'submitted', filedAt: at };

    case 'receive': {
      requireActor(actor, ['officer'], 'tiếp nhận');
      from(state, ['submitted'], 'tiếp nhận');
      // The legal clock starts at receipt; outside working time, or after the procedure's
      // cut-off, it counts from the next working day (domain.md §9; NĐ 118/2025 Art. 17).
      const clock = ctx.period
        ? startClock(ctx.cal, {
            receivedAt: at,
            period: ctx.period,
            ...(ctx.cutoff ? { cutoff: ctx.cutoff } : {}),
          })
        : null;
      return {
        ...state,
        status: 'received',
        filedAt: state.filedAt ?? at,
        clock,
        receivedAt: at,
        step: 'receive',
      };
    }

    case 'refuse':
      requireActor(actor, ['officer'], 'từ chối tiếp nhận');
      // Phiếu từ chối tiếp nhận: only before receipt (NĐ 118/2025 Art. 17.1, TT 03/2025 form 03).
      from(state, ['submitted'], 'từ chối tiếp nhận');
      if (action.reason.trim() === '') throw refuse('Phải nêu rõ lý do từ chối tiếp nhận.');
      return { ...state, status: 'refused', filedAt: state.filedAt ?? at };

    case 'forward': {
      requireActor(actor, ['officer'], 'chuyển');
      from(state, ['received', 'processing'], 'chuyển xử lý');
      // The steps and their hours are the procedure's published internal process (quy trình nội
      // bộ, NĐ 118/2025 Art. 8 as domain.md §1 reads it); a dossier follows the version it was
      // filed under.
      const found = ctx.process ? findStep(ctx.process, action.step) : null;
      if (ctx.process && !found) {
        throw new AppError(
          'VALIDATION_FAILED',
          `Bước "${action.step}" không có trong quy trình "${ctx.process.name}".`,
        );
      }
      // Into a transfer's own steps: the partner agency has the dossier (liên thông, domain.md
      // §1.5); out of them only through its return (transfer_back), which records its answer.
      const partner = found?.transferOf?.transfer
        ? (ctx.agencyIdOf?.(found.transferOf.transfer.agencyElectronicId) ?? null)
        : null;
      if (found && !found.transferOf && state.currentAgencyId !== null) {
        throw refuse('Hồ sơ đang ở cơ quan liên thông; cần nhận lại hồ sơ liên thông trước.');
      }
      const currentAgencyId = partner ?? state.currentAgencyId;
      const unitId =
        action.toUnitId ??
        (found?.step.unitCode ? (ctx.unitIdOf?.(found.step.unitCode) ?? null) : null) ??
        state.assignedUnitId;
      return {
        ...state,
        status: 'processing',
        step: action.step,
        stepDueAt: found
          ? ctx.cal.addPeriod(ctx.cal.effectiveStart(at), found.step.hours, 'working_hours')
          : null,
        assignedUnitId: partner ? null : unitId,
        // A new step is picked up by someone of its unit; the leader assigns them.
        assignedAccountId:
          !partner && unitId === state.assignedUnitId ? state.assignedAccountId : null,
        currentAgencyId,
      };
    }

    case 'assign':
      requireActor(actor, ['officer'], 'phân công');
      from(
        state,
        ['received', 'processing', 'waiting_supplement', 'waiting_payment'],
        'phân công xử lý',
      );
      if (!action.unitId && !action.accountId) {
        throw new AppError('VALIDATION_FAILED', 'Cần chọn phòng hoặc cán bộ được phân công.');
      }
      return {
        ...state,
        assignedUnitId: action.unitId ?? state.assignedUnitId,
        assignedAccountId: action.accountId ?? null,
      };

    case 'consult':
      requireActor(actor, ['officer'], 'xin ý kiến về');
      from(state, ['received', 'processing'], 'xin ý kiến');
      if (state.openConsultations.some((c) => c.unitId === action.unitId)) {
        throw refuse('Đã xin ý kiến đơn vị này; đang chờ trả lời.');
      }
      return {
        ...state,
        status: 'processing',
        openConsultations: [
          ...state.openConsultations,
          { unitId: action.unitId, askedAt: at.toISOString() },
        ],
      };

    case 'consult_reply':
      requireActor(actor, ['officer'], 'trả lời ý kiến về');
      if (!state.openConsultations.some((c) => c.unitId === action.unitId)) {
        throw refuse('Không có yêu cầu xin ý kiến nào đang chờ đơn vị này trả lời.');
      }
      return {
        ...state,
        openConsultations: state.openConsultations.filter((c) => c.unitId !== action.unitId),
      };

    case 'transfer':
      requireActor(actor, ['officer'], 'chuyển liên thông');
      from(state, ['received', 'processing'], 'chuyển liên thông');
      // Liên thông: the other agency works on the dossier inside the same legal time; the
      // citizen sees one clock and statistics count the dossier once (domain.md §1.5).
      if (state.currentAgencyId !== null) {
        throw refuse('Hồ sơ đang ở cơ quan liên thông; cần nhận lại trước khi chuyển tiếp.');
      }
      return {
        ...state,
        status: 'processing',
        currentAgencyId: action.agencyId,
        assignedUnitId: null,
        assignedAccountId: null,
      };

    case 'transfer_back':
      requireActor(actor, ['officer'], 'trả hồ sơ liên thông');
      if (state.currentAgencyId === null) throw refuse('Hồ sơ không ở cơ quan liên thông nào.');
      return { ...state, currentAgencyId: null, assignedUnitId: null, assignedAccountId: null };

    case 'request_supplement': {
      requireActor(actor, ['officer'], 'yêu cầu bổ sung');
      // A supplement may be requested only once, listing everything in one notice
      // (domain.md §1.4: S13; NĐ 297/2025 "nêu rõ … đầy đủ trong 01 lần").
      if (state.supplementRequests > 0) {
        throw refuse(
          'Hồ sơ đã được yêu cầu bổ sung một lần; theo quy định chỉ yêu cầu bổ sung một lần, nêu đầy đủ nội dung trong một thông báo.',
        );
      }
      from(state, ['submitted', 'received', 'processing'], 'yêu cầu bổ sung');
      if (action.items.length === 0 || action.reason.trim() === '') {
        throw new AppError(
          'VALIDATION_FAILED',
          'Phiếu yêu cầu bổ sung phải nêu lý do và ít nhất một nội dung cần bổ sung.',
        );
      }
      // Before receipt there is no clock yet; after it, the clock stops (QĐ 766: supplement time
      // is not counted).
      const clock = state.clock ? pauseClock(ctx.cal, state.clock, at) : null;
      return {
        ...state,
        status: 'waiting_supplement',
        clock,
        supplementRequests: state.supplementRequests + 1,
      };
    }

    case 'supplement': {
      requireActor(actor, ['applicant', 'officer'], 'bổ sung');
      from(state, ['waiting_supplement'], 'bổ sung');
      if (state.receivedAt === null) {
        // Supplemented before receipt: the dossier waits for receipt again.
        return { ...state, status: 'submitted' };
      }
      // Received without a legal time configured, there is no clock to resume, but processing
      // goes on all the same.
      const clock = state.clock ? resumeClock(ctx.cal, state.clock, at, ctx.resumeMode) : null;
      return { ...state, status: 'processing', clock };
    }

    case 'request_payment': {
      // Yêu cầu thực hiện nghĩa vụ tài chính (status 6; NĐ 118/2025 Art. 24): an officer asks
      // during processing; the system asks when the procedure's rule or a paying step does
      // (issue 17), and only then before receipt, when the procedure is paid on filing.
      requireActor(actor, ['officer', 'system'], 'yêu cầu nộp phí');
      const rule = ctx.payment ?? LEGACY_PAYMENT;
      from(
        state,
        actor.kind === 'system' && rule.due === 'on_filing'
          ? ['submitted', 'received', 'processing']
          : ['received', 'processing'],
        'yêu cầu thực hiện nghĩa vụ tài chính',
      );
      if (!Number.isInteger(action.amountVnd) || action.amountVnd <= 0) {
        throw new AppError('VALIDATION_FAILED', 'Số tiền phí, lệ phí phải là số nguyên dương.');
      }
      // The clock while payment is awaited is the procedure's (data; [U] NĐ 118/2025 does not
      // say whether it stands still): paused like a supplement, or running on. A pause for payment
      // is not a supplement request (QĐ 766 counts those), so that count stays as it was.
      const clock =
        rule.clock === 'pause' && state.clock?.state === 'running'
          ? {
              ...pauseClock(ctx.cal, state.clock, at),
              supplementRequests: state.clock.supplementRequests,
            }
          : state.clock;
      return { ...state, status: 'waiting_payment', clock };
    }

    case 'record_payment': {
      requireActor(actor, ['officer', 'system'], 'ghi nhận nộp phí');
      from(state, ['waiting_payment'], 'ghi nhận nộp phí');
      const rule = ctx.payment ?? LEGACY_PAYMENT;
      // Where the procedure says so, the submission date is the payment's and the legal time
      // counts from it (Thanh Hóa's UpdateNgayNopSauKhiNopPhi, domain.md §4.6 [I]).
      const filedAt = rule.filingDateFromPayment ? at : state.filedAt;
      if (state.receivedAt === null) {
        // Paid on filing, before receipt: it waits for receipt, whose clock starts then.
        return { ...state, status: 'submitted', filedAt };
      }
      let clock = state.clock;
      if (rule.filingDateFromPayment && ctx.period) {
        clock = {
          ...startClock(ctx.cal, {
            receivedAt: at,
            period: ctx.period,
            ...(ctx.cutoff ? { cutoff: ctx.cutoff } : {}),
          }),
          extended: state.clock?.extended ?? false,
          supplementRequests: state.clock?.supplementRequests ?? 0,
        };
      } else if (clock?.state === 'paused') {
        // The time that was left continues from the payment.
        clock = resumeClock(ctx.cal, clock, at, 'continue');
      }
      return { ...state, status: 'processing', clock, filedAt };
    }

    case 'extend': {
      requireActor(actor, ['officer'], 'gia hạn');
      from(state, ['received', 'processing', 'waiting_payment'], 'gia hạn');
      const clock = state.clock;
      if (clock === null || clock.state !== 'running') {
        throw refuse('Chỉ gia hạn khi thời hạn giải quyết đang chạy.');
      }
      // The apology and extension must come at least 1 working day before the due time
      // (Lai Châu QĐ 88/2025/QĐ-UBND applying NĐ 118/2025; domain.md §1.4).
      const left = ctx.cal.remainingWorkingMinutes(clock.due, at);
      if (left < ctx.cal.dayMinutes) {
        throw refuse(
          'Phải gửi phiếu xin lỗi và đề nghị gia hạn chậm nhất 01 ngày làm việc trước thời hạn trả kết quả.',
        );
      }
      if (action.newDue.getTime() <= clock.due.getTime()) {
        throw new AppError('VALIDATION_FAILED', 'Ngày hẹn trả mới phải sau ngày hẹn hiện tại.');
      }
      // The extension counts in the procedure's own unit: whole calendar days for a procedure
      // counted in days (the new date falls on a working day, as any calendar-day term does),
      // working time otherwise.
      const extension: DeadlinePeriod =
        clock.period.unit === 'calendar_days'
          ? {
              amount: Math.ceil((action.newDue.getTime() - clock.due.getTime()) / 86_400_000),
              unit: 'calendar_days',
            }
          : {
              amount: Math.max(1, ctx.cal.remainingWorkingMinutes(action.newDue, clock.due)) / 60,
              unit: 'working_hours',
            };
      // extendClock enforces "only once" (it cites the rule) and moves the due time.
      const extendedClock = extendClock(ctx.cal, clock, extension);
      return { ...state, clock: extendedClock, extended: true };
    }

    case 'withdraw':
      requireActor(actor, ['applicant', 'officer'], 'rút');
      // Withdrawal at the applicant's request, while no decision or result exists yet
      // (NĐ 118/2025 Art. 21, TT 03/2025 Art. 7).
      from(
        state,
        ['submitted', 'received', 'processing', 'waiting_supplement', 'waiting_payment'],
        'rút hồ sơ',
      );
      return { ...state, status: 'withdrawn' };

    case 'stop':
      requireActor(actor, ['officer', 'system'], 'dừng xử lý');
      // Thông báo dừng giải quyết hồ sơ (TT 03/2025 Art. 7); also a dossier not supplemented
      // within the configured period is closed (domain.md §1.4, S9: 15 working days).
      from(
        state,
        ['received', 'processing', 'waiting_supplement', 'waiting_payment'],
        'dừng xử lý',
      );
      if (action.reason.trim() === '') throw refuse('Phải nêu rõ lý do dừng giải quyết hồ sơ.');
      return { ...state, status: 'stopped' };

    case 'complete':
      requireActor(actor, ['officer'], 'hoàn thành');
      from(state, ['processing'], 'hoàn thành xử lý');
      if (state.openConsultations.length > 0) {
        throw refuse('Còn đơn vị được xin ý kiến chưa trả lời; chưa thể hoàn thành xử lý.');
      }
      if (state.currentAgencyId !== null) {
        throw refuse('Hồ sơ đang ở cơ quan liên thông; chưa thể hoàn thành xử lý.');
      }
      return { ...state, status: 'result_ready', completedAt: at, step: 'return' };

    case 'return_result':
      requireActor(actor, ['officer', 'system'], 'trả kết quả');
      from(state, ['result_ready'], 'trả kết quả');
      return { ...state, status: 'returned' };

    case 'recompute_deadline':
      requireActor(actor, ['system'], 'tính lại thời hạn');
      return state;
  }
}

/** The state after a whole log; the log is the only source of truth. */
export function foldActions(log: readonly LoggedAction[], ctx: DossierContext): DossierState {
  return log.reduce((state, entry) => applyAction(state, entry, ctx), INITIAL_STATE);
}

/**
 * Actions that belong to the step the dossier is at: whoever holds the step does them. The others
 * keep their own permissions: receipt and payment at the counter, the return of the result, the
 * leader's extension, the applicant's withdrawal.
 */
export const STEP_BOUND_ACTIONS: ReadonlySet<ActionKind> = new Set([
  'forward',
  'request_supplement',
  'consult',
  'transfer',
  'complete',
]);

/** How messages name the roles a workflow step can name. */
export const STEP_ROLE_LABELS: Record<string, string> = {
  receiving_officer: 'Cán bộ tiếp nhận',
  specialist: 'Chuyên viên',
  unit_leader: 'Lãnh đạo phòng',
  agency_leader: 'Lãnh đạo cơ quan',
};

/** One role an officer holds and where it reaches (identity's role grants). */
export interface HeldRole {
  role: string;
  scope: 'own' | 'unit' | 'agency' | 'province';
  agencyId: string | null;
  unitId: string | null;
}

/** Who asks to act, as the step rule reads them. */
export interface StepCaller {
  roles: readonly HeldRole[];
  /**
   * The agencies that have the dossier now and every agency above them: an agency-wide role
   * reaches the dossier when its agency is one of these (a ward's committee covers its centre).
   */
  agencyLine: ReadonlySet<string>;
}

/** The step a dossier is at, and the unit that works it when the step names one. */
export interface CurrentStep {
  key: string;
  name: string;
  kind: string;
  role: string;
  unitId: string | null;
  unitName: string | null;
}

/** Null when the dossier follows no process (then the roles' own permissions decide). */
export function currentStepOf(state: DossierState, ctx: DossierContext): CurrentStep | null {
  if (!ctx.process) return null;
  // Before receipt the dossier waits at the first step, the counter's.
  const key = state.step ?? ctx.process.steps[0]?.key;
  const found = key ? findStep(ctx.process, key) : null;
  if (!found) return null;
  const { step } = found;
  // The unit the forward resolved the step to (or a leader reassigned it to) works it.
  const unitId = step.unitCode
    ? (state.assignedUnitId ?? ctx.unitIdOf?.(step.unitCode) ?? null)
    : null;
  return {
    key: step.key,
    name: step.name,
    kind: step.kind,
    role: step.role,
    unitId,
    unitName: unitId ? (ctx.unitNameOf?.(unitId) ?? step.unitCode) : null,
  };
}

function reaches(held: HeldRole, line: ReadonlySet<string>): boolean {
  if (held.scope === 'province') return true;
  if (held.scope === 'own') return false;
  return held.agencyId !== null && line.has(held.agencyId);
}

/**
 * Whether the caller may act at this step: they hold its role where it reaches the dossier (in
 * the step's unit when it names one; a unit-wide role only there, an agency-wide role in every
 * unit of its agency), or they stand in for whoever does:
 * - the head of the agency (agency_leader) for every step of his agency: he answers for the
 *   settlement of the procedures within its competence (NĐ 118/2025, the head's responsibility)
 *   and, as chairman, directs the committee's work (Luật Tổ chức chính quyền địa phương), so he
 *   may take a step himself;
 * - the head of a unit (unit_leader) for the steps of his unit, as he assigns its work.
 * A deputy acting for a leader holds the leader's role through a delegation (ủy quyền, identity
 * grants it until its end), so he is covered as the leader is.
 */
export function holdsStep(step: CurrentStep, caller: StepCaller): boolean {
  const { agencyLine } = caller;
  return caller.roles.some((held) => {
    if (!reaches(held, agencyLine)) return false;
    if (held.role === 'agency_leader') return true;
    const inUnit = step.unitId === null || held.scope !== 'unit' || held.unitId === step.unitId;
    if (held.role === step.role) return inUnit;
    return held.role === 'unit_leader' && step.unitId !== null && held.unitId === step.unitId;
  });
}

/** "Bước "…" do Chuyên viên (Phòng Văn hóa - Xã hội) thực hiện." */
export function whoActsAt(step: CurrentStep): string {
  const role = STEP_ROLE_LABELS[step.role] ?? step.role;
  return `Bước "${step.name}" do ${role}${step.unitName ? ` (${step.unitName})` : ''} thực hiện.`;
}

const flatSteps = (process: ProcessDefinition) =>
  process.steps.flatMap((s) => [s, ...(s.transfer?.steps ?? [])]);

/**
 * The rule of the step for a new action (the log's past entries are not judged again): a
 * step-bound action only by whoever holds the step (`caller`; omitted for the system's own
 * actions), and the order the process sets: where it has a signing step, the result is issued
 * there, by the leader who signs (the appraiser forwards to it instead of completing); a dossier
 * sent back to an earlier step says why. Null when allowed.
 */
export function stepRefusal(
  state: DossierState,
  ctx: DossierContext,
  action: Action,
  caller: StepCaller | null,
): AppError | null {
  if (!STEP_BOUND_ACTIONS.has(action.kind) || !ctx.process) return null;
  const step = currentStepOf(state, ctx);
  if (!step) return null;
  if (caller && !holdsStep(step, caller)) return new AppError('FORBIDDEN', whoActsAt(step));
  const sign = ctx.process.steps.find((s) => s.kind === 'sign');
  if (action.kind === 'complete' && sign && step.kind !== 'sign') {
    return refuse(
      `Hồ sơ cần được chuyển đến bước "${sign.name}" để lãnh đạo ký trước khi có kết quả.`,
    );
  }
  if (action.kind === 'forward') {
    const order = flatSteps(ctx.process).map((s) => s.key);
    const back =
      order.indexOf(action.step) !== -1 && order.indexOf(action.step) < order.indexOf(step.key);
    if (back && !action.reason?.trim()) {
      return new AppError('VALIDATION_FAILED', 'Cần nêu lý do trả hồ sơ về bước trước.', {
        issues: [{ path: 'reason', message: 'Cần nêu lý do trả hồ sơ về bước trước.' }],
      });
    }
  }
  return null;
}

/**
 * Whether this action forwards the dossier into a step that asks for payment first
 * (ProcessStep.requiresPayment, "Thu phí, lệ phí trước bước này") while the dossier has not paid:
 * the system then asks for the fee right after it (issue 17). `paid`: the log records a payment.
 */
export function forwardAsksPayment(ctx: DossierContext, action: Action, paid: boolean): boolean {
  if (action.kind !== 'forward' || paid || !ctx.process) return false;
  return findStep(ctx.process, action.step)?.step.requiresPayment === true;
}

/** Whether a dossier's log (its entries' kinds) records a payment. */
export const hasPaid = (log: readonly { kind: string }[]): boolean =>
  log.some((e) => e.kind === 'record_payment');

const CANDIDATES: Action[] = [
  { kind: 'receive' },
  { kind: 'refuse', reason: 'x' },
  { kind: 'forward', step: 'x' },
  { kind: 'assign', unitId: 'x' },
  { kind: 'consult', unitId: 'x', question: 'x' },
  { kind: 'transfer', agencyId: 'x', reason: 'x' },
  { kind: 'transfer_back', summary: 'x' },
  { kind: 'request_supplement', items: ['x'], reason: 'x' },
  { kind: 'supplement' },
  { kind: 'request_payment', amountVnd: 1 },
  { kind: 'record_payment', amountVnd: 1, receiptNo: 'x' },
  { kind: 'withdraw', reason: 'x' },
  { kind: 'stop', reason: 'x' },
  { kind: 'complete', resultCode: 'x' },
  { kind: 'return_result', method: 'counter' },
];

/**
 * The actions an actor may take now (for buttons and queues): the legal rule allows them and,
 * with a `caller`, the step rule too (the same `stepRefusal` the action itself passes). Extension
 * is left out: it depends on the new date, so the UI asks and the rule answers.
 */
export function allowedActions(
  state: DossierState,
  actor: Actor,
  at: Date,
  ctx: DossierContext,
  caller: StepCaller | null = null,
): ActionKind[] {
  return CANDIDATES.flatMap((action) => {
    // Forwarding is asked of the step after the current one (a step back needs a reason).
    const next = ctx.process ? nextStep(ctx.process, state.step) : null;
    const probe: Action =
      action.kind === 'forward' && ctx.process
        ? { ...action, step: next?.key ?? ctx.process.steps[0]?.key ?? 'x', reason: 'x' }
        : action;
    try {
      applyAction(state, { action: probe, actor, at }, ctx);
    } catch {
      return [];
    }
    return stepRefusal(state, ctx, probe, caller) ? [] : [action.kind];
  });
}

/** On time = finished (result ready) no later than the due time, in the 766 sense. */
export function isOnTime(state: DossierState): boolean | null {
  if (state.completedAt === null || state.clock === null || state.clock.state !== 'running') {
    return null;
  }
  return state.completedAt.getTime() <= state.clock.due.getTime();
}
