import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ProcessStep } from '@motcua/contracts';
import type { z } from 'zod';
import { parseWorkingWindows, toIctIso, WorkingCalendar } from '../calendar/index.js';
import {
  allowedActions,
  applyAction,
  foldActions,
  forwardAsksPayment,
  hasPaid,
  holdsStep,
  INITIAL_STATE,
  isOnTime,
  STATUS_CODES,
  stepRefusal,
  type Action,
  type Actor,
  type DossierContext,
  type DossierState,
  type HeldRole,
  type LoggedAction,
  type StepCaller,
} from './dossier.js';

/** A process step with the contract's defaults: no unit, no consultation, no fee, no transfer. */
const step = (fields: z.input<typeof ProcessStep>) => ProcessStep.parse(fields);

// A plain calendar: Mon–Fri, 07:00–11:30 and 13:30–17:00, with 24/11/2026 off as in the data.
let ctx: DossierContext;
before(() => {
  ctx = {
    cal: new WorkingCalendar({
      windows: parseWorkingWindows('07:00-11:30,13:30-17:00'),
      overrides: [{ date: '2026-12-25', working: false }],
      firstYear: 2026,
      lastYear: 2027,
    }),
    channel: 'online',
    period: { amount: 3, unit: 'working_days' },
    resumeMode: 'continue',
    process: null,
  };
});

const citizen: Actor = { kind: 'applicant', id: 'techid-1' };
const officer: Actor = { kind: 'officer', id: 'officer-1', role: 'receiving_officer' };
const at = (local: string) => new Date(`${local}+07:00`);
const entry = (action: Action, actor: Actor, when: string): LoggedAction => ({
  action,
  actor,
  at: at(when),
});
const ict = (d: Date | undefined) => (d ? toIctIso(d).slice(0, 16) : undefined);
const dueOf = (s: DossierState) => (s.clock?.state === 'running' ? ict(s.clock.due) : undefined);

describe('status follows the log and maps onto the 10 national codes', () => {
  test('online: submit → receive → forward → complete → return', () => {
    const log = [
      entry({ kind: 'submit' }, citizen, '2026-12-07T20:00:00'),
      entry({ kind: 'receive' }, officer, '2026-12-08T09:00:00'),
      entry({ kind: 'forward', step: 'appraise' }, officer, '2026-12-08T10:00:00'),
      entry({ kind: 'complete', resultCode: 'KQ.G15.000031' }, officer, '2026-12-10T15:00:00'),
      entry({ kind: 'return_result', method: 'counter' }, officer, '2026-12-11T08:00:00'),
    ];
    const states = log.map((_, i) => foldActions(log.slice(0, i + 1), ctx));
    assert.deepEqual(
      states.map((s) => STATUS_CODES[s.status]),
      [1, 2, 4, 9, 10],
    );
    // Received Tue 08/12 09:00 + 3 working days = Fri 11/12 09:00.
    assert.equal(dueOf(states[1]!), '2026-12-11T09:00');
    assert.equal(isOnTime(states[4]!), true);
  });

  test('counter: the first action is receipt; a refusal needs a reason', () => {
    const received = applyAction(
      INITIAL_STATE,
      entry({ kind: 'receive' }, officer, '2026-12-07T16:00:00'),
      { ...ctx, channel: 'direct' },
    );
    assert.equal(received.status, 'received');
    assert.equal(ict(received.filedAt ?? undefined), '2026-12-07T16:00');
    assert.throws(
      () =>
        applyAction(
          INITIAL_STATE,
          entry({ kind: 'refuse', reason: ' ' }, officer, '2026-12-07T16:00:00'),
          ctx,
        ),
      /lý do từ chối/,
    );
  });

  test('after-15:00 cut-off counts from the next working day', () => {
    const s = applyAction(
      INITIAL_STATE,
      entry({ kind: 'receive' }, officer, '2026-12-07T15:30:00'),
      {
        ...ctx,
        period: { amount: 1, unit: 'working_days' },
        cutoff: { afterTime: 15 * 60 },
      },
    );
    // From Tue 08/12 07:00, plus one working day: the end of Tuesday.
    assert.equal(dueOf(s), '2026-12-08T17:00');
  });
});

