import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  AgencyListResponse,
  BulkAssignResult,
  DossierQueue,
  DossierView,
  ErrorBody,
  ProcessCheck,
  ProcessList,
  ProcessVersion,
  UnitList,
  type ProcessDefinition,
} from '@motcua/contracts';
import type { InjectOptions } from 'fastify';
import { counter } from '../../platform/testing/counter.js';
import { officerInjector } from '../../platform/testing/sign-in.js';
import { createTestApp, type TestApp } from '../../platform/testing/test-app.js';

const ADMIN = { 'x-admin-token': 'motcua-admin-demo' };
let t: TestApp;
const { officer, as } = officerInjector(() => t.app.server);

const inject = (options: InjectOptions) => t.app.server.inject(options);

async function published(code: string): Promise<ProcessVersion> {
  const res = await inject({ url: `/api/processes/${code}` });
  assert.equal(res.statusCode, 200, res.body);
  return ProcessVersion.parse(res.json());
}

const check = async (definition: ProcessDefinition) => {
  const res = await inject({
    method: 'POST',
    url: '/api/admin/processes/check',
    headers: ADMIN,
    payload: { agencyId: null, definition },
  });
  assert.equal(res.statusCode, 200, res.body);
  return ProcessCheck.parse(res.json());
};

const withoutTransfer = ({ transfer: _, ...step }: ProcessDefinition['steps'][number]) => step;

/** Saves a draft as the province administration; 201 expected. */
async function saveDraft(definition: ProcessDefinition): Promise<ProcessVersion> {
  const res = await inject({
    method: 'POST',
    url: '/api/admin/processes',
    headers: ADMIN,
    payload: { agencyId: null, definition },
  });
  assert.equal(res.statusCode, 201, res.body);
  return ProcessVersion.parse(res.json());
}

const publish = (id: string) =>
  inject({ method: 'POST', url: `/api/admin/processes/${id}/publish`, headers: ADMIN });

before(async () => {
  t = await createTestApp();
});
after(async () => t.close());

