/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  describeEform,
  EFORM_PATTERNS,
  validateEform,
  restoreFieldOrder,
  vietnamToday,
  withFieldOrder,
} from './eform.js';

const TODAY = '2026-11-23';

const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['child', 'declarant'],
  properties: {
    child: {
      title: 'Người được khai sinh',
      type: 'object',
      required: ['fullName', 'gender', 'birthDate'],
      properties: {
        fullName: { title: 'Họ, chữ đệm và tên của trẻ', type: 'string' },
        gender: {
          title: 'Giới tính',
          type: 'string',
          oneOf: [
            { const: 'male', title: 'Nam' },
            { const: 'female', title: 'Nữ' },
          ],
        },
        birthDate: {
          title: 'Ngày, tháng, năm sinh',
          type: 'string',
          format: 'date',
          'x-notFuture': true,
        },
      },
    },
    father: {
      title: 'Cha',
      type: 'object',
      properties: {
        birthYear: { title: 'Năm sinh của cha', type: 'integer', 'x-notFuture': true },
      },
    },
    declarant: {
      title: 'Người đi đăng ký',
      type: 'object',
      required: ['idNumber'],
      properties: {
        idNumber: {
          title: 'Số định danh cá nhân',
          type: 'string',
          pattern: EFORM_PATTERNS.idNumber,
        },
        phone: { title: 'Số điện thoại', type: 'string', pattern: EFORM_PATTERNS.phone },
        email: { title: 'Thư điện tử', type: 'string', format: 'email' },
      },
    },
  },
};

const good = {
  child: { fullName: 'Nguyễn Minh An', gender: 'male', birthDate: '2026-11-20' },
  declarant: { idNumber: '075195001234', phone: '0909123456', email: 'an@example.vn' },
};

const check = (data: unknown) => validateEform(schema, data, { today: TODAY });

describe('validateEform', () => {
  test('good answers pass', () => {
    assert.deepEqual(check(good), []);
    assert.deepEqual(
      check({ ...good, declarant: { idNumber: '075195001234', phone: '+84909123456' } }),
      [],
    );
  });

  test('nothing answered: each required field named by its title, in the form’s order', () => {
    assert.deepEqual(check({}), [
      { path: 'child.fullName', message: 'Chưa nhập họ, chữ đệm và tên của trẻ' },
      { path: 'child.gender', message: 'Chưa chọn giới tính' },
      { path: 'child.birthDate', message: 'Chưa nhập ngày, tháng, năm sinh' },
      { path: 'declarant.idNumber', message: 'Chưa nhập số định danh cá nhân' },
    ]);
  });

  test('a blank or whitespace-only answer counts as not answered', () => {
    const issues = check({ ...good, child: { ...good.child, fullName: '   ' } });
    assert.deepEqual(issues, [
      { path: 'child.fullName', message: 'Chưa nhập họ, chữ đệm và tên của trẻ' },
    ]);
  });

  test('phone, ID number and e-mail are checked, with what the right form is', () => {
    const issues = check({
      ...good,
      declarant: { idNumber: '07519500', phone: 'abc123', email: 'khong-phai-email' },
    });
    assert.deepEqual(issues, [
      { path: 'declarant.idNumber', message: 'Số định danh cá nhân phải gồm đúng 12 chữ số' },
      {
        path: 'declarant.phone',
        message: 'Số điện thoại phải gồm 10 hoặc 11 chữ số, bắt đầu bằng 0 hoặc +84',
      },
      {
        path: 'declarant.email',
        message: 'Thư điện tử không đúng định dạng (ví dụ: ten@example.com)',
      },
    ]);
  });

  test('a date must exist and, where marked, not lie in the future', () => {
    const at = (birthDate: string) => check({ ...good, child: { ...good.child, birthDate } });
    assert.deepEqual(at('2026-02-30'), [
      { path: 'child.birthDate', message: 'Ngày, tháng, năm sinh không phải là một ngày có thật' },
    ]);
    assert.deepEqual(at('2026-11-24'), [
      { path: 'child.birthDate', message: 'Ngày, tháng, năm sinh không được sau ngày hôm nay' },
    ]);
    assert.deepEqual(at(TODAY), []);
    assert.deepEqual(check({ ...good, father: { birthYear: 2027 } }), [
      { path: 'father.birthYear', message: 'Năm sinh của cha không được sau năm nay' },
    ]);
  });

  test('a choice outside the list is said once, not once per option', () => {
    assert.deepEqual(check({ ...good, child: { ...good.child, gender: 'x' } }), [
      { path: 'child.gender', message: 'Chọn giới tính trong danh sách' },
    ]);
  });

  test('messages never carry a field path', () => {
    for (const issue of check({ child: { gender: 1 }, declarant: { phone: '1' } })) {
      assert.doesNotMatch(issue.message, /child|declarant|gender|phone|\./, issue.message);
    }
  });

  test('today is taken in Vietnam time', () => {
    assert.equal(vietnamToday(new Date('2026-11-23T17:30:00Z')), '2026-11-24');
    assert.equal(vietnamToday(new Date('2026-11-23T16:59:00Z')), '2026-11-23');
  });
});