describe('legal rules', () => {
  const received = () =>
    foldActions(
      [
        entry({ kind: 'submit' }, citizen, '2026-12-07T08:00:00'),
        entry({ kind: 'receive' }, officer, '2026-12-07T09:00:00'),
        entry({ kind: 'forward', step: 'appraise' }, officer, '2026-12-07T09:30:00'),
      ],
      ctx,
    );

  test('a supplement stops the clock and is allowed only once', () => {
    const waiting = applyAction(
      received(),
      entry(
        { kind: 'request_supplement', items: ['Giấy chứng sinh'], reason: 'Thiếu giấy tờ' },
        officer,
        '2026-12-08T09:00:00',
      ),
      ctx,
    );
    assert.equal(waiting.status, 'waiting_supplement');
    assert.equal(waiting.clock?.state, 'paused');
    // Two working days later the applicant supplements: the remaining 2 days continue.
    const back = applyAction(
      waiting,
      entry({ kind: 'supplement' }, citizen, '2026-12-10T09:00:00'),
      ctx,
    );
    assert.equal(back.status, 'processing');
    assert.equal(dueOf(back), '2026-12-14T09:00');
    assert.throws(
      () =>
        applyAction(
          back,
          entry(
            { kind: 'request_supplement', items: ['x'], reason: 'y' },
            officer,
            '2026-12-10T10:00:00',
          ),
          ctx,
        ),
      /chỉ yêu cầu bổ sung một lần/,
    );
  });

  test('received without a legal time: a supplement sends it back to processing, not to receipt', () => {
    const noTime = { ...ctx, period: null };
    const log = [
      entry({ kind: 'submit' }, citizen, '2026-12-07T20:00:00'),
      entry({ kind: 'receive' }, officer, '2026-12-08T09:00:00'),
      entry(
        { kind: 'request_supplement', items: ['x'], reason: 'y' },
        officer,
        '2026-12-08T10:00:00',
      ),
      entry({ kind: 'supplement' }, citizen, '2026-12-09T09:00:00'),
    ];
    const back = foldActions(log, noTime);
    assert.equal(back.status, 'processing');
    assert.equal(back.clock, null);
    // Before receipt, a supplement still waits for receipt.
    const early = foldActions(
      [
        log[0]!,
        entry(
          { kind: 'request_supplement', items: ['x'], reason: 'y' },
          officer,
          '2026-12-08T08:00:00',
        ),
        entry({ kind: 'supplement' }, citizen, '2026-12-08T09:00:00'),
      ],
      ctx,
    );
    assert.equal(early.status, 'submitted');
  });

  test('restart mode: the whole period starts again from the complete dossier', () => {
    const waiting = applyAction(
      received(),
      entry(
        { kind: 'request_supplement', items: ['x'], reason: 'y' },
        officer,
        '2026-12-08T09:00:00',
      ),
      ctx,
    );
    const back = applyAction(
      waiting,
      entry({ kind: 'supplement' }, citizen, '2026-12-10T09:00:00'),
      {
        ...ctx,
        resumeMode: 'restart',
      },
    );
    assert.equal(dueOf(back), '2026-12-15T09:00');
  });

  test('an extension needs 1 working day of notice and is allowed only once', () => {
    const s = received(); // due Thu 10/12 09:00
    assert.throws(
      () =>
        applyAction(
          s,
          entry(
            { kind: 'extend', newDue: at('2026-12-14T09:00:00'), reason: 'Cần xác minh' },
            officer,
            '2026-12-09T10:00:00',
          ),
          ctx,
        ),
      /chậm nhất 01 ngày làm việc/,
    );
    const extended = applyAction(
      s,
      entry(
        { kind: 'extend', newDue: at('2026-12-14T09:00:00'), reason: 'Cần xác minh' },
        officer,
        '2026-12-08T09:00:00',
      ),
      ctx,
    );
    assert.equal(dueOf(extended), '2026-12-14T09:00');
    assert.throws(
      () =>
        applyAction(
          extended,
          entry(
            { kind: 'extend', newDue: at('2026-12-16T09:00:00'), reason: 'Lần hai' },
            officer,
            '2026-12-09T08:00:00',
          ),
          ctx,
        ),
      /không quá một lần/,
    );
  });

  test('no withdrawal once the result exists; only officers receive', () => {
    const done = applyAction(
      received(),
      entry({ kind: 'complete', resultCode: 'KQ' }, officer, '2026-12-09T09:00:00'),
      ctx,
    );
    assert.throws(
      () =>
        applyAction(
          done,
          entry({ kind: 'withdraw', reason: 'Đổi ý' }, citizen, '2026-12-09T10:00:00'),
          ctx,
        ),
      /Không thể rút hồ sơ/,
    );
    assert.throws(
      () =>
        applyAction(INITIAL_STATE, entry({ kind: 'receive' }, citizen, '2026-12-09T10:00:00'), ctx),
      /không được tiếp nhận/,
    );
  });

  test('allowed actions follow the state and the actor', () => {
    const s = received();
    assert.deepEqual(allowedActions(s, citizen, at('2026-12-08T09:00:00'), ctx), ['withdraw']);
    assert.deepEqual(allowedActions(s, officer, at('2026-12-08T09:00:00'), ctx), [
      'forward',
      'assign',
      'consult',
      'transfer',
      'request_supplement',
      'request_payment',
      'withdraw',
      'stop',
      'complete',
    ]);
  });

  test('late completion is not on time', () => {
    const late = applyAction(
      received(),
      entry({ kind: 'complete', resultCode: 'KQ' }, officer, '2026-12-11T09:00:00'),
      ctx,
    );
    assert.equal(isOnTime(late), false);
  });
});