describe('the process editor', () => {
  test('the demo seeds a published process for Đăng ký khai sinh that fits 1 working day', async () => {
    const birth = await published('1.001193');
    assert.equal(birth.status, 'published');
    assert.deepEqual(
      birth.definition.steps.map((s) => s.key),
      ['receive', 'appraise', 'sign', 'return'],
    );
    const result = await check(birth.definition);
    assert.deepEqual(result.issues, []);
    assert.equal(result.legalHours, 8);
    assert.equal(result.totalHours, 8);
    // The preview: the last step ends at the legal time, each due later than the one before.
    assert.deepEqual(
      result.preview.map((p) => p.endsAtHour),
      [1, 5, 7, 8],
    );
    const dues = result.preview.map((p) => Date.parse(p.dueAt));
    assert.ok(
      dues.every((d, i) => i === 0 || d > dues[i - 1]!),
      JSON.stringify(result.preview),
    );
  });

  test('over the legal time, an unknown transfer agency, a bad order: all named in Vietnamese', async () => {
    const birth = (await published('1.001193')).definition;
    const steps = birth.steps.map((s) => (s.key === 'appraise' ? { ...s, hours: 6 } : s));
    const result = await check({
      ...birth,
      steps: [
        ...steps.slice(0, 3),
        {
          ...steps[1]!,
          key: 'transfer',
          hours: 1,
          transfer: {
            agencyElectronicId: '999.99.99.H75',
            steps: [{ ...withoutTransfer(steps[1]!), key: 'police', hours: 2 }],
          },
        },
      ],
    });
    const messages = result.issues.map((i) => `${i.path}: ${i.message}`);
    assert.ok(
      messages.includes(
        'steps[3].transfer.agencyElectronicId: Không có cơ quan mã định danh "999.99.99.H75"',
      ),
      messages.join('\n'),
    );
    assert.ok(
      messages.includes(
        'steps[3].transfer.steps: Tổng thời gian các bước (2 giờ làm việc) vượt thời hạn giải quyết (1 giờ làm việc)',
      ),
      messages.join('\n'),
    );
    assert.ok(
      messages.includes(
        'steps: Tổng thời gian các bước (10 giờ làm việc) vượt thời hạn giải quyết (8 giờ làm việc)',
      ),
      messages.join('\n'),
    );
    assert.ok(
      messages.includes('steps[3]: Bước cuối cùng phải là trả kết quả'),
      messages.join('\n'),
    );
  });

  test('a draft is versioned, refused at publication while invalid, then replaces the published one', async () => {
    const current = await published('1.001193');
    const tooLong = current.definition.steps.map((s) =>
      s.key === 'sign' ? { ...s, hours: 3 } : s,
    );
    const v2 = await saveDraft({ ...current.definition, steps: tooLong });
    assert.deepEqual([v2.version, v2.status], [current.version + 1, 'draft']);

    const refused = await publish(v2.id);
    assert.equal(refused.statusCode, 400);
    const body = ErrorBody.parse(refused.json());
    assert.match(body.error.message, /chưa hợp lệ/);
    assert.ok(body.error.issues?.some((i) => /vượt thời hạn giải quyết \(8 giờ/.test(i.message)));

    const fixed = tooLong.map((s) => (s.key === 'appraise' ? { ...s, hours: 3 } : s));
    const v3 = await saveDraft({ ...current.definition, steps: fixed });
    const ok = await publish(v3.id);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((await published('1.001193')).id, v3.id);
    const list = ProcessList.parse(
      (await inject({ url: '/api/admin/processes?procedureCode=1.001193', headers: ADMIN })).json(),
    );
    assert.deepEqual(
      list.items.map((v) => [v.version, v.status]),
      [
        [v3.version, 'published'],
        [v2.version, 'draft'],
        [current.version, 'retired'],
      ],
    );
    const again = await publish(v3.id);
    assert.equal(again.statusCode, 409);
  });

  test('only the province administration edits processes', async () => {
    const res = await as('tb.tiepnhan', {
      method: 'POST',
      url: '/api/admin/processes/check',
      payload: { agencyId: null, definition: (await published('1.001193')).definition },
    });
    assert.equal(res.statusCode, 403);
    const bad = await inject({
      method: 'POST',
      url: '/api/admin/processes',
      headers: ADMIN,
      payload: { agencyId: null, definition: { procedureCode: '1.001193', name: 'X', steps: [] } },
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Quy trình phải có ít nhất một bước|quá ngắn/);
  });
});

describe('dossiers follow the process they were filed under', () => {
  let centre: string;
  let committee: string;
  let vhxh: string;

  before(async () => {
    const agencies = AgencyListResponse.parse(
      (await inject({ url: '/api/agencies', query: { q: 'Phường Trấn Biên' } })).json(),
    ).items;
    centre = agencies.find((a) => a.name.startsWith('Trung tâm Phục vụ'))!.id;
    committee = agencies.find((a) => a.name.startsWith('Ủy ban nhân dân'))!.id;
    const units = UnitList.parse(
      (
        await as('qt.tinh', { url: '/api/admin/identity/units', query: { agencyId: committee } })
      ).json(),
    );
    vhxh = units.items.find((u) => u.code === 'VHXH')!.id;
  });

  const desk = counter(as, { centre: () => centre });
  const file = () => desk.intake();
  const act = (user: string, code: string, payload: Record<string, unknown>) =>
    desk.act(user, code, payload);

  test('forward: only its steps; the step names the unit; the unit leader assigns in bulk', async () => {
    const dossier = await file();
    assert.equal(dossier.process?.name, 'Đăng ký giám hộ tại Ủy ban nhân dân cấp xã');
    const unknown = await act('tb.tiepnhan', dossier.code, { kind: 'forward', step: 'nope' });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /không có trong quy trình/);

    // The specialist of the unit sees nothing before it reaches the unit.
    const queueOf = async (user: string, view: string) =>
      DossierQueue.parse(
        (await as(user, { url: '/api/officer/dossiers', query: { view, q: dossier.code } })).json(),
      );
    assert.equal((await queueOf('tb.chuyenvien', 'open')).total, 0);

    const forwarded = await act('tb.tiepnhan', dossier.code, { kind: 'forward', step: 'appraise' });
    assert.equal(forwarded.statusCode, 200, forwarded.body);
    const view = DossierView.parse(forwarded.json());
    assert.equal(view.assignedUnitId, vhxh);
    assert.ok(view.stepDueAt, 'the step has a due time');
    const mine = await queueOf('tb.chuyenvien', 'my_unit');
    assert.equal(mine.total, 1);
    assert.equal(mine.items[0]?.stepName, 'Công chức tư pháp - hộ tịch thẩm tra hồ sơ');
    assert.equal((await queueOf('tb.chuyenvien', 'assigned_to_me')).total, 0);

    const specialist = (await officer('tb.chuyenvien')).info.account.id;
    // A specialist cannot assign; the unit leader can, for several dossiers at once.
    const denied = await act('tb.chuyenvien', dossier.code, {
      kind: 'assign',
      accountId: specialist,
    });
    assert.equal(denied.statusCode, 403);
    const other = await file();
    const bulk = await as('tb.truongphong', {
      method: 'POST',
      url: '/api/officer/dossiers/assign',
      key: randomUUID(),
      payload: { codes: [dossier.code, other.code], accountId: specialist },
    });
    assert.equal(bulk.statusCode, 200, bulk.body);
    const result = BulkAssignResult.parse(bulk.json());
    // The second is not in the leader's unit yet: refused alone, the first still assigned.
    assert.deepEqual(result.assigned, [dossier.code]);
    assert.deepEqual(
      result.failed.map((f) => f.code),
      [other.code],
    );
    assert.equal((await queueOf('tb.chuyenvien', 'assigned_to_me')).total, 1);
  });

  test('a transfer step of the process hands the dossier to the partner agency', async () => {
    const res = await as('tb.tiepnhan', {
      method: 'POST',
      url: '/api/officer/dossiers',
      key: randomUUID(),
      payload: {
        procedureCode: '1.001612',
        channel: 'direct',
        receivingAgencyId: centre,
        applicant: { name: 'Hồ Văn Phát', idNumber: '075190007777' },
        received: [{ name: 'Giấy đề nghị đăng ký hộ kinh doanh', originals: 1, copies: 0 }],
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    const code = DossierView.parse(res.json()).code;
    const police = AgencyListResponse.parse(
      (await inject({ url: '/api/agencies', query: { q: 'Công an Thành phố Đồng Nai' } })).json(),
    ).items[0]!;
    const away = await act('tb.tiepnhan', code, { kind: 'forward', step: 'police_receive' });
    assert.equal(away.statusCode, 200, away.body);
    assert.equal(DossierView.parse(away.json()).currentAgencyId, police.id);
    // One clock: the due time does not move; the main steps wait for the transfer's return.
    const skip = await act('tb.tiepnhan', code, { kind: 'forward', step: 'sign' });
    assert.equal(skip.statusCode, 409);
    assert.match(skip.body, /nhận lại hồ sơ liên thông/);
  });

  test('a new version applies to new dossiers; earlier ones keep theirs', async () => {
    const before = await file();
    const current = await published('1.004837');
    const steps = current.definition.steps.map((s) =>
      s.key === 'appraise' ? { ...s, key: 'review', name: 'Xem xét hồ sơ' } : s,
    );
    const draft = await saveDraft({ ...current.definition, steps });
    const ok = await publish(draft.id);
    assert.equal(ok.statusCode, 200, ok.body);
    const afterward = await file();
    assert.equal(afterward.process?.version, draft.version);
    assert.equal(before.process?.version, current.version);
    assert.equal(
      (await act('tb.tiepnhan', before.code, { kind: 'forward', step: 'appraise' })).statusCode,
      200,
    );
    assert.equal(
      (await act('tb.tiepnhan', afterward.code, { kind: 'forward', step: 'appraise' })).statusCode,
      400,
    );
    assert.equal(
      (await act('tb.tiepnhan', afterward.code, { kind: 'forward', step: 'review' })).statusCode,
      200,
    );
  });
});

describe('the demo', () => {
  test('has a dossier in each of the 10 national states (README quotes these codes)', async () => {
    const codes: Record<string, number> = {
      '000.01.145.H75-261102-0001': 10,
      '000.01.145.H75-261102-0002': 4,
      '000.01.145.H75-261102-0003': 5,
      '000.01.145.H75-261102-0004': 2,
      '000.01.145.H75-261102-0005': 7,
      '000.01.145.H75-261103-0001': 1,
      '000.01.145.H75-261103-0002': 3,
      '000.01.145.H75-261103-0003': 6,
      '000.01.145.H75-261103-0004': 8,
      '000.01.145.H75-261103-0005': 9,
    };
    const seen: Record<string, number> = {};
    for (const code of Object.keys(codes)) {
      const res = await inject({ url: '/api/dossiers/lookup', query: { code } });
      assert.equal(res.statusCode, 200, `${code}: ${res.body}`);
      seen[code] = (res.json() as { statusCode: number }).statusCode;
    }
    assert.deepEqual(seen, codes);
  });
});
