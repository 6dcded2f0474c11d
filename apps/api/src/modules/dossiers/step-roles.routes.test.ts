import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DossierView, ErrorBody, UnitList } from '@motcua/contracts';
import { agencyIdByName, counter, TRAN_BIEN_CENTRE } from '../../platform/testing/counter.js';
import { officerInjector } from '../../platform/testing/sign-in.js';
import { createTestApp, type TestApp } from '../../platform/testing/test-app.js';

/**
 * Actions follow the step (issue 15, item 6): 1.004837 Đăng ký giám hộ at Phường Trấn Biên goes
 * receive (the counter) → assign (head of VHXH) → appraise (specialist, VHXH) → sign (the
 * chairman) → return (the counter).
 */
let t: TestApp;
const { as } = officerInjector(() => t.app.server);
let centre = '';
const desk = counter(as, { centre: () => centre });

/** What the counter ticks as handed in: the one component required in every case. */
const HANDED_IN = { received: [{ name: 'Tờ khai đăng ký giám hộ', originals: 1, copies: 0 }] };
const APPRAISE = 'Công chức tư pháp - hộ tịch thẩm tra hồ sơ';
const SIGN = 'Lãnh đạo Ủy ban nhân dân ký trích lục đăng ký giám hộ';

async function look(who: string, code: string): Promise<DossierView> {
  const res = await as(who, { url: `/api/dossiers/${code}` });
  assert.equal(res.statusCode, 200, `${who}: ${res.body}`);
  return DossierView.parse(res.json());
}

async function ok(who: string, code: string, payload: Record<string, unknown>) {
  const res = await desk.act(who, code, payload);
  assert.equal(res.statusCode, 200, `${who} ${String(payload.kind)}: ${res.body}`);
  return DossierView.parse(res.json());
}

async function refused(
  who: string,
  code: string,
  payload: Record<string, unknown>,
  status: number,
): Promise<string> {
  const res = await desk.act(who, code, payload);
  assert.equal(res.statusCode, status, `${who} ${String(payload.kind)}: ${res.body}`);
  return ErrorBody.parse(res.json()).error.message;
}

/** A dossier received at the counter and forwarded to the specialists' appraisal. */
async function atAppraisal(): Promise<string> {
  const { code } = await desk.intake(HANDED_IN);
  await ok('tb.tiepnhan', code, { kind: 'forward', step: 'appraise' });
  return code;
}

before(async () => {
  t = await createTestApp();
  centre = await agencyIdByName(t.app.server, TRAN_BIEN_CENTRE);
});
after(async () => t.close());