describe('the workflow: steps, assignment, consultation, inter-agency transfer', () => {
  const officerDoes = (s: DossierState, action: Action, when: string, c: DossierContext) =>
    applyAction(s, entry(action, officer, when), c);
  const vhxh = '00000000-0000-4000-8000-0000000000aa';
  const police = '00000000-0000-4000-8000-0000000000bb';
  const withProcess = (): DossierContext => ({
    ...ctx,
    process: {
      procedureCode: '1.004837',
      name: 'Đăng ký giám hộ',
      steps: [
        step({
          key: 'receive',
          name: 'Tiếp nhận',
          kind: 'receive',
          role: 'receiving_officer',
          hours: 2,
        }),
        step({
          key: 'appraise',
          name: 'Thẩm định',
          kind: 'appraise',
          role: 'specialist',
          unitCode: 'VHXH',
          hours: 10,
        }),
        step({
          key: 'return',
          name: 'Trả kết quả',
          kind: 'return',
          role: 'receiving_officer',
          hours: 2,
        }),
      ],
    },
    unitIdOf: (code) => (code === 'VHXH' ? vhxh : null),
  });
  const receivedWith = (c: DossierContext) =>
    applyAction(INITIAL_STATE, entry({ kind: 'receive' }, officer, '2026-12-08T09:00:00'), {
      ...c,
      channel: 'direct',
    });

  test('forward follows the published steps: the step due time and its unit come from them', () => {
    const c = withProcess();
    const s = officerDoes(
      receivedWith(c),
      { kind: 'forward', step: 'appraise' },
      '2026-12-08T10:00:00',
      c,
    );
    // Tue 10:00 + 10 working hours: 1.5 + 3.5 on Tue, 4.5 Wed morning, 0.5 after 13:30 = Wed 14:00.
    assert.equal(ict(s.stepDueAt ?? undefined), '2026-12-09T14:00');
    assert.equal(s.assignedUnitId, vhxh);
    assert.throws(
      () => officerDoes(s, { kind: 'forward', step: 'sign' }, '2026-12-08T11:00:00', c),
      /không có trong quy trình/,
    );
  });

  test('a consultation must be answered before the result; one open request per unit', () => {
    const c = withProcess();
    const asked = officerDoes(
      receivedWith(c),
      { kind: 'consult', unitId: vhxh, question: 'Ý kiến về người giám hộ?' },
      '2026-12-08T10:00:00',
      c,
    );
    assert.throws(
      () =>
        officerDoes(
          asked,
          { kind: 'consult', unitId: vhxh, question: 'Lần nữa' },
          '2026-12-08T10:30:00',
          c,
        ),
      /đang chờ trả lời/,
    );
    assert.throws(
      () => officerDoes(asked, { kind: 'complete', resultCode: 'KQ' }, '2026-12-08T11:00:00', c),
      /chưa trả lời/,
    );
    const answered = officerDoes(
      asked,
      { kind: 'consult_reply', unitId: vhxh, answer: 'Đồng ý' },
      '2026-12-08T14:00:00',
      c,
    );
    assert.deepEqual(answered.openConsultations, []);
    assert.equal(
      officerDoes(answered, { kind: 'complete', resultCode: 'KQ' }, '2026-12-08T15:00:00', c)
        .status,
      'result_ready',
    );
  });

  test('a transfer keeps one clock and must come back before the result', () => {
    const c = withProcess();
    const before = receivedWith(c);
    const away = officerDoes(
      before,
      { kind: 'transfer', agencyId: police, reason: 'Xác minh' },
      '2026-12-08T10:00:00',
      c,
    );
    assert.equal(away.currentAgencyId, police);
    assert.equal(dueOf(away), dueOf(before));
    assert.throws(
      () =>
        officerDoes(
          away,
          { kind: 'transfer', agencyId: police, reason: 'Lại' },
          '2026-12-08T10:30:00',
          c,
        ),
      /cơ quan liên thông/,
    );
    assert.throws(
      () => officerDoes(away, { kind: 'complete', resultCode: 'KQ' }, '2026-12-08T11:00:00', c),
      /cơ quan liên thông/,
    );
    const back = officerDoes(
      away,
      { kind: 'transfer_back', summary: 'Đủ điều kiện' },
      '2026-12-09T09:00:00',
      c,
    );
    assert.equal(back.currentAgencyId, null);
    assert.equal(dueOf(back), dueOf(before));
  });

  test('forwarding into a transfer step hands the dossier to the partner; back only by its return', () => {
    const c: DossierContext = {
      ...withProcess(),
      process: {
        ...withProcess().process!,
        steps: [
          withProcess().process!.steps[0]!,
          step({
            key: 'verify',
            name: 'Liên thông xác minh',
            kind: 'other',
            role: 'specialist',
            unitCode: 'VHXH',
            hours: 6,
            transfer: {
              agencyElectronicId: '000.00.14.H75',
              steps: [
                {
                  key: 'police',
                  name: 'Công an xác minh',
                  kind: 'appraise',
                  role: 'specialist',
                  hours: 4,
                },
              ],
            },
          }),
          withProcess().process!.steps[2]!,
        ],
      },
      agencyIdOf: (eid) => (eid === '000.00.14.H75' ? police : null),
    };
    const away = officerDoes(
      receivedWith(c),
      { kind: 'forward', step: 'police' },
      '2026-12-08T10:00:00',
      c,
    );
    assert.equal(away.currentAgencyId, police);
    assert.throws(
      () => officerDoes(away, { kind: 'forward', step: 'return' }, '2026-12-08T11:00:00', c),
      /nhận lại hồ sơ liên thông/,
    );
    const back = officerDoes(
      away,
      { kind: 'transfer_back', summary: 'Đủ điều kiện' },
      '2026-12-08T15:00:00',
      c,
    );
    assert.equal(
      officerDoes(back, { kind: 'forward', step: 'return' }, '2026-12-08T15:30:00', c)
        .currentAgencyId,
      null,
    );
  });

  test('assignment needs a unit or an officer', () => {
    const c = withProcess();
    assert.throws(
      () => officerDoes(receivedWith(c), { kind: 'assign' }, '2026-12-08T10:00:00', c),
      /phòng hoặc cán bộ/,
    );
    const s = officerDoes(
      receivedWith(c),
      { kind: 'assign', unitId: vhxh, accountId: 'acc-1' },
      '2026-12-08T10:00:00',
      c,
    );
    assert.deepEqual([s.assignedUnitId, s.assignedAccountId], [vhxh, 'acc-1']);
  });
});

