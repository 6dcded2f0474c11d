// Issue 14, items 4–5: each TT 03/2025 form only once what it records has happened, filled from
// what happened (compared, through pdftotext, with lines written by hand).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DossierView, ErrorBody } from '@motcua/contracts';
import {
  agencyIdByName,
  assertLines,
  counter,
  TRAN_BIEN_CENTRE,
} from '../../platform/testing/counter.js';
import { noPdftotext, pdfText } from '../../platform/testing/files.js';
import { officerInjector } from '../../platform/testing/sign-in.js';
import { createTestApp, type TestApp } from '../../platform/testing/test-app.js';

let t: TestApp;
let centre: string;
const { as } = officerInjector(() => t.app.server);
const desk = counter(as, { centre: () => centre });

before(async () => {
  t = await createTestApp();
  centre = await agencyIdByName(t.app.server, TRAN_BIEN_CENTRE);
});
after(async () => {
  await t?.close();
});

const form = (code: string, kind: string) =>
  as('tb.tiepnhan', { url: `/api/dossiers/${code}/forms/${kind}` });

// The demo dossiers (README): -0004 received by post, -0003 waiting for a supplement,
// 261103-0002 refused before receipt, 261103-0004 stopped.
describe('a form exists once what it records has happened', () => {
  const cases: Array<[string, string, number, RegExp?]> = [
    ['000.01.145.H75-261102-0004', 'receipt', 200],
    ['000.01.145.H75-261102-0004', 'control', 200],
    ['000.01.145.H75-261102-0004', 'supplement', 409, /chưa có yêu cầu bổ sung/],
    ['000.01.145.H75-261102-0004', 'refusal', 409, /không bị từ chối/],
    ['000.01.145.H75-261102-0004', 'apology', 409, /chưa được gia hạn/],
    ['000.01.145.H75-261102-0004', 'stop', 409, /không bị dừng/],
    ['000.01.145.H75-261102-0003', 'supplement', 200],
    ['000.01.145.H75-261103-0002', 'refusal', 200],
    ['000.01.145.H75-261103-0002', 'receipt', 409, /chưa được tiếp nhận/],
    ['000.01.145.H75-261103-0004', 'stop', 200],
    ['000.01.145.H75-261102-0002', 'apology', 200],
  ];
  for (const [code, kind, status, message] of cases) {
    test(`${kind} of ${code}: ${status}`, async () => {
      const res = await form(code, kind);
      assert.equal(res.statusCode, status, res.body.slice(0, 300));
      if (message) assert.match(ErrorBody.parse(res.json()).error.message, message);
    });
  }

  test('the dossier page lists exactly the forms that exist', async () => {
    const view = async (code: string) =>
      DossierView.parse((await as('tb.tiepnhan', { url: `/api/dossiers/${code}` })).json()).forms;
    assert.deepEqual(await view('000.01.145.H75-261102-0004'), ['receipt', 'control']);
    assert.deepEqual(await view('000.01.145.H75-261102-0003'), [
      'receipt',
      'supplement',
      'control',
    ]);
    assert.deepEqual(await view('000.01.145.H75-261103-0002'), ['refusal']);
  });
});

describe('refusal at the counter (issue 14, item 4)', () => {
  test('a dossier refused on the spot is recorded refused, never received, with form 03', async () => {
    const dossier = await desk.intake({
      applicant: { name: 'Hồ Thị Lan', idNumber: '075190005555' },
      representative: { name: 'Hồ Văn Nam', capacity: 'Người được ủy quyền' },
      refusal: { reason: 'Người được giám hộ không cư trú trên địa bàn phường' },
    });
    assert.equal(dossier.statusCode, 3);
    assert.equal(dossier.receivedAt, null);
    assert.equal(dossier.dueAt, null);
    assert.deepEqual(dossier.forms, ['refusal']);
    assert.equal((await form(dossier.code, 'receipt')).statusCode, 409);
    const slip = await form(dossier.code, 'refusal');
    assert.equal(slip.statusCode, 200);
    if (!noPdftotext) {
      const text = pdfText(slip.rawPayload);
      assertLines(text, [
        'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
        'Ông/Bà/Tổ chức: Hồ Thị Lan',
        'Người nộp thay: Hồ Văn Nam (Người được ủy quyền)',
        'Người được giám hộ không cư trú trên địa bàn phường',
      ]);
    }
  });
});

