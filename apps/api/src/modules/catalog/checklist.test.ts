import assert from 'node:assert/strict';
import path from 'node:path';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isRequiredItem, type ProcedureContent } from '@motcua/contracts';
import type { ProcedureRecord } from '../../integrations/national-catalog/index.js';
import { proposeChecklist } from './checklist.js';
import { normalizeRecord } from './procedure.js';
import { readScrapedFiles } from './use-cases/read-sources.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const records = new Map<string, ProcedureContent>();

before(async () => {
  const files = ['bo-tu-phap.json', 'bo-tai-chinh.json'].map((f) =>
    path.join(root, 'data/procedures', f),
  );
  for await (const incoming of readScrapedFiles(files)) {
    if ('record' in incoming) {
      const { content } = normalizeRecord(incoming.record as ProcedureRecord);
      records.set(content.code, content);
    }
  }
});

const proposal = (code: string) => {
  const content = records.get(code);
  assert.ok(content, `record ${code} in data/procedures`);
  return { content, ...proposeChecklist(content.components) };
};

test('khai sinh (1.001193): a short list, the declaration and the birth certificate required', () => {
  const { content, items, officerNotes } = proposal('1.001193');
  assert.equal(content.components.flatMap((c) => c.items).length, 33, 'the raw record');
  assert.equal(items.length, 6);
  const required = items.filter(isRequiredItem).map((i) => i.name);
  assert.deepEqual(required, ['Tờ khai đăng ký khai sinh theo mẫu', 'Giấy chứng sinh']);
  // The online interactive form is the e-form, folded into the declaration's note.
  assert.match(items[0]!.note ?? '', /Nộp trực tuyến: khai tờ khai điện tử/);
  assert.ok(!items.some((i) => /^Mẫu hộ tịch điện tử/.test(i.name)));
  // The alternative to the birth certificate stays with it, as its note.
  assert.match(items[1]!.note ?? '', /^Trường hợp không có Giấy chứng sinh thì nộp văn bản/);

  const proxy = items.find((i) => i.name.startsWith('Văn bản ủy quyền'));
  assert.equal(proxy?.condition, 'Trường hợp ủy quyền thực hiện việc đăng ký khai sinh');
  assert.equal(proxy?.required, true);
  assert.match(proxy?.note ?? '', /không phải chứng thực/);
  const abandoned = items.find((i) => i.condition === 'Trường hợp trẻ em bị bỏ rơi');
  assert.equal(abandoned?.name, 'Biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập');
  // Papers shown at the counter are not uploads: conditional on filing in person.
  const id = items.find((i) => i.name.startsWith('Hộ chiếu/Thẻ căn cước'));
  assert.match(id?.condition ?? '', /^Khi nộp hồ sơ trực tiếp/);

  // No instruction to the officer, no note, no "0 bản chính" exemption became a slot.
  for (const item of items) {
    assert.doesNotMatch(item.name, /người tiếp nhận|lưu ý|không phải nộp/iu);
    assert.ok(item.originals + item.copies > 0, item.name);
  }
  assert.equal(officerNotes.length, 27);
  assert.ok(
    officerNotes.some((n) => n.startsWith('Người tiếp nhận có trách nhiệm tiếp nhận đúng')),
  );
  assert.ok(officerNotes.some((n) => n.startsWith('Trường hợp người yêu cầu đã nộp bản điện tử')));
});

