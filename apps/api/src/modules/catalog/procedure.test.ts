import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProcedureRecord } from '../../integrations/national-catalog/index.js';
import {
  contentHash,
  diffContent,
  normalizeRecord,
  parseQuantity,
  recoverUnit,
  shortestTime,
  timeUnitFromLabel,
} from './procedure.js';

function record(overrides: Partial<ProcedureRecord> = {}): ProcedureRecord {
  return {
    MATTHC: '1.001193',
    TENTTHC: 'Thủ tục đăng ký khai sinh',
    SOQUYETDINH: '163/QĐ-BTP',
    CAPTHUCHIEN: 'Cấp xã',
    LOAITTHC: 'TTHC được giao luật quy định chi tiết',
    LINHVUCTHUCHIEN: [{ MALINHVUC: 'G15', TENLINHVUC: 'Hộ tịch' }],
    TRINHTUTHUCHIEN: [{ TRUONGHOP: '', TRINHTU: [{ TENTRINHTU: 'Nộp hồ sơ' }] }],
    CACHTHUCTHUCHIEN: [
      {
        KENH: 2,
        THOIGIAN: [
          {
            THOIGIANGIAIQUYET: 3,
            DONVITINH: 'Ngày làm việc',
            MOTA: '3 Ngày làm việcMiễn phí',
            PHILEPHI: [{ MAPHILEPHI: '', SOTIEN: 0, DONVI: 'VNĐ', MOTA: 'Miễn phí' }],
          },
        ],
      },
    ],
    THANHPHANHOSO: [
      {
        TRUONGHOP: '',
        GIAYTO: [
          {
            MAGIAYTO: 'GT1',
            TENGIAYTO: 'Giấy chứng sinh',
            TENMAUDON: '',
            URL: '',
            SOLUONG: '1 bản chính,1 bản sao',
          },
        ],
      },
    ],
    YEUCAU: 'Không có thông tin',
    MOTADOITUONGTHUCHIEN: 'Công dân Việt Nam',
    KETQUATHUCHIEN: [{ MAKETQUA: 'KQ.G15.000031', TENKETQUA: 'Giấy khai sinh' }],
    CANCUPHAPLY: [{ SOVANBAN: '123/2015/NĐ-CP', TENVANBAN: 'Nghị định 123/2015/NĐ-CP' }],
    TRANGTHAI: 1,
    COQUANTHUCHIEN: [],
    CAPDONVI: ['Cấp xã'],
    NGAYCAPNHAT: '20260115080000',
    ...overrides,
  };
}

test('time units map from the national labels; unknown labels are not guessed', () => {
  assert.equal(timeUnitFromLabel('Ngày làm việc'), 'working_days');
  assert.equal(timeUnitFromLabel('Ngày'), 'calendar_days');
  assert.equal(timeUnitFromLabel(' giờ làm việc '), 'working_hours');
  assert.equal(timeUnitFromLabel('Phút'), null);
});

test('a lost unit is recovered only when the description states the same figure', () => {
  assert.equal(
    recoverUnit(5, 'Trong thời hạn 05 ngày làm việc, kể từ ngày nhận đủ'),
    'working_days',
  );
  assert.equal(recoverUnit(5, 'Trong thời hạn 10 ngày làm việc'), null);
  assert.equal(recoverUnit(30, 'không quá 30 ngày kể từ ngày nhận'), 'calendar_days');
});

test('quantities split into originals and copies', () => {
  assert.deepEqual(parseQuantity('1 bản chính,1 bản sao'), { originals: 1, copies: 1 });
  assert.deepEqual(parseQuantity('2 bản chính'), { originals: 2, copies: null });
  assert.deepEqual(parseQuantity('0 bản chính'), { originals: 0, copies: null });
  assert.deepEqual(parseQuantity(''), { originals: null, copies: null });
});

test('a clean record normalises without issues, keeping the raw row text', () => {
  const { content, issues } = normalizeRecord(record());
  assert.deepEqual(issues, []);
  assert.equal(content.code, '1.001193');
  assert.deepEqual(content.levels, ['Cấp xã']);
  assert.equal(content.conditions, '', '"Không có thông tin" is no content');
  assert.deepEqual(content.channels[0], {
    channel: 'online',
    terms: [
      {
        timeValue: 3,
        timeUnit: 'working_days',
        fees: [{ code: '', amountVnd: 0, description: 'Miễn phí' }],
        raw: '3 Ngày làm việcMiễn phí',
      },
    ],
  });
  assert.equal(content.components[0]?.items[0]?.originals, 1);
  assert.deepEqual(shortestTime(content), { value: 3, unit: 'working_days' });
});

test('what cannot be parsed is named per field, and the record is still kept', () => {
  const { content, issues } = normalizeRecord(
    record({
      CACHTHUCTHUCHIEN: [
        {
          KENH: 1,
          THOIGIAN: [
            { THOIGIANGIAIQUYET: 1, DONVITINH: '', MOTA: '1Miễn phí', PHILEPHI: [] },
            {
              THOIGIANGIAIQUYET: null,
              DONVITINH: '',
              MOTA: 'Không có thông tinMiễn phí',
              PHILEPHI: [{ MAPHILEPHI: '', SOTIEN: null, DONVI: 'VNĐ', MOTA: 'theo HĐND' }],
            },
          ],
        },
      ],
      CANCUPHAPLY: [{ SOVANBAN: '', TENVANBAN: 'Luật Hộ tịch' }],
    }),
  );
  assert.equal(content.name, 'Thủ tục đăng ký khai sinh');
  assert.deepEqual(
    issues.map((i) => [i.field, i.message]),
    [
      ['channels.time', 'Thiếu đơn vị thời hạn giải quyết (1 ?)'],
      ['channels.fees', 'Không đọc được phí, lệ phí'],
      ['channels.time', 'Nguồn không có thông tin thời hạn giải quyết'],
      ['channels.fees', 'Có phí, lệ phí nhưng không rõ số tiền'],
      ['legalBasis', 'Không tách được số hiệu văn bản'],
    ],
  );
});

test('the content hash ignores key order and sees every change; the diff names the field', () => {
  const a = normalizeRecord(record()).content;
  const reordered = Object.fromEntries(Object.entries(a).reverse()) as typeof a;
  assert.equal(contentHash(a), contentHash(reordered));
  const b = normalizeRecord(record({ SOQUYETDINH: '200/QĐ-BTP' })).content;
  assert.notEqual(contentHash(a), contentHash(b));
  assert.deepEqual(diffContent(a, b), [
    { path: 'decisionNo', before: '163/QĐ-BTP', after: '200/QĐ-BTP' },
  ]);
  assert.deepEqual(diffContent(a, a), []);
});