describe('forms filled from what happened', { skip: noPdftotext }, () => {
  test('form 01 lists what was handed in, the sets, the return place and who filed for the applicant', async () => {
    const text = pdfText((await form('000.01.145.H75-261102-0002', 'receipt')).rawPayload);
    assertLines(text, [
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      'Ông/Bà/Tổ chức: Trần Thị Bình',
      'Người nộp thay: Trần Văn Bảo (Người được ủy quyền), số định danh 075088001122, số điện thoại 0908112233',
      'Tờ khai đăng ký giám hộ',
      'Văn bản thỏa thuận cử người giám hộ',
      'Giấy tờ chứng minh đủ điều kiện làm người giám hộ',
      'Số lượng hồ sơ: 1 bộ',
      'Thời gian giải quyết hồ sơ theo quy định: 3 ngày làm việc',
      'Đăng ký nhận kết quả tại: Trực tiếp tại Trung tâm Phục vụ hành chính công Phường Trấn Biên',
    ]);
    const postal = pdfText((await form('000.01.145.H75-261102-0004', 'receipt')).rawPayload);
    assert.ok(
      postal.includes(
        'Đăng ký nhận kết quả tại: Qua dịch vụ bưu chính công ích, theo địa chỉ người nộp hồ sơ',
      ),
      postal,
    );
    assert.ok(!postal.includes('Người nộp thay'), 'no representative line when none filed');
  });

  test('form 05 and form 06 of the demo dossiers', async () => {
    const stop = pdfText((await form('000.01.145.H75-261103-0004', 'stop')).rawPayload);
    assertLines(stop, [
      'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ',
      'Kính gửi: Ngô Văn Minh',
      'Ngày tiếp nhận: 13 giờ 40 phút, ngày 03/11/2026',
      'thông báo dừng giải quyết hồ sơ nêu trên kể từ 09 giờ 00 phút, ngày 04/11/2026.',
      'Lý do: Người được giám hộ đã có người giám hộ đương nhiên',
    ]);
    const control = pdfText((await form('000.01.145.H75-261102-0001', 'control')).rawPayload);
    assertLines(control, [
      'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
      'Mã số hồ sơ: 000.01.145.H75-261102-0001',
      'Cơ quan (bộ phận) giải quyết hồ sơ: Ủy ban nhân dân Phường Trấn Biên',
      'Thời gian nhận hồ sơ: 08 giờ 10 phút, ngày 02/11/2026',
      // Mon 02/11 08:10 + 3 working days.
      'Thời gian hẹn trả kết quả: 08 giờ 10 phút, ngày 05/11/2026',
      // The hand-off from the counter, appraised by the next morning within the step's time;
      // then the appraisal's to the chairman, who signed the same morning.
      'Bộ phận một cửa – Công chức tư pháp - hộ tịch thẩm tra hồ sơ',
      '09 giờ 00 phút, ngày 02/11/2026 08 giờ 30 phút, ngày 03/11/2026 đúng hạn',
      'Công chức tư pháp - hộ tịch thẩm tra hồ sơ – Lãnh đạo Ủy ban nhân dân ký trích lục đăng ký giám hộ',
      '08 giờ 30 phút, ngày 03/11/2026 10 giờ 00 phút, ngày 03/11/2026 đúng hạn',
    ]);
  });

  test('form 04 of the demo: the due time apologised for and the new one', async () => {
    const text = pdfText((await form('000.01.145.H75-261102-0002', 'apology')).rawPayload);
    // Filed Monday 02/11 09:20 + 3 working days = Thursday 05/11 09:20; moved to 10/11 09:20.
    assert.ok(
      text.includes('Thời gian hẹn trả kết quả giải quyết hồ sơ: 09 giờ 20 phút, ngày 05/11/2026.'),
      text,
    );
    assert.ok(
      text.includes('sẽ trả kết quả giải quyết hồ sơ vào 09 giờ 20 phút, ngày 10/11/2026.'),
      text,
    );
  });

  test('form 02 states the term to supplement: 15 working days from the request', async () => {
    // Requested on Monday 02/11/2026 at 14:00; 15 working days later is Monday 23/11, 14:00.
    const text = pdfText((await form('000.01.145.H75-261102-0003', 'supplement')).rawPayload);
    assertLines(text, [
      'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
      'Mã hồ sơ: 000.01.145.H75-261102-0003',
      'Bản sao giấy tờ chứng minh nơi cư trú của người giám hộ',
      'Lý do: Hồ sơ thiếu giấy tờ chứng minh nơi cư trú',
      'Thời hạn bổ sung: 15 ngày làm việc, đến 14 giờ 00 phút, ngày 23/11/2026',
    ]);
  });

  test('form 04 names the due time it apologises for and the new one', async () => {
    const { code } = await desk.intake({
      applicant: { name: 'Mai Văn Phúc', idNumber: '075190004444' },
    });
    const act = (who: string, payload: Record<string, unknown>) => desk.act(who, code, payload);
    assert.equal((await act('tb.tiepnhan', { kind: 'forward', step: 'appraise' })).statusCode, 200);
    const extended = await act('tb.truongphong', {
      kind: 'extend',
      newDue: '2026-12-02T09:00:00.000Z',
      reason: 'Chờ kết quả xác minh của Công an phường',
    });
    assert.equal(extended.statusCode, 200, extended.body);
    const text = pdfText((await form(code, 'apology')).rawPayload);
    assertLines(text, [
      'PHIẾU XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT',
      'Kính gửi: Mai Văn Phúc',
      // Received Monday 23/11 09:00; Tuesday 24/11 is a day off: due Friday 27/11 09:00.
      'Thời gian hẹn trả kết quả giải quyết hồ sơ: 09 giờ 00 phút, ngày 27/11/2026.',
      'Lý do: Chờ kết quả xác minh của Công an phường',
      'sẽ trả kết quả giải quyết hồ sơ vào 16 giờ 00 phút, ngày 02/12/2026.',
    ]);
  });
});

