// Issue 16, items 3 and 4: the reconciliation finds every mismatch the simulated portals were
// made to hold, each one is resent with one click, and every error dossier becomes an incident of
// the day with its evidence page and a help-desk report.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import {
  MISMATCH_KINDS,
  Reconciliation,
  SyncIncidents,
  type MismatchKind,
} from '@motcua/contracts';
import { startSimulators } from '../../integrations/simulators.js';
import { noPdftotext, pdfText } from '../../platform/testing/files.js';
import { agencyIdByName, TRAN_BIEN_CENTRE } from '../../platform/testing/counter.js';
import { syncTestApp } from '../../platform/testing/sync-app.js';

const ADMIN = { 'x-admin-token': 'motcua-admin-demo' };
const DAY = '2026-11-23';
/** Mismatches planted per kind on DVCQG: the measure is how many of them are found. */
const PLANTED_PER_KIND = 3;
const PLANT_OF: Record<MismatchKind, string> = {
  missing_there: 'drop',
  missing_here: 'extra',
  status_differs: 'status',
  procedure_differs: 'procedure',
  dates_differ: 'dates',
};

const { env, as, desk, portal, plant } = syncTestApp(() => startSimulators({ basePort: 0 }));

async function reconcile(payload: Record<string, unknown>) {
  return env.t.app.server.inject({
    method: 'POST',
    url: '/api/admin/sync/reconciliations',
    headers: ADMIN,
    payload,
  });
}

const codesOf = (run: Reconciliation, target: string, kind: MismatchKind) =>
  run.mismatches
    .filter((m) => m.target === target && m.kind === kind)
    .map((m) => m.code)
    .sort();