describe('who holds the step (issue 15, item 6)', () => {
  const ward = 'ward-committee';
  const centre = 'ward-centre';
  const vhxh = 'unit-vhxh';
  const kt = 'unit-kt';
  const appraise = {
    key: 'appraise',
    name: 'Thẩm định',
    kind: 'appraise',
    role: 'specialist',
    unitId: vhxh,
    unitName: 'Phòng Văn hóa - Xã hội',
  };
  const sign = {
    ...appraise,
    key: 'sign',
    name: 'Lãnh đạo ký',
    kind: 'sign',
    role: 'agency_leader',
    unitId: null,
    unitName: null,
  };
  const line = new Set([centre, ward, 'province']);
  const as = (...roles: Array<Partial<HeldRole> & { role: string }>): StepCaller => ({
    roles: roles.map((r) => ({ scope: 'unit', agencyId: ward, unitId: null, ...r })),
    agencyLine: line,
  });

  test('the step’s role in the step’s unit; an agency-wide role in every unit of its agency', () => {
    assert.equal(holdsStep(appraise, as({ role: 'specialist', unitId: vhxh })), true);
    assert.equal(holdsStep(appraise, as({ role: 'specialist', unitId: kt })), false);
    assert.equal(holdsStep(appraise, as({ role: 'specialist', scope: 'agency' })), true);
    // Another ward's agency-wide specialist does not reach this dossier.
    assert.equal(
      holdsStep(appraise, as({ role: 'specialist', scope: 'agency', agencyId: 'other-ward' })),
      false,
    );
    assert.equal(
      holdsStep(appraise, as({ role: 'receiving_officer', scope: 'agency', agencyId: centre })),
      false,
    );
  });

  test('delegates: the head of the agency on any step of it, the head of the step’s unit', () => {
    const chairman = as({ role: 'agency_leader', scope: 'agency' });
    assert.equal(holdsStep(appraise, chairman), true);
    assert.equal(holdsStep(sign, chairman), true);
    assert.equal(
      holdsStep(sign, as({ role: 'agency_leader', scope: 'agency', agencyId: 'other-ward' })),
      false,
    );
    assert.equal(holdsStep(appraise, as({ role: 'unit_leader', unitId: vhxh })), true);
    assert.equal(holdsStep(appraise, as({ role: 'unit_leader', unitId: kt })), false);
    // The head of a unit does not sign for the agency.
    assert.equal(holdsStep(sign, as({ role: 'unit_leader', unitId: vhxh })), false);
  });

  test('the refusal names the step and its role; the system’s own actions are not judged by role', () => {
    const c: DossierContext = {
      ...ctx,
      process: {
        procedureCode: '1.001193',
        name: 'Đăng ký khai sinh',
        steps: [
          step({
            key: 'receive',
            name: 'Tiếp nhận',
            kind: 'receive',
            role: 'receiving_officer',
            hours: 1,
          }),
          step({
            key: 'appraise',
            name: 'Thẩm định',
            kind: 'appraise',
            role: 'specialist',
            unitCode: 'VHXH',
            hours: 4,
          }),
          step({
            key: 'sign',
            name: 'Lãnh đạo Ủy ban nhân dân ký Giấy khai sinh',
            kind: 'sign',
            role: 'agency_leader',
            hours: 2,
          }),
          step({
            key: 'return',
            name: 'Trả kết quả',
            kind: 'return',
            role: 'receiving_officer',
            hours: 1,
          }),
        ],
      },
      unitIdOf: (code) => (code === 'VHXH' ? vhxh : null),
    };
    const atSign: DossierState = {
      ...INITIAL_STATE,
      status: 'processing',
      step: 'sign',
      assignedUnitId: vhxh,
    };
    const complete: Action = { kind: 'complete', resultCode: 'KQ' };
    const refusal = stepRefusal(atSign, c, complete, as({ role: 'specialist', unitId: vhxh }));
    assert.equal(refusal?.code, 'FORBIDDEN');
    assert.equal(
      refusal?.message,
      'Bước "Lãnh đạo Ủy ban nhân dân ký Giấy khai sinh" do Lãnh đạo cơ quan thực hiện.',
    );
    assert.equal(
      stepRefusal(atSign, c, complete, as({ role: 'agency_leader', scope: 'agency' })),
      null,
    );
    assert.equal(stepRefusal(atSign, c, complete, null), null);
    // The order of the process binds everyone: no result before the signing step.
    const atAppraisal = { ...atSign, step: 'appraise' };
    assert.equal(stepRefusal(atAppraisal, c, complete, null)?.code, 'CONFLICT');
    // Steps back need a reason; forward ones do not.
    assert.equal(
      stepRefusal(atSign, c, { kind: 'forward', step: 'appraise' }, null)?.code,
      'VALIDATION_FAILED',
    );
    assert.equal(
      stepRefusal(atSign, c, { kind: 'forward', step: 'appraise', reason: 'Sai tên' }, null),
      null,
    );
    assert.equal(stepRefusal(atAppraisal, c, { kind: 'forward', step: 'sign' }, null), null);
    // Not step-bound: the counter returns the result whoever holds the step.
    assert.equal(
      stepRefusal(
        atSign,
        c,
        { kind: 'return_result', method: 'counter' },
        as({ role: 'receiving_officer' }),
      ),
      null,
    );
    // Without a process, the roles' own permissions decide.
    assert.equal(stepRefusal(atSign, ctx, complete, as({ role: 'receiving_officer' })), null);
  });
});

