import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProcedureDetail } from '@motcua/contracts';
import type { ActionRow, DossierRow } from '../dossiers.repository.js';
import { formDataFor } from './form-data.js';
import { stepResult } from './legal-forms.js';

const at = (local: string) => new Date(`${local}+07:00`);
let seq = 0;
const action = (kind: string, when: string, payload: Record<string, unknown> = {}): ActionRow =>
  ({
    id: ++seq,
    dossierId: 'd',
    seq,
    kind,
    actor: { kind: 'officer', id: 'o' },
    at: at(when),
    payload,
    idempotencyKey: `k${seq}`,
  }) as ActionRow;

test('the control sheet lists each hand-off by step name, due when its workflow step was due', () => {
  const actions = [
    action('receive', '2026-12-08T08:00:00'),
    action('forward', '2026-12-08T08:30:00', {
      step: 'appraise',
      stepDueAt: at('2026-12-08T13:30:00').toISOString(),
    }),
    action('forward', '2026-12-08T15:00:00', {
      step: 'sign',
      stepDueAt: at('2026-12-09T08:00:00').toISOString(),
    }),
    action('complete', '2026-12-08T16:00:00', { resultCode: 'KQ' }),
  ];
  const data = formDataFor({
    kind: 'control',
    row: {
      code: '000.01.145.H75-261208-0001',
      procedureCode: '1.001193',
      receivedAt: at('2026-12-08T08:00:00'),
      dueAt: at('2026-12-09T08:00:00'),
      applicant: { name: 'Nguyễn Văn An', idNumber: null, phone: null, email: null, address: null },
    } as DossierRow,
    actions,
    detail: {
      content: { name: 'Thủ tục đăng ký khai sinh', components: [] },
      local: { checklist: [] },
    } as unknown as ProcedureDetail,
    period: { amount: 1, unit: 'working_days' },
    agencies: { receiving: undefined, parent: undefined, competent: undefined },
    place: 'Đồng Nai',
    issuedAt: at('2026-12-08T16:00:00'),
    lookupUrl: 'http://localhost/tra-cuu',
    stepNames: new Map([
      ['appraise', 'Công chức tư pháp - hộ tịch thẩm tra hồ sơ'],
      ['sign', 'Lãnh đạo Ủy ban nhân dân ký Giấy khai sinh'],
    ]),
  });
  const handoffs = data.handoffs ?? [];
  assert.deepEqual(
    handoffs.map((h) => [h.from, h.to]),
    [
      ['Bộ phận một cửa', 'Công chức tư pháp - hộ tịch thẩm tra hồ sơ'],
      ['Công chức tư pháp - hộ tịch thẩm tra hồ sơ', 'Lãnh đạo Ủy ban nhân dân ký Giấy khai sinh'],
    ],
  );
  // Appraisal due 13:30, handed on at 15:00: late; signature due tomorrow, done today: early.
  assert.deepEqual(
    handoffs.map((h) => (h.doneAt ? stepResult(h.doneAt, h.dueAt) : null)),
    ['quá hạn', 'trước hạn'],
  );
});