describe('describeEform', () => {
  test('titles and values in words, groups as sections, dates as dd/mm/yyyy', () => {
    assert.deepEqual(describeEform(schema, { ...good, note: 'Thêm' }), [
      { heading: null, rows: [{ title: 'note', value: 'Thêm' }] },
      {
        heading: 'Người được khai sinh',
        rows: [
          { title: 'Họ, chữ đệm và tên của trẻ', value: 'Nguyễn Minh An' },
          { title: 'Giới tính', value: 'Nam' },
          { title: 'Ngày, tháng, năm sinh', value: '20/11/2026' },
        ],
      },
      {
        heading: 'Người đi đăng ký',
        rows: [
          { title: 'Số định danh cá nhân', value: '075195001234' },
          { title: 'Số điện thoại', value: '0909123456' },
          { title: 'Thư điện tử', value: 'an@example.vn' },
        ],
      },
    ]);
  });

  test('no e-form and no answers: nothing to show', () => {
    assert.deepEqual(describeEform(null, {}), []);
    assert.deepEqual(describeEform(schema, { father: {} }), []);
  });
});

describe('withFieldOrder', () => {
  test('every group states its fields’ order, which survives a store that sorts keys', () => {
    const stamped: Record<string, unknown> = withFieldOrder(schema);
    assert.deepEqual(stamped['x-order'], ['child', 'father', 'declarant']);
    const child = (stamped['properties'] as Record<string, Record<string, unknown>>)['child']!;
    assert.deepEqual(child['x-order'], ['fullName', 'gender', 'birthDate']);
    // As jsonb gives it back: keys by length, then bytes.
    const sortKeys = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(sortKeys)
        : typeof v === 'object' && v !== null
          ? Object.fromEntries(
              Object.entries(v)
                .sort(([a], [b]) => a.length - b.length || (a < b ? -1 : 1))
                .map(([k, x]) => [k, sortKeys(x)]),
            )
          : v;
    const stored = sortKeys(stamped) as Record<string, unknown>;
    assert.deepEqual(
      describeEform(stored, good).map((s) => s.heading),
      ['Người được khai sinh', 'Người đi đăng ký'],
    );
    assert.deepEqual(
      describeEform(stored, good)[0]!.rows.map((r) => r.title),
      ['Họ, chữ đệm và tên của trẻ', 'Giới tính', 'Ngày, tháng, năm sinh'],
    );
    assert.deepEqual(
      check({}).map((i) => i.path),
      validateEform(stored, {}, { today: TODAY }).map((i) => i.path),
    );
    // Read back, it is the schema as written, key order included.
    const restored = restoreFieldOrder(stored);
    assert.deepEqual(restored, schema);
    const fieldKeys = (node: Record<string, unknown>): unknown =>
      Object.entries((node['properties'] ?? {}) as Record<string, Record<string, unknown>>).map(
        ([k, v]) => [k, fieldKeys(v)],
      );
    assert.deepEqual(fieldKeys(restored), fieldKeys(schema));
    assert.notDeepEqual(fieldKeys(stored), fieldKeys(schema), 'the store did reorder');
  });

  test('an order already stated is kept; choices’ constants are left alone', () => {
    const own = withFieldOrder({ ...schema, 'x-order': ['declarant', 'child'] });
    assert.deepEqual(own['x-order'], ['declarant', 'child']);
    assert.deepEqual(withFieldOrder(schema), withFieldOrder(withFieldOrder(schema)));
  });
});