describe('actions follow the step the dossier is at', () => {
  test('the counter acts at receipt, then no longer on the specialist’s step', async () => {
    const { code } = await desk.intake(HANDED_IN);
    const received = await look('tb.tiepnhan', code);
    assert.equal(received.currentStep?.key, 'receive');
    assert.equal(received.currentStep?.mine, true);
    assert.ok(received.allowedActions.includes('forward'), received.allowedActions.join());
    assert.ok(received.allowedActions.includes('request_supplement'));

    // The ward's inspector reads the dossier and is offered nothing.
    const inspector = await look('tb.thanhtra', code);
    assert.deepEqual(inspector.allowedActions, []);
    assert.equal(
      (await desk.act('tb.thanhtra', code, { kind: 'forward', step: 'appraise' })).statusCode,
      403,
    );

    await ok('tb.tiepnhan', code, { kind: 'forward', step: 'appraise' });
    const view = await look('tb.tiepnhan', code);
    assert.deepEqual(view.currentStep, {
      key: 'appraise',
      name: APPRAISE,
      kind: 'appraise',
      role: 'specialist',
      unitId: view.assignedUnitId,
      unitName: 'Phòng Văn hóa - Xã hội',
      mine: false,
    });
    for (const kind of ['forward', 'request_supplement', 'consult', 'complete']) {
      assert.ok(!view.allowedActions.includes(kind), `${kind} offered: ${view.allowedActions}`);
    }
    const message = `Bước "${APPRAISE}" do Chuyên viên (Phòng Văn hóa - Xã hội) thực hiện.`;
    assert.equal(
      await refused('tb.tiepnhan', code, { kind: 'forward', step: 'sign' }, 403),
      message,
    );
    assert.equal(
      await refused(
        'tb.tiepnhan',
        code,
        { kind: 'request_supplement', items: ['Giấy tờ cư trú'], reason: 'Thiếu' },
        403,
      ),
      message,
    );
    // What is not the step's stays the counter's: the fee is recorded there.
    assert.equal((await look('tb.tiepnhan', code)).step, 'appraise');

    // The specialist of the unit holds the step.
    const specialist = await look('tb.chuyenvien', code);
    assert.equal(specialist.currentStep?.mine, true);
    for (const kind of ['forward', 'request_supplement', 'consult']) {
      assert.ok(specialist.allowedActions.includes(kind), `${kind}: ${specialist.allowedActions}`);
    }
    // The process has a signing step: the result is issued there, not at appraisal.
    assert.ok(!specialist.allowedActions.includes('complete'));
    assert.match(
      await refused('tb.chuyenvien', code, { kind: 'complete', resultCode: 'KQ.1' }, 409),
      new RegExp(`chuyển đến bước "${SIGN}"`),
    );
  });

  test('the chairman signs at the signing step; the specialist cannot complete there', async () => {
    const code = await atAppraisal();
    await ok('tb.chuyenvien', code, { kind: 'forward', step: 'sign' });

    const chairman = await look('tb.chutich', code);
    assert.equal(chairman.currentStep?.name, SIGN);
    assert.equal(chairman.currentStep?.role, 'agency_leader');
    assert.equal(chairman.currentStep?.mine, true);
    assert.ok(chairman.allowedActions.includes('complete'), chairman.allowedActions.join());
    assert.ok(chairman.allowedActions.includes('forward'));

    const specialist = await look('tb.chuyenvien', code);
    assert.equal(specialist.currentStep?.mine, false);
    assert.ok(!specialist.allowedActions.includes('complete'));
    assert.equal(
      await refused('tb.chuyenvien', code, { kind: 'complete', resultCode: 'KQ.2' }, 403),
      `Bước "${SIGN}" do Lãnh đạo cơ quan thực hiện.`,
    );

    // Sent back to appraisal, with the reason the leader does not sign.
    const noReason = await desk.act('tb.chutich', code, { kind: 'forward', step: 'appraise' });
    assert.equal(noReason.statusCode, 400, noReason.body);
    const error = ErrorBody.parse(noReason.json()).error;
    assert.equal(error.message, 'Cần nêu lý do trả hồ sơ về bước trước.');
    assert.deepEqual(
      error.issues?.map((i) => i.path),
      ['reason'],
    );
    const back = await ok('tb.chutich', code, {
      kind: 'forward',
      step: 'appraise',
      reason: 'Cần xác minh lại nơi cư trú của người được giám hộ',
    });
    assert.equal(back.step, 'appraise');
    assert.equal(back.currentStep?.mine, true, 'the head of the agency may act on any step');

    await ok('tb.chuyenvien', code, { kind: 'forward', step: 'sign' });
    const signed = await ok('tb.chutich', code, { kind: 'complete', resultCode: 'KQ.G15.000123' });
    assert.equal(signed.status, 'result_ready');
    // The return is the counter's again.
    const returned = await ok('tb.tiepnhan', code, { kind: 'return_result', method: 'counter' });
    assert.equal(returned.status, 'returned');
  });

  test('an officer of another unit is refused the step, and still answers a consultation', async () => {
    const code = await atAppraisal();
    const committee = await agencyIdByName(t.app.server, 'Ủy ban nhân dân Phường Trấn Biên');
    const units = UnitList.parse(
      (
        await as('qt.tinh', { url: '/api/admin/identity/units', query: { agencyId: committee } })
      ).json(),
    );
    const kt = units.items.find((u) => u.code === 'KT');
    assert.ok(kt, 'Phòng Kinh tế');
    await ok('tb.chuyenvien', code, {
      kind: 'consult',
      unitId: kt.id,
      question: 'Người giám hộ có đang kinh doanh tại phường không?',
    });

    // Consulted, the economic unit's specialist reads the dossier but does not hold its step.
    const outsider = await look('tb.kinhte', code);
    assert.equal(outsider.currentStep?.mine, false);
    assert.ok(!outsider.allowedActions.includes('forward'), outsider.allowedActions.join());
    assert.equal(
      await refused('tb.kinhte', code, { kind: 'forward', step: 'sign' }, 403),
      `Bước "${APPRAISE}" do Chuyên viên (Phòng Văn hóa - Xã hội) thực hiện.`,
    );
    await ok('tb.kinhte', code, {
      kind: 'consult_reply',
      unitId: kt.id,
      answer: 'Không có đăng ký kinh doanh tại phường.',
    });
    // The head of the step's unit stands in for its specialists.
    const head = await look('tb.truongphong', code);
    assert.equal(head.currentStep?.mine, true);
    await ok('tb.truongphong', code, { kind: 'forward', step: 'sign' });
  });
});