describe('payment (issue 17): the rule pinned at filing decides the clock and the dates', () => {
  const system: Actor = { kind: 'system', id: 'payment' };
  const withRule = (
    due: 'none' | 'on_filing' | 'at_step',
    clock: 'pause' | 'run',
    filingDateFromPayment: boolean,
  ): DossierContext => ({ ...ctx, payment: { due, clock, filingDateFromPayment } });
  const ask = (amountVnd = 50_000): Action => ({ kind: 'request_payment', amountVnd });
  const pay: Action = { kind: 'record_payment', amountVnd: 50_000, receiptNo: 'BL0001' };
  // Received Mon 07/12 09:00, 3 working days: due Thu 10/12 09:00; asked Tue 08/12 09:00 (2 days
  // left), paid Fri 11/12 09:00.
  const receivedThenAsked = (c: DossierContext) =>
    foldActions(
      [
        entry({ kind: 'submit' }, citizen, '2026-12-07T08:00:00'),
        entry({ kind: 'receive' }, officer, '2026-12-07T09:00:00'),
        entry({ kind: 'forward', step: 'appraise' }, officer, '2026-12-07T09:30:00'),
        entry(ask(), officer, '2026-12-08T09:00:00'),
      ],
      c,
    );
  const paidAt = '2026-12-11T09:00:00';

  for (const due of ['none', 'on_filing', 'at_step'] as const) {
    test(`${due} / pause / filing date kept: the clock stands still and continues from the payment`, () => {
      const c = withRule(due, 'pause', false);
      const waiting = receivedThenAsked(c);
      assert.equal(STATUS_CODES[waiting.status], 6);
      assert.equal(waiting.clock?.state, 'paused');
      // A pause for payment is not a supplement request (QĐ 766 counts those).
      assert.equal(waiting.clock?.supplementRequests, 0);
      const paid = applyAction(waiting, entry(pay, system, paidAt), c);
      assert.equal(paid.status, 'processing');
      // 2 working days were left: Fri 11/12 09:00 + 2 days = Tue 15/12 09:00.
      assert.equal(dueOf(paid), '2026-12-15T09:00');
      assert.equal(ict(paid.filedAt ?? undefined), '2026-12-07T08:00');
    });

    test(`${due} / run / filing date kept: the clock keeps running while payment is awaited`, () => {
      const c = withRule(due, 'run', false);
      const waiting = receivedThenAsked(c);
      assert.equal(waiting.status, 'waiting_payment');
      assert.equal(dueOf(waiting), '2026-12-10T09:00');
      const paid = applyAction(waiting, entry(pay, system, paidAt), c);
      assert.equal(dueOf(paid), '2026-12-10T09:00');
      assert.equal(ict(paid.filedAt ?? undefined), '2026-12-07T08:00');
    });

    for (const clock of ['pause', 'run'] as const) {
      test(`${due} / ${clock} / filing date from payment: the legal time restarts at the payment`, () => {
        const c = withRule(due, clock, true);
        const paid = applyAction(receivedThenAsked(c), entry(pay, officer, paidAt), c);
        assert.equal(paid.status, 'processing');
        // Fri 11/12 09:00 + the whole 3 working days = Wed 16/12 09:00.
        assert.equal(dueOf(paid), '2026-12-16T09:00');
        assert.equal(ict(paid.filedAt ?? undefined), '2026-12-11T09:00');
        assert.equal(ict(paid.receivedAt ?? undefined), '2026-12-07T09:00');
      });
    }
  }

  test('legacy dossiers (no rule pinned) keep the clock running, as the model did then', () => {
    const waiting = receivedThenAsked(ctx);
    assert.equal(dueOf(waiting), '2026-12-10T09:00');
  });

  test('on filing: the system asks before receipt; paid, it waits for receipt, whose clock starts then', () => {
    for (const filingDateFromPayment of [false, true]) {
      const c = withRule('on_filing', 'pause', filingDateFromPayment);
      const waiting = foldActions(
        [
          entry({ kind: 'submit' }, citizen, '2026-12-07T20:00:00'),
          entry(ask(), system, '2026-12-07T20:00:00'),
        ],
        c,
      );
      assert.equal(STATUS_CODES[waiting.status], 6);
      assert.equal(waiting.clock, null);
      // Not receivable while the fee is awaited.
      assert.throws(
        () => applyAction(waiting, entry({ kind: 'receive' }, officer, '2026-12-08T08:00:00'), c),
        /tiếp nhận/,
      );
      const paid = applyAction(waiting, entry(pay, system, '2026-12-08T10:00:00'), c);
      assert.equal(paid.status, 'submitted');
      assert.equal(
        ict(paid.filedAt ?? undefined),
        filingDateFromPayment ? '2026-12-08T10:00' : '2026-12-07T20:00',
      );
      const received = applyAction(
        paid,
        entry({ kind: 'receive' }, officer, '2026-12-08T11:00:00'),
        c,
      );
      assert.equal(dueOf(received), '2026-12-11T11:00');
    }
  });

  test('before receipt only the system asks, and only when the procedure is paid on filing', () => {
    const submitted = foldActions([entry({ kind: 'submit' }, citizen, '2026-12-07T20:00:00')], ctx);
    for (const due of ['none', 'at_step'] as const) {
      assert.throws(
        () =>
          applyAction(
            submitted,
            entry(ask(), system, '2026-12-07T20:00:00'),
            withRule(due, 'pause', false),
          ),
        /Mới đăng ký/,
      );
    }
    assert.throws(
      () =>
        applyAction(
          submitted,
          entry(ask(), officer, '2026-12-07T20:00:00'),
          withRule('on_filing', 'pause', false),
        ),
      /Mới đăng ký/,
    );
    assert.throws(
      () => applyAction(submitted, entry(ask(), citizen, '2026-12-07T20:00:00'), ctx),
      /không được yêu cầu nộp phí/,
    );
  });

  test('an amount must be a positive whole number; a payment needs a request', () => {
    const c = withRule('at_step', 'pause', false);
    const s = receivedThenAsked(c);
    const processing = applyAction(s, entry(pay, system, paidAt), c);
    assert.throws(() => applyAction(processing, entry(pay, system, paidAt), c), /Đang xử lý/);
    assert.throws(
      () => applyAction(processing, entry(ask(0), officer, paidAt), c),
      /số nguyên dương/,
    );
    assert.throws(
      () => applyAction(processing, entry(ask(1.5), officer, paidAt), c),
      /số nguyên dương/,
    );
  });

  test('a paying step asks an unpaid dossier, not a paid one', () => {
    const c: DossierContext = {
      ...withRule('at_step', 'pause', false),
      process: {
        procedureCode: '1.001612',
        name: 'Đăng ký hộ kinh doanh',
        steps: [
          step({
            key: 'receive',
            name: 'Tiếp nhận',
            kind: 'receive',
            role: 'receiving_officer',
            hours: 2,
          }),
          step({
            key: 'appraise',
            name: 'Thẩm định',
            kind: 'appraise',
            role: 'specialist',
            hours: 8,
            requiresPayment: true,
          }),
        ],
      },
    };
    const into: Action = { kind: 'forward', step: 'appraise' };
    assert.equal(forwardAsksPayment(c, into, hasPaid([])), true);
    assert.equal(forwardAsksPayment(c, into, hasPaid([{ kind: 'record_payment' }])), false);
    assert.equal(
      forwardAsksPayment(c, { kind: 'forward', step: 'receive', reason: 'x' }, false),
      false,
    );
    assert.equal(forwardAsksPayment(ctx, into, false), false);
  });
});
