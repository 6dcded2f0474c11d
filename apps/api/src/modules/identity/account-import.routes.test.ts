import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { after, before, test } from 'node:test';
import { AccountImportReport, ErrorBody, OfficerList } from '@motcua/contracts';
import ExcelJS from 'exceljs';
import { signInOfficer } from '../../platform/testing/sign-in.js';
import { createTestApp, type TestApp } from '../../platform/testing/test-app.js';

const PASSWORD = 'Demo@motcua2026';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const URL = '/api/admin/identity/accounts/import';
let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(async () => {
  await t.close();
});

const signIn = (username: string, password = PASSWORD) =>
  signInOfficer(t.app.server, username, password);

async function upload(
  who: { cookie: string; csrf: string },
  body: string | Buffer,
  type = 'text/csv',
  query = '',
) {
  return t.app.server.inject({
    method: 'POST',
    url: `${URL}${query}`,
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': type },
    payload: body,
  });
}

const HEADER = 'username,displayName,email,phone,agency,unit,role,scope,password';
const CSV = [
  // BOM and a Vietnamese header are fine too; this one uses the English keys.
  `\uFEFF${HEADER}`,
  'nhap.tiepnhan,Lê Thị Nhập,nhap@example.vn,0912 345 678,000.00.15.H75,TNTKQ,receiving_officer,unit,Mat-khau-ban-dau-1',
  '"nhap.chuyenvien","Phạm Văn Chuyên, Phó phòng",,,000.00.15.H75,,specialist,agency,',
  'X,Tên sai,,,000.00.15.H75,,specialist,agency,',
  'nhap.coquan,Không Có Cơ Quan,,,000.00.99.H75,,specialist,agency,',
  'nhap.phong,Không Có Phòng,,,000.00.15.H75,KHONGCO,specialist,unit,',
  'nhap.vaitro,Sai Vai Trò,,,000.00.15.H75,,giam_doc,agency,',
  'nhap.tinh,Quản Trị Sai Phạm Vi,,,000.00.15.H75,,province_admin,agency,',
  'nhap.tiepnhan,Trùng Trong Tệp,,,000.00.15.H75,,specialist,agency,',
  'nhap.email,Sai Thư Điện Tử,khong-phai-email,,000.00.15.H75,,specialist,agency,',
  ',,,,,,,,',
  'tt.tiepnhan,Đã Có Sẵn,,,000.00.15.H75,,specialist,agency,',
].join('\r\n');

test('a province administrator imports a CSV: good rows created, bad rows with Vietnamese reasons, re-import is idempotent', async () => {
  const admin = await signIn('qt.tinh');
  const res = await upload(admin, CSV);
  assert.equal(res.statusCode, 200, res.body);
  const report = AccountImportReport.parse(res.json());
  assert.equal(report.fileType, 'csv');
  const by = new Map(report.rows.map((r) => [r.line, r]));
  assert.deepEqual(
    report.rows.map((r) => [r.line, r.status]),
    [
      [2, 'created'],
      [3, 'created'],
      [4, 'error'],
      [5, 'error'],
      [6, 'error'],
      [7, 'error'],
      [8, 'error'],
      [9, 'error'],
      [10, 'error'],
      [12, 'skipped'],
    ],
  );
  assert.deepEqual([report.total, report.created, report.skipped, report.errors], [10, 2, 1, 7]);
  assert.equal(by.get(2)!.initialPassword, null, 'a given password is not echoed');
  const generated = by.get(3)!.initialPassword;
  assert.ok(generated && generated.length >= 12);
  assert.equal(by.get(3)!.displayName, 'Phạm Văn Chuyên, Phó phòng');
  assert.match(by.get(4)!.reason!, /Tên đăng nhập phải dài 3–60 ký tự/);
  assert.match(
    by.get(5)!.reason!,
    /Không tìm thấy cơ quan có mã định danh điện tử 000\.00\.99\.H75/,
  );
  assert.match(by.get(6)!.reason!, /Không tìm thấy phòng\/bộ phận mã KHONGCO/);
  assert.match(by.get(7)!.reason!, /Vai trò không hợp lệ/);
  assert.match(by.get(8)!.reason!, /quản trị cấp tỉnh chỉ gán với phạm vi toàn tỉnh/);
  assert.match(by.get(9)!.reason!, /Trùng tên đăng nhập với dòng 2/);
  assert.match(by.get(10)!.reason!, /Thư điện tử không hợp lệ/);
  assert.match(by.get(12)!.reason!, /đã tồn tại/);

  // The new officers sign in, with their unit and role.
  const receiving = await signIn('nhap.tiepnhan', 'Mat-khau-ban-dau-1');
  assert.deepEqual(
    receiving.info.roles.map((r) => [r.role, r.scope, r.unitName]),
    [['receiving_officer', 'unit', 'Bộ phận Tiếp nhận và Trả kết quả']],
  );
  const specialist = await signIn('nhap.chuyenvien', generated);
  assert.equal(specialist.info.roles[0]!.role, 'specialist');
  const { rows } = await t.db.database.pool.query(
    "SELECT email, phone FROM idn_account WHERE username = 'nhap.tiepnhan'",
  );
  assert.deepEqual(rows[0], { email: 'nhap@example.vn', phone: '0912 345 678' });

  // The same file again: nothing new, every earlier success reported as existing.
  const again = AccountImportReport.parse((await upload(admin, CSV)).json());
  assert.equal(again.created, 0);
  assert.equal(by.size, again.rows.length);
  for (const line of [2, 3, 12]) {
    const row = again.rows.find((r) => r.line === line)!;
    assert.equal(row.status, 'skipped');
    assert.match(row.reason!, /đã tồn tại/);
  }
  const count = await t.db.database.pool.query(
    "SELECT count(*)::int AS n FROM idn_account WHERE username LIKE 'nhap.%'",
  );
  assert.equal(count.rows[0].n, 2);

  const log = await t.db.database.pool.query(
    "SELECT kind FROM idn_security_event WHERE username = 'nhap.tiepnhan' ORDER BY id",
  );
  assert.deepEqual(log.rows.map((r) => r.kind).slice(0, 2), ['account_created', 'role_granted']);
});

