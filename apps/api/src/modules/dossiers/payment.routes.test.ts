/**
 * Payment in the dossier's life (issue 17, item 2): a paying step of the process and payment on
 * filing ask for the fee schedule's amount, the dossier waits in status 6, and the payments
 * module's confirmation brings it back, once per reference. Real server, real database, the
 * bundled fee schedule of 1.001612 (data/fees: 50.000 đ at the counter, 150.000 đ online).
 */
import assert from 'node:assert/strict';
import { TEST_CITIZENS, techIdOf } from '../../integrations/vneid-sso/test-people.js';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
  AgencyListResponse,
  DossierLookup,
  DossierView,
  ErrorBody,
  ProcessVersion,
  SessionInfo,
  type ProcessDefinition,
} from '@motcua/contracts';
import { startSimulators, type RunningSimulators } from '../../integrations/simulators.js';
import { receivedRequired, uploadRequiredToDraft } from '../../platform/testing/components.js';
import { eformAnswers } from '../../platform/testing/eform-answers.js';
import { officerInjector } from '../../platform/testing/sign-in.js';
import { browser, signInThroughSso } from '../../platform/testing/sso-browser.js';
import { createTestApp, type TestApp } from '../../platform/testing/test-app.js';

const PAYING = '1.001612'; // Đăng ký thành lập hộ kinh doanh: has a fee schedule
const FREE = '1.004837'; // Đăng ký giám hộ: no fee schedule
const ADMIN = { 'x-admin-token': 'motcua-admin-demo' };

let sims: RunningSimulators;
let t: TestApp;
let base: string;
let centre: string;

const { as } = officerInjector(() => t.app.server);

async function agencyId(q: string): Promise<string> {
  const res = await t.app.server.inject({ url: '/api/agencies', query: { q } });
  const found = AgencyListResponse.parse(res.json()).items.find((a) => a.name === q);
  assert.ok(found, q);
  return found.id;
}

/** Publishes the procedure's default process again with `step` marked as a paying step. */
async function publishWithPayingStep(procedureCode: string, step: string) {
  const current = ProcessVersion.parse(
    (await t.app.server.inject({ url: `/api/processes/${procedureCode}` })).json(),
  );
  const definition: ProcessDefinition = {
    ...current.definition,
    steps: current.definition.steps.map((s) =>
      s.key === step ? { ...s, requiresPayment: true } : s,
    ),
  };
  assert.ok(
    definition.steps.some((s) => s.requiresPayment),
    `${procedureCode} has ${step}`,
  );
  const draft = await t.app.server.inject({
    method: 'POST',
    url: '/api/admin/processes',
    headers: ADMIN,
    payload: { agencyId: null, definition },
  });
  assert.equal(draft.statusCode, 201, draft.body);
  const published = await t.app.server.inject({
    method: 'POST',
    url: `/api/admin/processes/${ProcessVersion.parse(draft.json()).id}/publish`,
    headers: ADMIN,
  });
  assert.equal(published.statusCode, 200, published.body);
}