test('khai tử (1.000656) and giám hộ (1.004837): the declaration first, cases as conditions', () => {
  const death = proposal('1.000656');
  assert.deepEqual(
    death.items.filter(isRequiredItem).map((i) => i.name),
    [
      'Tờ khai đăng ký khai tử theo mẫu',
      'Giấy báo tử hoặc giấy tờ thay Giấy báo tử do cơ quan có thẩm quyền cấp',
    ],
  );
  assert.equal(death.items.length, 6);

  const guardian = proposal('1.004837');
  assert.equal(guardian.items.length, 6);
  assert.deepEqual(
    guardian.items.filter(isRequiredItem).map((i) => i.name),
    ['Tờ khai đăng ký giám hộ theo mẫu'],
  );
  assert.deepEqual(
    guardian.items
      .filter((i) => i.condition?.startsWith('Trường hợp đăng ký giám hộ'))
      .map((i) => i.condition),
    ['Trường hợp đăng ký giám hộ đương nhiên', 'Trường hợp đăng ký giám hộ cử'],
  );
});

test('hộ kinh doanh (1.001612): the case "ủy quyền" is a condition, not restated', () => {
  const { items, officerNotes } = proposal('1.001612');
  assert.deepEqual(
    items.filter(isRequiredItem).map((i) => i.name),
    ['Giấy đề nghị đăng ký hộ kinh doanh'],
  );
  assert.equal(items.length, 6);
  const personal = items.find((i) =>
    i.name.startsWith('Văn bản ủy quyền cho cá nhân thực hiện thủ tục'),
  );
  assert.equal(
    personal?.condition,
    'Trường hợp ủy quyền cho cá nhân thực hiện thủ tục đăng ký hộ kinh doanh',
  );
  assert.equal(personal?.copies, 1);
  // A sentence about responsibility is no paper.
  assert.ok(officerNotes.some((n) => n.startsWith('Người ủy quyền và người được ủy quyền')));
});

test('"(nếu có)" makes a paper optional; a paper named in two cases appears once', () => {
  const { items } = proposeChecklist([
    {
      case: 'Trường hợp đăng ký lần đầu:',
      items: [
        paper('- Đơn đề nghị cấp giấy phép;', '1 bản chính'),
        paper('- Bản sao hợp đồng thuê nhà (nếu có);', '1 bản sao'),
      ],
    },
    {
      case: 'Trường hợp đăng ký lại:',
      items: [
        paper('- Đơn đề nghị cấp giấy phép;', '1 bản chính'),
        paper('- Giấy phép đã được cấp.', '1 bản chính'),
      ],
    },
    { case: '* Lưu ý:', items: [paper('- Đơn phải ghi đủ thông tin.', '0 bản chính')] },
  ]);
  assert.deepEqual(
    items.map((i) => [i.name, i.required, i.condition]),
    [
      ['Đơn đề nghị cấp giấy phép', true, 'Trường hợp đăng ký lần đầu hoặc trường hợp đăng ký lại'],
      ['Bản sao hợp đồng thuê nhà', false, 'Trường hợp đăng ký lần đầu'],
      ['Giấy phép đã được cấp', true, 'Trường hợp đăng ký lại'],
    ],
  );
});

test('a paper asked in the unconditional list and in a case is required', () => {
  const { items } = proposeChecklist([
    { case: '', items: [paper('Tờ khai theo mẫu', '1 bản chính')] },
    { case: 'Trường hợp ủy quyền', items: [paper('Tờ khai theo mẫu', '2 bản chính')] },
  ]);
  assert.equal(items.length, 1);
  assert.equal(items[0]!.condition, null);
  assert.equal(items[0]!.originals, 2);
});

test('every bundled record gives a checklist the contract accepts', async () => {
  const { ChecklistItem } = await import('@motcua/contracts');
  for (const content of records.values()) {
    for (const item of proposeChecklist(content.components).items) {
      ChecklistItem.parse(item);
    }
  }
});

function paper(name: string, quantityRaw: string) {
  const originals = /(\d+) bản chính/.exec(quantityRaw)?.[1];
  const copies = /(\d+) bản sao/.exec(quantityRaw)?.[1];
  return {
    code: '',
    name,
    template: '',
    templateUrl: '',
    originals: originals === undefined ? null : Number(originals),
    copies: copies === undefined ? null : Number(copies),
    quantityRaw,
  };
}