test('an agency administrator imports only inside their agency', async () => {
  const wardAdmin = await signIn('tb.quantri');
  const csv = [
    'Tên đăng nhập;Họ và tên;Mã cơ quan;Mã phòng;Vai trò;Phạm vi',
    'tb.moi;Nguyễn Văn Mới;000.00.145.H75;VHXH;specialist;unit',
    'stp.moi;Người Sở Khác;000.00.10.H75;;specialist;agency',
    'tb.thanhtratinh;Thanh Tra Toàn Tỉnh;000.00.145.H75;;inspector;province',
  ].join('\n');
  const res = await upload(wardAdmin, csv, 'text/csv; charset=utf-8');
  assert.equal(res.statusCode, 200, res.body);
  const report = AccountImportReport.parse(res.json());
  assert.deepEqual(
    report.rows.map((r) => r.status),
    ['created', 'error', 'error'],
  );
  assert.match(report.rows[1]!.reason!, /không có quyền tạo tài khoản tại .*ngoài phạm vi/);
  assert.match(report.rows[2]!.reason!, /không có quyền gán vai trò phạm vi toàn tỉnh/);
  const officers = OfficerList.parse(
    (
      await t.app.server.inject({
        url: '/api/admin/identity/officers',
        headers: { cookie: wardAdmin.cookie },
      })
    ).json(),
  );
  assert.ok(officers.items.some((o) => o.username === 'tb.moi'));

  // Officers without account administration are refused outright.
  const specialist = await signIn('tb.chuyenvien');
  const refused = await upload(specialist, csv);
  assert.equal(refused.statusCode, 403);
});

test('an XLSX file imports the same way; ?format=xlsx answers the report as a workbook', async () => {
  const admin = await signIn('qt.tinh');
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Cán bộ');
  sheet.addRow(HEADER.split(','));
  sheet.addRow([
    'xlsx.mot',
    'Đặng Thị Một',
    'mot@example.vn',
    '0987654321',
    '000.00.10.H75',
    'HCTP',
    'specialist',
    'unit',
    null,
  ]);
  sheet.addRow(['xlsx.hai', 'Ha', null, null, '000.00.10.H75', null, 'specialist', 'agency']);
  const file = Buffer.from(await book.xlsx.writeBuffer());
  const res = await upload(admin, file, XLSX);
  assert.equal(res.statusCode, 200, res.body);
  const report = AccountImportReport.parse(res.json());
  assert.equal(report.fileType, 'xlsx');
  assert.deepEqual(
    report.rows.map((r) => [r.username, r.status]),
    [
      ['xlsx.mot', 'created'],
      ['xlsx.hai', 'error'],
    ],
  );
  assert.match(report.rows[1]!.reason!, /Họ và tên phải có ít nhất 3 ký tự/);
  await signIn('xlsx.mot', report.rows[0]!.initialPassword!);

  const asXlsx = await upload(admin, file, XLSX, '?format=xlsx');
  assert.equal(asXlsx.statusCode, 200);
  assert.equal(asXlsx.headers['content-type'], XLSX);
  const out = new ExcelJS.Workbook();
  await out.xlsx.load(asXlsx.rawPayload as unknown as ArrayBuffer);
  const text = JSON.stringify(out.worksheets[0]!.getSheetValues());
  assert.match(text, /Kết quả nhập tài khoản cán bộ/);
  assert.match(text, /xlsx\.mot/);
  assert.match(text, /đã tồn tại/);

  // The JSON report can be turned into a workbook afterwards (the web's download button).
  const rendered = await t.app.server.inject({
    method: 'POST',
    url: `${URL}/report`,
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    payload: report,
  });
  assert.equal(rendered.statusCode, 200);
  assert.equal(rendered.headers['content-type'], XLSX);
});

