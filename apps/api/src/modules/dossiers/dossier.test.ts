import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { parseWorkingWindows, toIctIso, WorkingCalendar } from '../calendar/index.js';
import {
  allowedActions,
  applyAction,
  foldActions,
  INITIAL_STATE,
  isOnTime,
  STATUS_CODES,
  type Action,
  type Actor,
  type DossierContext,
  type DossierState,
  type LoggedAction,
} from './dossier.js';

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
