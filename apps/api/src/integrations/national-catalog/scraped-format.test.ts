import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProcedureRecord } from './contract.js';
import { loadCatalog } from './simulator/catalog-data.js';
import {
  toChannels,
  toLegalBasis,
  toPaperSets,
  toResults,
  updatedAtFor,
} from './scraped-format.js';

test('channel rows split on the channel names, raw row kept', () => {
  const channels = toChannels(
    'Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến21 Ngày100,000 Việt Nam Đồng' +
      'Dịch vụ bưu chínhKhông có thông tinMiễn phíTrực tiếp24 Ngày làm việcVNĐTrực tuyến qua Cổng',
  );
  assert.deepEqual(
    channels.map((c) => c.KENH),
    [1, 2, 3],
  );
  const [direct, online, post] = channels;
  assert.deepEqual(direct?.THOIGIAN[0], {
    THOIGIANGIAIQUYET: 24,
    DONVITINH: 'Ngày làm việc',
    MOTA: '24 Ngày làm việcVNĐTrực tuyến qua Cổng',
    PHILEPHI: [{ MAPHILEPHI: '', SOTIEN: null, DONVI: 'VNĐ', MOTA: 'Trực tuyến qua Cổng' }],
  });
  assert.equal(online?.THOIGIAN[0]?.PHILEPHI[0]?.SOTIEN, 100000);
  assert.equal(online?.THOIGIAN[0]?.DONVITINH, 'Ngày');
  assert.equal(post?.THOIGIAN[0]?.THOIGIANGIAIQUYET, null);
  assert.equal(post?.THOIGIAN[0]?.PHILEPHI[0]?.SOTIEN, 0);
});

test('papers split per case on quantities, templates after ";" split off', () => {
  const sets = toPaperSets(
    '1.000001',
    '* Giấy tờ phải nộp:Tên giấy tờMẫu đơn, tờ khaiSố lượngĐơn đề nghị theo Mẫu số 08;Mẫu số 08.docx' +
      '1 bản chính,1 bản saoBản sao giấy phép0 bản chính* Giấy tờ phải xuất trình:' +
      'Tên giấy tờMẫu đơn, tờ khaiSố lượngCăn cước1 bản chính',
  );
  assert.deepEqual(
    sets.map((s) => s.TRUONGHOP),
    ['* Giấy tờ phải nộp:', '* Giấy tờ phải xuất trình:'],
  );
  assert.deepEqual(sets[0]?.GIAYTO[0], {
    MAGIAYTO: 'SIM.1.000001.01',
    TENGIAYTO: 'Đơn đề nghị theo Mẫu số 08;',
    TENMAUDON: 'Mẫu số 08.docx',
    URL: '',
    SOLUONG: '1 bản chính,1 bản sao',
  });
  assert.equal(sets[1]?.GIAYTO[0]?.TENGIAYTO, 'Căn cước');
  assert.deepEqual(toPaperSets('1.000001', 'Không có thông tin'), []);
});

test('legal basis splits where a number is glued to the next name; no text is lost', () => {
  const body =
    'Luật Hộ tịch60/2014/QH13Nghị định số 123/2015/NĐ-CP ngày 15/11/2015123/2015/NĐ-CPVăn bản khác';
  const rows = toLegalBasis(`Tên văn bản pháp lýMã văn bản${body}`);
  assert.deepEqual(rows, [
    { SOVANBAN: '60/2014/QH13', TENVANBAN: 'Luật Hộ tịch' },
    { SOVANBAN: '123/2015/NĐ-CP', TENVANBAN: 'Nghị định số 123/2015/NĐ-CP ngày 15/11/2015' },
    { SOVANBAN: '', TENVANBAN: 'Văn bản khác' },
  ]);
});

test('results: name and code pairs, portal UI text dropped', () => {
  assert.deepEqual(
    toResults(
      'Giấy phépMã: KQ.G12.000751Văn bản từ chốiMã: KQ.G12.001161Từ khóaKhông có thông tin',
    ),
    [
      { MAKETQUA: 'KQ.G12.000751', TENKETQUA: 'Giấy phép' },
      { MAKETQUA: 'KQ.G12.001161', TENKETQUA: 'Văn bản từ chối' },
    ],
  );
});

test('update times are fixed per code and inside 2025-07-01…2026-07-31', () => {
  assert.equal(updatedAtFor('1.001193'), updatedAtFor('1.001193'));
  assert.notEqual(updatedAtFor('1.001193'), updatedAtFor('1.000894'));
  for (const code of ['1.001193', '2.000884', '3.000543', '5.002578']) {
    const at = updatedAtFor(code);
    assert.ok(at >= '20250701000000' && at <= '20260731235959', at);
  }
});

test('every vendored record converts into a valid LayThuTuc record', async () => {
  const catalog = await loadCatalog();
  assert.equal(catalog.size, 2303);
  for (const summary of catalog.summaries) {
    const parsed = ProcedureRecord.safeParse(catalog.get(summary.MATTHC));
    assert.ok(parsed.success, `${summary.MATTHC}: ${parsed.error?.message ?? ''}`);
  }
});