describe('cross-system reconciliation (đối chiếu)', () => {
  const planted = {} as Record<MismatchKind, string[]>;
  let run: Reconciliation;

  test('finds every mismatch planted on DVCQG, of each kind, and nothing else', async () => {
    for (let i = 0; i < 20; i++) await desk.intake();
    await env.t.app.modules.sync.drain();
    for (const kind of MISMATCH_KINDS) {
      planted[kind] = await plant('dvcqg', { kind: PLANT_OF[kind], count: PLANTED_PER_KIND });
      assert.equal(planted[kind].length, PLANTED_PER_KIND, kind);
    }
    // The coordination system differs in one way only.
    const otherStatus = await plant('dieu-phoi', { kind: 'status', count: 1 });

    const res = await reconcile({ from: DAY, to: DAY });
    assert.equal(res.statusCode, 200, res.body);
    run = Reconciliation.parse(res.json());
    assert.equal(run.dossiers, 20);
    const dvcqg = run.targets.find((x) => x.target === 'dvcqg')!;
    for (const kind of MISMATCH_KINDS) {
      console.log(
        `reconciliation ${kind}: planted ${PLANTED_PER_KIND}, found ${dvcqg.counts[kind]} (${(
          dvcqg.counts[kind] / PLANTED_PER_KIND
        ).toFixed(2)})`,
      );
      assert.deepEqual(codesOf(run, 'dvcqg', kind), [...planted[kind]].sort(), kind);
    }
    assert.equal(dvcqg.error, null);
    const dieuPhoi = run.targets.find((x) => x.target === 'dieu-phoi')!;
    assert.deepEqual(dieuPhoi.counts, {
      missing_there: 0,
      missing_here: 0,
      status_differs: 1,
      procedure_differs: 0,
      dates_differ: 0,
    });
    assert.deepEqual(codesOf(run, 'dieu-phoi', 'status_differs'), otherStatus);

    // Both sides are shown: ours 2 (received), theirs as planted.
    const status = run.mismatches.find((m) => m.kind === 'status_differs' && m.target === 'dvcqg')!;
    assert.deepEqual([status.ours?.TrangThaiHoSo, status.theirs?.TrangThaiHoSo], [2, 4]);
    const shifted = run.mismatches.find((m) => m.kind === 'dates_differ')!;
    assert.notEqual(shifted.ours?.NgayHenTra, shifted.theirs?.NgayHenTra);
    assert.equal(run.mismatches.find((m) => m.kind === 'missing_here')!.resendable, false);

    const again = await env.t.app.server.inject({
      url: `/api/admin/sync/reconciliations/${run.id}`,
      headers: ADMIN,
    });
    assert.deepEqual(Reconciliation.parse(again.json()).mismatches, run.mismatches);
  });

  test('a unit sees its own dossiers only; another unit has none of them', async () => {
    const mine = Reconciliation.parse(
      (await reconcile({ from: DAY, to: DAY, agencyId: env.centre })).json(),
    );
    assert.equal(mine.dossiers, 20);
    assert.equal(mine.agencyName, TRAN_BIEN_CENTRE);
    assert.equal(mine.mismatches.length, run.mismatches.length);
    const committee = await agencyIdByName(env.t.app.server, 'Ủy ban nhân dân Phường Trấn Biên');
    const other = Reconciliation.parse(
      (await reconcile({ from: DAY, to: DAY, agencyId: committee })).json(),
    );
    assert.equal(other.dossiers, 0);
    assert.deepEqual(other.mismatches, []);
    // The day before holds nothing of ours, and the portal lists nothing for it.
    const before = Reconciliation.parse(
      (await reconcile({ from: '2026-11-22', to: '2026-11-22' })).json(),
    );
    assert.equal(before.dossiers, 0);
    assert.deepEqual(before.mismatches, []);
  });

  test('one click resends a mismatch: a lost dossier gets its history, a changed one its record', async () => {
    const lost = run.mismatches.find((m) => m.kind === 'missing_there')!;
    const changed = run.mismatches.find(
      (m) => m.kind === 'status_differs' && m.target === 'dvcqg',
    )!;
    for (const m of [lost, changed]) {
      const res = await env.t.app.server.inject({
        method: 'POST',
        url: `/api/admin/sync/mismatches/${m.id}/resend`,
        headers: ADMIN,
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.ok((res.json() as { requeued: number }).requeued >= 1);
    }
    await env.t.app.modules.sync.drain();
    const back = await portal().lookupDossier(lost.code);
    assert.equal(Number(back.TrangThaiHoSo), 2);
    assert.deepEqual(
      back.QuaTrinhXuLy.map((p) => Number(p.TrangThai)),
      [2],
    );
    const fixed = await portal().lookupDossier(changed.code);
    assert.equal(Number(fixed.TrangThaiHoSo), 2);
    // The record only: the step it had is not delivered a second time.
    assert.equal(fixed.QuaTrinhXuLy.length, 1);

    const after = Reconciliation.parse((await reconcile({ from: DAY, to: DAY })).json());
    const dvcqg = after.targets.find((x) => x.target === 'dvcqg')!;
    assert.equal(dvcqg.counts.missing_there, PLANTED_PER_KIND - 1);
    assert.equal(dvcqg.counts.status_differs, PLANTED_PER_KIND - 1);
    assert.ok(
      !after.mismatches.some(
        (m) => m.code === lost.code || (m.code === changed.code && m.target === 'dvcqg'),
      ),
    );

    const listed = Reconciliation.parse(
      (
        await env.t.app.server.inject({
          url: `/api/admin/sync/reconciliations/${run.id}`,
          headers: ADMIN,
        })
      ).json(),
    );
    assert.ok(listed.mismatches.find((m) => m.id === lost.id)!.resentAt);

    const foreign = run.mismatches.find((m) => m.kind === 'missing_here')!;
    const refused = await env.t.app.server.inject({
      method: 'POST',
      url: `/api/admin/sync/mismatches/${foreign.id}/resend`,
      headers: ADMIN,
    });
    assert.equal(refused.statusCode, 409);
    assert.match(
      (refused.json() as { error: { message: string } }).error.message,
      /không có trên hệ thống một cửa/,
    );
  });

  test('the result exports to Excel, one row per mismatch', async () => {
    const res = await env.t.app.server.inject({
      url: `/api/admin/sync/reconciliations/${run.id}/export?format=xlsx`,
      headers: ADMIN,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    assert.equal(sheet.getCell(1, 1).value, 'Kết quả đối chiếu hồ sơ đồng bộ');
    const codes: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 4) codes.push(String(row.getCell(3).value));
    });
    assert.deepEqual(codes.sort(), run.mismatches.map((m) => m.code).sort());
    const kinds = new Set<string>();
    sheet.eachRow((row, n) => {
      if (n > 4) kinds.add(String(row.getCell(4).value));
    });
    assert.ok(kinds.has('Hệ thống quốc gia không có') && kinds.has('Mã TTHC khác nhau'));
  });

  test('bad input is a Vietnamese 400, an unknown run a 404, and only administrators run it', async () => {
    const backwards = await reconcile({ from: '2026-11-24', to: DAY });
    assert.equal(backwards.statusCode, 400);
    assert.match(backwards.body, /Ngày bắt đầu phải trước hoặc trùng ngày kết thúc/);
    const tooLong = await reconcile({ from: '2026-01-01', to: DAY });
    assert.equal(tooLong.statusCode, 400);
    assert.match(tooLong.body, /tối đa 92 ngày/);
    const badDate = await reconcile({ from: '2026-02-30', to: DAY });
    assert.equal(badDate.statusCode, 400);
    const unknownUnit = await reconcile({
      from: DAY,
      to: DAY,
      agencyId: '00000000-0000-4000-8000-000000000000',
    });
    assert.equal(unknownUnit.statusCode, 400);
    assert.match(unknownUnit.body, /Không tìm thấy đơn vị tiếp nhận/);
    const missing = await env.t.app.server.inject({
      url: '/api/admin/sync/reconciliations/00000000-0000-4000-8000-000000000000',
      headers: ADMIN,
    });
    assert.equal(missing.statusCode, 404);
    assert.equal(
      (
        await env.t.app.server.inject({
          url: '/api/admin/sync/reconciliations/abc',
          headers: ADMIN,
        })
      ).statusCode,
      400,
    );
    const anonymous = await env.t.app.server.inject({
      method: 'POST',
      url: '/api/admin/sync/reconciliations',
      payload: { from: DAY, to: DAY },
    });
    assert.equal(anonymous.statusCode, 401);
    const officer = await as('tb.tiepnhan', { url: '/api/admin/sync/incidents' });
    assert.equal(officer.statusCode, 403);
  });

  test('with the portal down the run says which system it could not read', async () => {
    await fetch(`${env.sims.urls['dvcqg']}/__sim/fault`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'down' }),
    });
    try {
      const down = Reconciliation.parse((await reconcile({ from: DAY, to: DAY })).json());
      const dvcqg = down.targets.find((x) => x.target === 'dvcqg')!;
      assert.match(dvcqg.error ?? '', /Không đọc được dữ liệu của Cổng Dịch vụ công quốc gia/);
      assert.ok(!down.mismatches.some((m) => m.target === 'dvcqg'));
      assert.equal(down.targets.find((x) => x.target === 'dieu-phoi')!.error, null);
    } finally {
      await fetch(`${env.sims.urls['dvcqg']}/__sim/fault`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ mode: 'none' }),
      });
    }
  });
});

