import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProcessDefinition, totalHours, validateProcess } from './process.js';

const unit = 'VHXH';
const other = 'TP';
const birthRegistration = ProcessDefinition.parse({
  procedureCode: '1.001193',
  name: 'Đăng ký khai sinh tại UBND cấp xã',
  steps: [
    {
      key: 'receive',
      name: 'Tiếp nhận',
      kind: 'receive',
      role: 'receiving_officer',
      unitCode: null,
      hours: 1,
    },
    {
      key: 'appraise',
      name: 'Thẩm định',
      kind: 'appraise',
      role: 'specialist',
      unitCode: unit,
      hours: 4,
    },
    {
      key: 'sign',
      name: 'Ký duyệt',
      kind: 'sign',
      role: 'agency_leader',
      unitCode: null,
      hours: 2,
    },
    {
      key: 'return',
      name: 'Trả kết quả',
      kind: 'return',
      role: 'receiving_officer',
      unitCode: null,
      hours: 1,
    },
  ],
});

test('a process within the legal time passes', () => {
  assert.equal(totalHours(birthRegistration.steps), 8);
  assert.deepEqual(validateProcess(birthRegistration, 8), []);
});

test('the editor refuses a process longer than the legal time', () => {
  const issues = validateProcess(birthRegistration, 7);
  assert.deepEqual(
    issues.map((i) => i.message),
    ['Tổng thời gian các bước (8 giờ làm việc) vượt thời hạn giải quyết (7 giờ làm việc)'],
  );
});

test('an inter-agency transfer must fit inside its step; consultations inside theirs', () => {
  const withTransfer = ProcessDefinition.parse({
    ...birthRegistration,
    steps: [
      birthRegistration.steps[0],
      {
        key: 'transfer',
        name: 'Liên thông đăng ký thường trú',
        kind: 'other',
        role: 'specialist',
        unitCode: unit,
        hours: 4,
        consult: [{ unitCode: other, hours: 6 }],
        transfer: {
          agencyElectronicId: '000.00.01.H75',
          steps: [
            {
              key: 'a',
              name: 'Công an tiếp nhận',
              kind: 'receive',
              role: 'receiving_officer',
              unitCode: null,
              hours: 2,
            },
            {
              key: 'b',
              name: 'Công an xử lý',
              kind: 'appraise',
              role: 'specialist',
              unitCode: null,
              hours: 3,
            },
          ],
        },
      },
      birthRegistration.steps[3],
    ],
  });
  const messages = validateProcess(withTransfer, 16).map((i) => `${i.path}: ${i.message}`);
  assert.deepEqual(messages, [
    'steps[1].consult[0]: Thời gian xin ý kiến (6 giờ) vượt thời gian của bước "Liên thông đăng ký thường trú" (4 giờ)',
    'steps[1].transfer.steps: Tổng thời gian các bước (5 giờ làm việc) vượt thời hạn giải quyết (4 giờ làm việc)',
  ]);
});

test('it starts with receipt and ends with the return of the result', () => {
  const reversed = { ...birthRegistration, steps: [...birthRegistration.steps].reverse() };
  assert.deepEqual(
    validateProcess(reversed, 8).map((i) => i.message),
    ['Bước đầu tiên phải là tiếp nhận hồ sơ', 'Bước cuối cùng phải là trả kết quả'],
  );
});

test('bad step definitions are refused with Vietnamese messages', () => {
  const parsed = ProcessDefinition.safeParse({
    procedureCode: '1.001193',
    name: 'X quy trình',
    steps: [
      {
        key: 'Bad Key',
        name: 'Tiếp nhận',
        kind: 'receive',
        role: 'specialist',
        unitCode: null,
        hours: 0,
      },
    ],
  });
  assert.equal(parsed.success, false);
  const messages = parsed.success ? [] : parsed.error.issues.map((i) => i.message);
  assert.ok(messages.includes('Mã bước chỉ gồm chữ thường, số và _'));
  assert.ok(messages.includes('Thời gian của bước phải lớn hơn 0 giờ làm việc'));
});

test('a paying step: any step after the first; the first is refused with the way to ask at filing', () => {
  const paying = (i: number) =>
    ProcessDefinition.parse({
      ...birthRegistration,
      steps: birthRegistration.steps.map((s, j) => (j === i ? { ...s, requiresPayment: true } : s)),
    });
  assert.equal(birthRegistration.steps[1]?.requiresPayment, false, 'default: no payment');
  assert.deepEqual(validateProcess(paying(1), 8), []);
  const issues = validateProcess(paying(0), 8);
  assert.deepEqual(
    issues.map((i) => i.path),
    ['steps[0].requiresPayment'],
  );
  assert.match(issues[0]!.message, /khi nộp hồ sơ/);
});
