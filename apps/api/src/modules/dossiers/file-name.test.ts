import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  contentDisposition,
  DEFAULT_FILE_NAME,
  displayFileName,
  MAX_FILE_NAME,
} from './file-name.js';

test('bidirectional and other invisible controls are removed: the name reads as it is', () => {
  assert.equal(displayFileName('\u202Egpj.exe'), 'gpj.exe');
  const bidi = [
    '\u202A',
    '\u202B',
    '\u202C',
    '\u202D',
    '\u202E',
    '\u2066',
    '\u2067',
    '\u2068',
    '\u2069',
    '\u200E',
    '\u200F',
    '\u061C',
  ];
  for (const c of bidi) {
    assert.equal(displayFileName(`hoa${c}don.pdf`), 'hoadon.pdf', c.codePointAt(0)!.toString(16));
  }
  assert.equal(displayFileName('a\u0000b\u200Bc\u007F\u0085.pdf'), 'abc.pdf');
  assert.equal(displayFileName('to\tkhai\r\n  moi.pdf'), 'to khai moi.pdf', 'whitespace collapsed');
});

test('markup and characters unsafe in headers, HTML or Windows names are removed', () => {
  assert.equal(
    displayFileName('<img src=x onerror=alert(1)>.pdf'),
    'img src=x onerror=alert(1).pdf',
  );
  assert.equal(displayFileName('a:b"c|d?e*f.pdf'), 'abcdef.pdf');
  assert.equal(displayFileName('..\\..\\windows\\to-khai.pdf'), 'to-khai.pdf', 'last segment');
  assert.equal(displayFileName('/etc/passwd'), 'passwd');
  assert.equal(displayFileName('.bashrc.pdf'), 'bashrc.pdf', 'no hidden files');
});

test('long names are cut to 150 characters keeping the extension', () => {
  const long = displayFileName(`${'a'.repeat(496)}.pdf`);
  assert.equal(long.length, MAX_FILE_NAME);
  assert.ok(long.endsWith('aaa.pdf'));
  const vietnamese = displayFileName(`${'ế'.repeat(500)}.docx`);
  assert.equal([...vietnamese].length, MAX_FILE_NAME);
  assert.ok(vietnamese.endsWith('ế.docx'));
  const words = displayFileName(`${'giấy tờ '.repeat(60)}.pdf`);
  assert.ok([...words].length <= MAX_FILE_NAME);
  assert.match(words, /[^ ]\.pdf$/, 'no space left before the extension');
});

test('nothing left gives the default name, with the extension when there was one', () => {
  assert.equal(displayFileName(''), DEFAULT_FILE_NAME);
  assert.equal(displayFileName('<>:"|?*'), DEFAULT_FILE_NAME);
  assert.equal(displayFileName('\u202E<>.pdf'), `${DEFAULT_FILE_NAME}.pdf`);
  assert.equal(displayFileName('...'), DEFAULT_FILE_NAME);
});

test('Vietnamese names are kept intact, in NFC whichever form they came in', () => {
  assert.equal(displayFileName('Giấy chứng sinh.pdf'), 'Giấy chứng sinh.pdf');
  assert.equal(displayFileName('Giấy chứng sinh.pdf'.normalize('NFD')), 'Giấy chứng sinh.pdf');
  for (const name of ['Giấy chứng sinh.pdf', '\u202Egpj.exe', `${'x'.repeat(300)}.png`]) {
    assert.equal(displayFileName(displayFileName(name)), displayFileName(name), 'idempotent');
  }
});

test('downloads are attachments with an ASCII fallback and the exact name encoded', () => {
  assert.equal(
    contentDisposition('Giấy chứng sinh.pdf'),
    `attachment; filename="Giay chung sinh.pdf"; filename*=UTF-8''Gi%E1%BA%A5y%20ch%E1%BB%A9ng%20sinh.pdf`,
  );
  assert.equal(
    contentDisposition('Đơn của bà Hà (bản 2) 100%.pdf'),
    `attachment; filename="Don cua ba Ha (ban 2) 100_.pdf"; filename*=UTF-8''%C4%90%C6%A1n%20c%E1%BB%A7a%20b%C3%A0%20H%C3%A0%20%28b%E1%BA%A3n%202%29%20100%25.pdf`,
  );
  assert.equal(
    contentDisposition('a"b\u202E.pdf\r\nX-Evil: 1'),
    `attachment; filename="ab.pdf X-Evil 1"; filename*=UTF-8''ab.pdf%20X-Evil%201`,
  );
});