describe('error dossiers (hồ sơ lỗi), reported the day they arise', () => {
  test('every reconciliation difference is an incident of the day, once', async () => {
    const res = await env.t.app.server.inject({ url: '/api/admin/sync/incidents', headers: ADMIN });
    assert.equal(res.statusCode, 200, res.body);
    const { items } = SyncIncidents.parse(res.json());
    const fromReconciliation = items.filter((i) => i.source === 'reconciliation');
    // 5 kinds × 3 on DVCQG, 1 on the coordination system; later runs added none twice.
    assert.equal(fromReconciliation.length, MISMATCH_KINDS.length * PLANTED_PER_KIND + 1);
    for (const i of fromReconciliation) {
      assert.equal(i.day, DAY);
      assert.ok(i.procedureCode, i.code);
      assert.ok(i.portalMessage.startsWith('Đối chiếu:'), i.portalMessage);
    }
    const status = fromReconciliation.find((i) => i.kind === 'status_differs')!;
    assert.deepEqual([status.ourStatus, status.portalStatus], ['2', '4']);
    const lost = fromReconciliation.find((i) => i.kind === 'missing_there')!;
    assert.equal(lost.agencyName, TRAN_BIEN_CENTRE);
    assert.equal(lost.portalStatus, null);
  });

  test('a dossier the portal refuses is an incident with the portal’s message and both statuses', async () => {
    const { code } = await desk.intake();
    await env.t.app.modules.sync.drain();
    // The portal has closed it (returned, 10): a later step is refused as a bad transition.
    await plant('dvcqg', { kind: 'status', codes: [code], status: 10 });
    const res = await desk.act('tb.tiepnhan', code, { kind: 'forward', step: 'appraise' });
    assert.equal(res.statusCode, 200, res.body);
    await env.t.app.modules.sync.drain();

    const { items } = SyncIncidents.parse(
      (await env.t.app.server.inject({ url: '/api/admin/sync/incidents', headers: ADMIN })).json(),
    );
    const incident = items.find((i) => i.code === code && i.kind === 'dead_letter');
    assert.ok(incident, JSON.stringify(items.filter((i) => i.code === code)));
    assert.equal(incident.target, 'dvcqg');
    assert.equal(incident.procedureCode, '1.004837');
    assert.match(incident.portalMessage, /không được chuyển trạng thái từ 10 sang 4/);
    assert.deepEqual([incident.ourStatus, incident.portalStatus], ['4', '10']);
    assert.equal(incident.agencyName, TRAN_BIEN_CENTRE);
    // The coordination system took it: no incident there.
    assert.ok(!items.some((i) => i.code === code && i.target === 'dieu-phoi'));

    const pdf = await env.t.app.server.inject({
      url: `/api/admin/sync/incidents/${incident.id}/evidence`,
      headers: ADMIN,
    });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    if (!noPdftotext) {
      const text = pdfText(pdf.rawPayload);
      for (const line of [
        'PHIẾU GHI NHẬN HỒ SƠ ĐỒNG BỘ LỖI',
        code,
        '1.004837',
        '4 – Đang xử lý',
        '10 – Đã trả kết quả',
        'không được chuyển trạng thái từ 10 sang 4',
      ]) {
        assert.ok(text.includes(line), `${line}\n— in —\n${text}`);
      }
    }
  });

  test('a payload we cannot build is a named incident, not a crash, and the drain goes on', async () => {
    const { code } = await desk.intake();
    await env.t.db.database.pool.query(
      `UPDATE dos_dossier SET applicant = jsonb_set(applicant, '{name}', '""') WHERE code = $1`,
      [code],
    );
    const next = await desk.intake();
    const result = await env.t.app.modules.sync.drain();
    assert.ok(result.sent > 0);
    assert.equal(Number((await portal().lookupDossier(next.code)).TrangThaiHoSo), 2);

    const { items } = SyncIncidents.parse(
      (
        await env.t.app.server.inject({
          url: '/api/admin/sync/incidents',
          query: { agencyId: env.centre },
          headers: ADMIN,
        })
      ).json(),
    );
    const named = items.filter((i) => i.code === code);
    assert.deepEqual(named.map((i) => [i.target, i.kind]).sort(), [
      ['dieu-phoi', 'payload'],
      ['dvcqg', 'payload'],
    ]);
    assert.match(named[0]!.portalMessage, /Không dựng được dữ liệu gửi Cổng .*ChuHoSo/);
    const problems = (
      await env.t.app.server.inject({ url: '/api/admin/sync/problems', headers: ADMIN })
    ).json() as { items: Array<{ code: string; state: string }> };
    assert.ok(problems.items.some((p) => p.code === code && p.state === 'dead'));
  });

  test('listed per unit and exported as the help-desk report', async () => {
    const committee = await agencyIdByName(env.t.app.server, 'Ủy ban nhân dân Phường Trấn Biên');
    const none = SyncIncidents.parse(
      (
        await env.t.app.server.inject({
          url: '/api/admin/sync/incidents',
          query: { agencyId: committee },
          headers: ADMIN,
        })
      ).json(),
    );
    assert.deepEqual(none.items, []);
    const yesterday = SyncIncidents.parse(
      (
        await env.t.app.server.inject({
          url: '/api/admin/sync/incidents',
          query: { from: '2026-11-22', to: '2026-11-22' },
          headers: ADMIN,
        })
      ).json(),
    );
    assert.deepEqual(yesterday.items, []);
    const all = SyncIncidents.parse(
      (await env.t.app.server.inject({ url: '/api/admin/sync/incidents', headers: ADMIN })).json(),
    );

    const res = await env.t.app.server.inject({
      url: '/api/admin/sync/incidents/export',
      query: { format: 'xlsx', from: DAY, to: DAY },
      headers: ADMIN,
    });
    assert.equal(res.statusCode, 200, res.body);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    assert.equal(sheet.getCell(1, 1).value, 'Danh sách hồ sơ đồng bộ lỗi');
    const header = (sheet.getRow(4).values as unknown[]).slice(1).map(String);
    assert.deepEqual(header, [
      'STT',
      'Mã hồ sơ',
      'Mã TTHC/DVC',
      'Đơn vị',
      'Hệ thống',
      'Thời điểm phát sinh lỗi',
      'Loại lỗi',
      'Nội dung lỗi / phản hồi của hệ thống',
      'Trạng thái trên hệ thống một cửa',
      'Trạng thái trên hệ thống quốc gia',
    ]);
    assert.equal(sheet.rowCount - 4, all.items.length);
    assert.equal(sheet.getRow(5).getCell(6).value, '23/11/2026 09:00');

    const bad = await env.t.app.server.inject({
      url: '/api/admin/sync/incidents',
      query: { from: DAY, to: '2026-11-01' },
      headers: ADMIN,
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Ngày bắt đầu phải trước hoặc trùng ngày kết thúc/);
  });

  test('the nightly run compares yesterday, every unit', async () => {
    assert.ok(env.t.app.modules.sync.jobs.crontab.some((line) => line.includes('sync:reconcile')));
    await env.t.app.modules.sync.reconciliation.nightly();
    const list = (
      await env.t.app.server.inject({ url: '/api/admin/sync/reconciliations', headers: ADMIN })
    ).json() as { items: Array<{ trigger: string; from: string; to: string; agencyId: null }> };
    assert.deepEqual(
      list.items.filter((r) => r.trigger === 'nightly').map((r) => [r.from, r.to, r.agencyId]),
      [['2026-11-22', '2026-11-22', null]],
    );
  });
});