describe(
  'document numbers and the receipt’s book (issue 14, item 5)',
  { skip: noPdftotext },
  () => {
    const intake = async () => (await desk.intake({ applicant: { name: 'Tạ Văn Hùng' } })).code;
    const numberOn = (text: string, suffix: string) =>
      Number(new RegExp(`Số: (\\d+)/${suffix}`).exec(text)?.[1]);

    test('each first print takes the next number of the counter’s series; a reprint keeps it', async () => {
      const codes = await Promise.all(Array.from({ length: 8 }, intake));
      // Eight first prints at once: eight different numbers, no gap between them.
      const texts = await Promise.all(
        codes.map(async (code) => pdfText((await form(code, 'receipt')).rawPayload)),
      );
      const numbers = texts.map((text) => numberOn(text, 'TNHS'));
      assert.ok(
        numbers.every((n) => Number.isInteger(n) && n > 0),
        JSON.stringify(numbers),
      );
      assert.equal(new Set(numbers).size, 8);
      const sorted = [...numbers].sort((a, b) => a - b);
      assert.equal(sorted.at(-1)! - sorted[0]!, 7);
      // The book line: one book a year, the receipt's number as its entry.
      const first = texts[0]!;
      assert.ok(
        first.includes(`Vào Sổ theo dõi hồ sơ, Quyển số: 2026, Số thứ tự: ${numbers[0]}`),
        first,
      );
      const again = pdfText((await form(codes[0]!, 'receipt')).rawPayload);
      assert.equal(numberOn(again, 'TNHS'), numbers[0]);
    });

    test('form 02 names the officer who asked and the phone to call', async () => {
      const code = await intake();
      const asked = await desk.act('tb.tiepnhan', code, {
        kind: 'request_supplement',
        items: ['Bản sao giấy khai sinh của người được giám hộ'],
        reason: 'Thiếu giấy tờ',
      });
      assert.equal(asked.statusCode, 200, asked.body);
      const text = pdfText((await form(code, 'supplement')).rawPayload);
      assert.ok(text.includes('liên hệ Phan Thị Hồng, số điện thoại 0251 3822 145'), text);
      assert.ok(numberOn(text, 'PBS') >= 1, text);
    });
  },
);