test('wrong files are refused with Vietnamese messages', async () => {
  const admin = await signIn('qt.tinh');
  const json = await t.app.server.inject({
    method: 'POST',
    url: URL,
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    payload: { username: 'x' },
  });
  assert.equal(json.statusCode, 415);
  assert.match(ErrorBody.parse(json.json()).error.message, /CSV|Excel/);
  const noHeader = await upload(admin, 'a,b,c\n1,2,3');
  assert.equal(noHeader.statusCode, 400);
  assert.match(ErrorBody.parse(noHeader.json()).error.message, /thiếu cột: username/);
  const notXlsx = await upload(admin, 'username', XLSX);
  assert.equal(notXlsx.statusCode, 400);
  assert.match(ErrorBody.parse(notXlsx.json()).error.message, /không phải tệp Excel/);
  const pdf = await upload(admin, 'x', 'application/pdf');
  assert.equal(pdf.statusCode, 415);
});

interface ZipEntry {
  name: string;
  /** Raw DEFLATE data (method 8). */
  deflated: Buffer;
  /** What the headers claim; a bomb may lie. */
  size: number;
  crc: number;
}

/** A ZIP written by hand, so that its headers say whatever the test wants (APPNOTE 4.3). */
function zipOf(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.deflated.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc, 16);
    central.writeUInt32LE(e.deflated.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.deflated);
    centrals.push(central, name);
    offset += local.length + name.length + e.deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** `mib` MiB of zeros, deflated a MiB at a time so the test never holds the whole run. */
async function zeros(mib: number): Promise<{ deflated: Buffer; size: number; crc: number }> {
  const chunk = Buffer.alloc(1024 * 1024);
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  let crc = 0;
  for (let i = 0; i < mib; i++) {
    crc = zlib.crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return { deflated: Buffer.concat(out), size: mib * 1024 * 1024, crc };
}

test('an XLSX bomb is refused before exceljs inflates it; a normal workbook still imports', async () => {
  const admin = await signIn('qt.tinh');
  const types = {
    name: '[Content_Types].xml',
    ...(await (async () => {
      const xml = Buffer.from('<?xml version="1.0"?><Types/>');
      return { deflated: zlib.deflateRawSync(xml), size: xml.length, crc: zlib.crc32(xml) };
    })()),
  };
  const huge = await zeros(300);
  assert.ok(huge.deflated.length < 400 * 1024, `a few hundred KB: ${huge.deflated.length}`);
  const sheet = 'xl/worksheets/sheet1.xml';
  const refusals: Array<[string, Buffer, RegExp]> = [
    ['300 MiB cell', zipOf([types, { name: sheet, ...huge }]), /giải nén vượt quá 20 MB/],
    // Headers that understate the size must not help: sizes are measured, not believed.
    [
      'lying header',
      zipOf([types, { name: sheet, ...huge, size: 1000 }]),
      /giải nén vượt quá 20 MB/,
    ],
    ['5 MiB at 1000:1', zipOf([types, { name: sheet, ...(await zeros(5)) }]), /tỷ lệ nén/],
    [
      '1001 entries',
      zipOf(Array.from({ length: 1001 }, (_, i) => ({ ...types, name: `xl/media/${i}.xml` }))),
      /1001 thành phần/,
    ],
  ];
  for (const [what, file, message] of refusals) {
    const res = await upload(admin, file, XLSX);
    assert.equal(res.statusCode, 413, `${what}: ${res.body}`);
    assert.match(ErrorBody.parse(res.json()).error.message, message, what);
    assert.match(ErrorBody.parse(res.json()).error.message, /^Tệp Excel \(\.xlsx\)/, what);
  }

  const book = new ExcelJS.Workbook();
  book.addWorksheet('Cán bộ').addRows([
    ['username', 'displayName', 'agency', 'role', 'scope'],
    ['bom.sau', 'Sau Bom', '000.00.15.H75', 'specialist', 'agency'],
  ]);
  const normal = await upload(admin, Buffer.from(await book.xlsx.writeBuffer()), XLSX);
  assert.equal(normal.statusCode, 200, normal.body);
  assert.equal(AccountImportReport.parse(normal.json()).created, 1);
});