const intake = async (procedureCode: string) => {
  const res = await as('tb.tiepnhan', {
    method: 'POST',
    url: '/api/officer/dossiers',
    key: randomUUID(),
    payload: {
      procedureCode,
      channel: 'direct',
      receivingAgencyId: centre,
      applicant: { name: 'Phạm Minh Khoa', idNumber: '075190005678', phone: '0909555666' },
      received: await receivedRequired((url) => t.app.server.inject(url), procedureCode),
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  return DossierView.parse(res.json());
};

/** An action as the counter officer, or as another demo officer (the chairman acts at any step). */
const act = (code: string, payload: Record<string, unknown>, who = 'tb.tiepnhan') =>
  as(who, {
    method: 'POST',
    url: `/api/dossiers/${code}/actions`,
    key: randomUUID(),
    payload,
  });

const viewOf = async (code: string) => {
  const res = await as('tb.tiepnhan', { url: `/api/dossiers/${code}` });
  assert.equal(res.statusCode, 200, res.body);
  return DossierView.parse(res.json());
};

before(async () => {
  sims = await startSimulators({ basePort: 0 });
  t = await createTestApp({ VNEID_ISSUER_URL: sims.urls['vneid-sso'] });
  await t.app.server.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.server.address() as AddressInfo).port}`;
  centre = await agencyId('Trung tâm Phục vụ hành chính công Phường Trấn Biên');
  await publishWithPayingStep(PAYING, 'assign');
  await publishWithPayingStep(FREE, 'appraise');
});
after(async () => {
  await t?.close();
  await sims?.close();
});

describe('a paying step of the process', () => {
  test('forwarding into it asks for the quoted fee in the same action: status 6, then back at the step once paid', async () => {
    const filed = await intake(PAYING);
    assert.equal(filed.statusCode, 2);
    const res = await act(filed.code, { kind: 'forward', step: 'assign' });
    assert.equal(res.statusCode, 200, res.body);
    const waiting = DossierView.parse(res.json());
    assert.equal(waiting.statusCode, 6);
    assert.equal(waiting.step, 'assign');
    // The counter's fee of data/fees/1.001612.json, asked by the system right after the forward.
    assert.equal(waiting.payment?.due, 50_000);
    assert.deepEqual(
      waiting.timeline.slice(-2).map((e) => [e.kind, e.actorKind]),
      [
        ['forward', 'officer'],
        ['request_payment', 'system'],
      ],
    );
    // The procedure's rule pauses the clock while the fee is awaited: no due time is shown.
    assert.equal(waiting.dueAt, null);

    const due = await t.app.modules.dossiers.paymentDue(waiting.code, () => true);
    assert.equal(due?.amountVnd, 50_000);
    assert.equal(due?.statusCode, 6);
    assert.equal(due?.applicant.idNumber, '075190005678');

    const reference = `dvc${randomUUID().replaceAll('-', '')}`;
    const paid = await t.app.modules.dossiers.recordPayment({
      dossierId: waiting.id,
      amountVnd: 50_000,
      receiptNo: 'HKD-25E/0000001',
      reference,
      paidAt: new Date(),
    });
    assert.deepEqual(paid, { recorded: true, statusCode: 4 });
    const after = await viewOf(waiting.code);
    assert.equal(after.statusCode, 4);
    assert.equal(after.step, 'assign');
    assert.ok(after.dueAt, 'the clock runs again');
    assert.equal(after.payment?.due, null);
    assert.deepEqual(
      after.payment?.paid.map((p) => [p.amountVnd, p.receiptNo, p.reference]),
      [[50_000, 'HKD-25E/0000001', reference]],
    );
    assert.equal(
      (await t.app.modules.dossiers.paymentDue(waiting.code, () => true))?.amountVnd,
      null,
    );
  });

  test('a dossier that has paid is not asked again when it comes back to the paying step', async () => {
    const filed = await intake(PAYING);
    await act(filed.code, { kind: 'forward', step: 'assign' });
    await t.app.modules.dossiers.recordPayment({
      dossierId: filed.id,
      amountVnd: 50_000,
      receiptNo: 'HKD-25E/0000002',
      reference: `dvc${randomUUID()}`,
      paidAt: new Date(),
    });
    // The head of the economic unit, who holds the step, sends it back to the counter.
    const back = await act(
      filed.code,
      { kind: 'forward', step: 'receive', reason: 'Thiếu chữ ký' },
      'tb.truongphongkt',
    );
    assert.equal(back.statusCode, 200, back.body);
    const again = await act(filed.code, { kind: 'forward', step: 'assign' });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(DossierView.parse(again.json()).statusCode, 4);
  });

  test('without a fee schedule the forward is refused in Vietnamese, and nothing is logged', async () => {
    const filed = await intake(FREE);
    const res = await act(filed.code, { kind: 'forward', step: 'appraise' });
    assert.equal(res.statusCode, 409, res.body);
    const body = ErrorBody.parse(res.json());
    assert.match(body.error.message, /chưa có biểu phí/);
    assert.match(body.error.message, /Yêu cầu nộp phí, lệ phí/);
    const unchanged = await viewOf(filed.code);
    assert.equal(unchanged.statusCode, 2);
    assert.equal(unchanged.timeline.length, 1);
    // The fee asked by hand first, then paid: the forward goes through.
    // (By the service: who may ask is the role matrix's business, tested with the routes.)
    const asked = await t.app.modules.dossiers.act(
      filed.code,
      { kind: 'request_payment', amountVnd: 30_000 },
      { kind: 'officer', id: randomUUID(), role: 'specialist' },
      randomUUID(),
      { canRead: () => true, canAct: () => true },
    );
    assert.equal(asked.payment?.due, 30_000);
    await t.app.modules.dossiers.recordPayment({
      dossierId: filed.id,
      amountVnd: 30_000,
      receiptNo: 'BL-0001',
      reference: `dvc${randomUUID()}`,
      paidAt: new Date(),
    });
    const forward = await act(filed.code, { kind: 'forward', step: 'appraise' });
    assert.equal(forward.statusCode, 200, forward.body);
    assert.equal(DossierView.parse(forward.json()).statusCode, 4);
  });
});

describe('recordPayment', () => {
  test('is idempotent by reference, and a payment nobody awaits is not recorded', async () => {
    const filed = await intake(PAYING);
    await act(filed.code, { kind: 'forward', step: 'assign' });
    const reference = `dvc${randomUUID()}`;
    const input = {
      dossierId: filed.id,
      amountVnd: 50_000,
      receiptNo: 'HKD-25E/0000003',
      reference,
      paidAt: new Date(),
    };
    // Two confirmations of one payment at once (a duplicated callback): one entry.
    const results = await Promise.all([
      t.app.modules.dossiers.recordPayment(input),
      t.app.modules.dossiers.recordPayment(input),
    ]);
    assert.deepEqual(results.map((r) => r.recorded).sort(), [false, true]);
    assert.equal(results.find((r) => !r.recorded)?.reason, 'duplicate');
    // Paid twice (another reference): the dossier waits for nothing, nothing is appended.
    const twice = await t.app.modules.dossiers.recordPayment({
      ...input,
      reference: `dvc${randomUUID()}`,
    });
    assert.deepEqual(twice, { recorded: false, reason: 'not_waiting', statusCode: 4 });
    const view = await viewOf(filed.code);
    assert.equal(view.timeline.filter((e) => e.kind === 'record_payment').length, 1);
  });

  test('an officer at the counter is recorded as the actor', async () => {
    const filed = await intake(PAYING);
    await act(filed.code, { kind: 'forward', step: 'assign' });
    const result = await t.app.modules.dossiers.recordPayment({
      dossierId: filed.id,
      amountVnd: 50_000,
      receiptNo: 'HKD-25E/0000004',
      reference: `counter-${randomUUID()}`,
      paidAt: new Date(),
      actor: { kind: 'officer', id: randomUUID(), role: 'receiving_officer' },
    });
    assert.equal(result.recorded, true);
    const view = await viewOf(filed.code);
    assert.equal(view.timeline.at(-1)?.actorKind, 'officer');
  });

  test('refuses an amount that is not a positive whole number of đồng', async () => {
    const filed = await intake(PAYING);
    await assert.rejects(
      t.app.modules.dossiers.recordPayment({
        dossierId: filed.id,
        amountVnd: 0,
        receiptNo: 'x',
        reference: `dvc${randomUUID()}`,
        paidAt: new Date(),
      }),
      /số nguyên dương/,
    );
  });
});

describe('payment on filing (data/catalog/payment-rules.json: 1.001612)', () => {
  test('an online filing waits for its fee in status 6 before receipt; paid, it waits for receipt from the payment date', async () => {
    const go = browser();
    await signInThroughSso(base, go, { pick: 'citizen:1' });
    const info = SessionInfo.parse(await (await go(`${base}/api/auth/me`)).json());
    await uploadRequiredToDraft(go, base, info.csrfToken ?? '', PAYING);
    const res = await go(`${base}/api/dossiers`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': info.csrfToken ?? '',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({
        procedureCode: PAYING,
        receivingAgencyId: centre,
        contact: { phone: '0911222333', email: null, address: 'Khu phố 1' },
        formData: eformAnswers(PAYING),
      }),
    });
    const text = await res.text();
    assert.equal(res.status, 201, text);
    const filed = DossierView.parse(JSON.parse(text));
    assert.equal(filed.statusCode, 6);
    assert.equal(filed.receivedAt, null);
    // The online fee of data/fees/1.001612.json.
    assert.equal(filed.payment?.due, 150_000);
    assert.deepEqual(filed.payment?.rule, {
      due: 'on_filing',
      clock: 'pause',
      filingDateFromPayment: true,
    });
    assert.deepEqual(
      filed.timeline.map((e) => [e.kind, e.actorKind]),
      [
        ['submit', 'applicant'],
        ['request_payment', 'system'],
      ],
    );
    // The counter cannot receive it before it is paid.
    const early = await act(filed.code, { kind: 'receive' });
    assert.equal(early.statusCode, 409, early.body);

    const due = await t.app.modules.dossiers.paymentDue(filed.code, () => true);
    assert.equal(due?.applicantAccountId, info.account.id);
    assert.equal(due?.channel, 'online');
    assert.equal(due?.amountVnd, 150_000);

    const paid = await t.app.modules.dossiers.recordPayment({
      dossierId: filed.id,
      amountVnd: 150_000,
      receiptNo: 'HKD-25E/0000005',
      reference: `dvc${randomUUID()}`,
      paidAt: new Date(),
    });
    assert.deepEqual(paid, { recorded: true, statusCode: 1 });
    assert.equal((await viewOf(filed.code)).statusCode, 1);
    const received = await act(filed.code, { kind: 'receive' });
    assert.equal(received.statusCode, 200, received.body);
    assert.equal(DossierView.parse(received.json()).statusCode, 2);
  });
});

describe('the demo', () => {
  test('npm start seeds a 1.001612 dossier waiting for its fee', async () => {
    const res = await t.app.server.inject({
      url: '/api/dossiers/lookup',
      query: { code: '000.01.145.H75-261104-0001' },
    });
    assert.equal(res.statusCode, 200, res.body);
    const found = DossierLookup.parse(res.json());
    assert.equal(found.statusCode, 6);
    assert.match(found.procedureName, /hộ kinh doanh/i);
    const due = await t.app.modules.dossiers.paymentDue(found.code, () => true);
    assert.equal(due?.procedureCode, PAYING);
    assert.equal(due?.amountVnd, 150_000);
    // In the demo citizen's name: they sign in through the simulated VNeID and pay it.
    const { rows } = await t.db.database.pool.query(
      `SELECT a.tech_id FROM dos_dossier d JOIN idn_account a ON a.id = d.applicant_account_id
        WHERE d.code = $1`,
      [found.code],
    );
    assert.equal(rows[0]?.tech_id, techIdOf('citizen', TEST_CITIZENS[0].SoDinhDanh));
  });
});
