import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { IntegrationError } from '../integration-error.js';
import {
  checksumOf,
  createPaymentPlatformClient,
  formatNationalDate,
  serviceCodeOf,
  vietnamDay,
  type InitInput,
  type PaymentPlatformClient,
} from './index.js';
import { createPaymentPlatformSimulator } from './simulator/server.js';

const SECRET = 'payment-sim-secret';
const RETURN_BASE = 'http://motcua.test';

// ---- a tiny HTTP server standing in for our confirm endpoint ------------------------------------

let receiver: Server;
let confirmUrl: string;
let received: Array<Record<string, unknown>> = [];

let sim: FastifyInstance;
let simUrl: string;
let client: PaymentPlatformClient;
let counter = 0;

before(async () => {
  receiver = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      received.push(JSON.parse(text) as Record<string, unknown>);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"MaLoi":"00"}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  confirmUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/confirm`;

  sim = createPaymentPlatformSimulator({ confirmUrl, returnBase: RETURN_BASE, pendingMs: 150 });
  await sim.listen({ host: '127.0.0.1', port: 0 });
  simUrl = `http://127.0.0.1:${(sim.server.address() as AddressInfo).port}`;
  client = createPaymentPlatformClient({
    baseUrl: simUrl,
    partnerCode: 'MOTCUA',
    secret: SECRET,
    timeoutMs: 5_000,
  });
});

after(async () => {
  await sim.close();
  await new Promise((resolve) => receiver.close(resolve));
});

beforeEach(async () => {
  received = [];
  await control('PUT', '/callback', { mode: 'normal' });
  await control('PUT', '/fault', { mode: 'none' });
});

async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(`${simUrl}/__sim${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function input(amount = 150_000): InitInput {
  counter += 1;
  const reference = `dvc00000H75260115000${counter}${formatNationalDate(new Date())}`;
  return {
    reference,
    amount,
    description: `Thanh toán hồ sơ 000.00.H75-260115-000${counter}`,
    at: new Date(),
    ip: '10.0.0.1',
    receipt: {
      serviceCode: serviceCodeOf('1.001193'),
      procedureCode: '1.001193',
      procedureName: 'Đăng ký khai sinh',
      agencyCode: '000.00.H75',
      agencyName: 'UBND phường Trấn Biên',
      dossierCode: `000.00.H75-260115-000${counter}`,
      beneficiary: { accountNo: '3511', bankCode: 'VCB', accountName: 'UBND phường Trấn Biên' },
      treasury: { accountNo: '7111', name: 'Kho bạc Nhà nước Đồng Nai' },
      payer: { name: 'Nguyễn Văn Bình', idNumber: '075090001234' },
      items: [
        { kind: 'phi', code: 'P1', name: 'Phí cấp bản sao', amount: amount - 50_000 },
        { kind: 'le-phi', code: 'LP1', name: 'Lệ phí đăng ký', amount: 50_000 },
      ],
    },
  };
}

/** The bank page's form, posted as a browser would; returns the redirect. */
async function choose(payUrl: string, outcome: string) {
  const response = await fetch(payUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ outcome }).toString(),
    redirect: 'manual',
  });
  return { status: response.status, location: response.headers.get('location') };
}

async function until(check: () => boolean, ms = 3_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) assert.fail('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

async function rejectsWith(promise: Promise<unknown>, kind: string, code?: number) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof IntegrationError, String(error));
    assert.equal(error.system, 'payment-platform');
    assert.equal(error.kind, kind, error.message);
    if (code !== undefined) assert.equal(error.remoteCode, code);
    return true;
  });
}

describe('checksums (domain.md §4.6)', () => {
  test('each message hashes its fields in the documented order, then the secret, joined by |', () => {
    const confirm = {
      LoaiBanTin: 'CONFIRM',
      MaLoi: '00',
      MaDoiTac: 'MOTCUA',
      MaThamChieu: 'dvc000H7526011500012026011514300',
      SoTien: '150000',
      MaTienTe: 'VND',
      MaGiaoDich: 'GD1',
      MaNganHang: 'VCB',
      ThoiGianGD: '20260115143005',
      ThongTinGiaoDich: 'Thanh toán hồ sơ',
    };
    assert.equal(
      checksumOf('CONFIRM', confirm, 's3cret'),
      sha256(
        'CONFIRM|00|MOTCUA|dvc000H7526011500012026011514300|150000|VND|GD1|VCB|20260115143005|Thanh toán hồ sơ|s3cret',
      ),
    );
    const query = {
      LoaiBanTin: 'QUERY',
      PhienBan: '1.0.6',
      MaDoiTac: 'MOTCUA',
      MaThamChieu: 'ref1',
      ThoiGianGD: '20260115143005',
    };
    assert.equal(
      checksumOf('QUERY', query, 'k'),
      sha256('QUERY|1.0.6|MOTCUA|ref1|20260115143005|k'),
    );
    assert.equal(
      checksumOf('GET_BILL', { ...query, LoaiBanTin: 'GET_BILL' }, 'k'),
      sha256('GET_BILL|1.0.6|MOTCUA|ref1|20260115143005|k'),
    );
    const init = {
      LoaiBanTin: 'INIT',
      PhienBan: '1.0.6',
      MaDoiTac: 'MOTCUA',
      MaThamChieu: 'ref1',
      SoTien: '150000',
      LoaiHinhThanhToan: 'PAY',
      MaKenhThanhToan: '1',
      MaThietBi: '1',
      NgonNgu: 'vi-VN',
      MaTienTe: 'VND',
      MaNganHang: 'PAYMENT',
      ThongTinGiaoDich: 'Nội dung',
      ThoiGianGD: '20260115143005',
      Ip: '10.0.0.1',
      ThongTinBienLai: { ignored: true },
    };
    assert.equal(
      checksumOf('INIT', init, 'k'),
      sha256(
        'INIT|1.0.6|MOTCUA|ref1|150000|PAY|1|1|vi-VN|VND|PAYMENT|Nội dung|20260115143005|10.0.0.1|k',
      ),
    );
    assert.match(checksumOf('INIT', init, 'k'), /^[0-9a-f]{64}$/);
  });

  test('ThoiGianGD is 24-hour Vietnam time: 07:30:05Z is 14:30:05 there, not 02:30', () => {
    assert.equal(formatNationalDate(new Date('2026-01-15T07:30:05Z')), '20260115143005');
    assert.equal(vietnamDay(new Date('2026-01-15T17:30:00Z')), '2026-01-16');
  });
});

describe('INIT, the bank page, CONFIRM, QUERY, GET_BILL', () => {
  test('a paid transaction: page → 303 to our return URL, a valid CONFIRM, QUERY 1, a PDF receipt', async () => {
    const order = input();
    const { payUrl } = await client.init(order);
    assert.equal(payUrl, `${simUrl}/thanh-toan/${order.reference}`);

    const page = await fetch(payUrl);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /name="viewport" content="width=device-width/);
    assert.match(html, /150\.000 đ/);
    assert.match(html, /Phí cấp bản sao/);
    assert.match(html, /Lệ phí đăng ký/);
    assert.match(html, /UBND phường Trấn Biên/);
    assert.equal(html.match(/<form method="post"/g)?.length, 4);
    for (const label of ['Thành công', 'Thất bại', 'Bỏ ngang', 'Chờ xử lý rồi thành công'])
      assert.ok(html.includes(label), label);

    assert.equal((await client.query(order.reference)).state, 'pending', 'not paid yet');

    const redirect = await choose(payUrl, 'success');
    assert.equal(redirect.status, 303);
    assert.equal(redirect.location, `${RETURN_BASE}/api/payments/${order.reference}/return`);
    assert.equal(received.length, 1, 'CONFIRM arrives before the browser is sent back');
    const verified = client.verifyConfirm(received[0]);
    assert.ok(verified.ok, JSON.stringify(verified));
    assert.equal(verified.confirm.reference, order.reference);
    assert.equal(verified.confirm.success, true);
    assert.equal(verified.confirm.amount, 150_000);
    assert.ok(verified.confirm.transactionId);

    const state = await client.query(order.reference);
    assert.equal(state.state, 'success');
    assert.equal(state.amount, 150_000);
    assert.equal(state.transactionId, verified.confirm.transactionId);
    assert.ok(state.at instanceof Date);

    const bill = await client.getBill(order.reference);
    assert.equal(bill.url, `${simUrl}/bien-lai/${order.reference}.pdf`);
    assert.ok(bill.pdf);
    assert.equal(Buffer.from(bill.pdf.subarray(0, 5)).toString('latin1'), '%PDF-');

    // A second choice changes nothing and sends nothing.
    await choose(payUrl, 'failed');
    assert.equal(received.length, 1);
    assert.equal((await client.query(order.reference)).state, 'success');
  });

  test('"Chờ xử lý rồi thành công" is QUERY 3 until pendingMs, then success with a CONFIRM', async () => {
    const order = input();
    const { payUrl } = await client.init(order);
    await choose(payUrl, 'pending');
    assert.equal(received.length, 0);
    assert.equal((await client.query(order.reference)).state, 'pending');
    await until(() => received.length === 1);
    const verified = client.verifyConfirm(received[0]);
    assert.ok(verified.ok && verified.confirm.success);
    assert.equal((await client.query(order.reference)).state, 'success');
  });

  test('failure and abandonment: CONFIRM not 00 (24 for bỏ ngang), QUERY 4, no receipt', async () => {
    for (const [outcome, code] of [
      ['failed', '01'],
      ['abandoned', '24'],
    ] as const) {
      received = [];
      const order = input();
      const { payUrl } = await client.init(order);
      await choose(payUrl, outcome);
      const verified = client.verifyConfirm(received[0]);
      assert.ok(verified.ok);
      assert.equal(verified.confirm.success, false);
      assert.equal(verified.confirm.errorCode, code);
      assert.equal((await client.query(order.reference)).state, 'failed');
      await rejectsWith(client.getBill(order.reference), 'rejected', 3);
    }
  });

  test('INIT is refused for a wrong key, a wrong partner and items that do not add up', async () => {
    const wrongKey = createPaymentPlatformClient({
      baseUrl: simUrl,
      partnerCode: 'MOTCUA',
      secret: 'not-the-secret',
    });
    await rejectsWith(wrongKey.init(input()), 'rejected', 2);
    const wrongPartner = createPaymentPlatformClient({
      baseUrl: simUrl,
      partnerCode: 'KHAC',
      secret: SECRET,
    });
    await rejectsWith(wrongPartner.init(input()), 'rejected', 1);
    await rejectsWith(wrongKey.query('x'), 'rejected', 2);
    const unbalanced = input();
    unbalanced.amount += 1;
    await rejectsWith(client.init(unbalanced), 'rejected', 3);
  });

  test('the same INIT again gets the same page; the same reference for another amount is refused', async () => {
    const order = input();
    const first = await client.init(order);
    assert.equal((await client.init(order)).payUrl, first.payUrl);
    const other = { ...order, amount: 200_000 };
    other.receipt = {
      ...order.receipt,
      items: [{ kind: 'le-phi', code: 'LP1', name: 'Lệ phí', amount: 200_000 }],
    };
    await rejectsWith(client.init(other), 'rejected', 4);
  });

  test('QUERY and GET_BILL of an unknown reference are not_found', async () => {
    await rejectsWith(client.query('dvcKHONGCO'), 'not_found', 5);
    await rejectsWith(client.getBill('dvcKHONGCO'), 'not_found', 5);
  });

  test('POST /__sim/pay settles without a browser', async () => {
    const order = input();
    await client.init(order);
    const paid = await control('POST', `/pay/${order.reference}`, {
      outcome: 'success',
      bankCode: 'BIDV',
    });
    assert.equal(paid.status, 200);
    assert.equal((await client.query(order.reference)).bankCode, 'BIDV');
    assert.equal(
      (await control('POST', `/pay/${order.reference}`, { outcome: 'failed' })).status,
      409,
    );
  });
});

describe('verifyConfirm', () => {
  async function genuine() {
    const order = input();
    await client.init(order);
    await control('POST', `/pay/${order.reference}`, { outcome: 'success' });
    return received.at(-1) as Record<string, unknown>;
  }

  test('a tampered amount or checksum is caught; the genuine body passes, SoTien as text or number', async () => {
    const body = await genuine();
    assert.ok(client.verifyConfirm(body).ok);
    assert.ok(client.verifyConfirm({ ...body, SoTien: Number(body.SoTien) }).ok);
    assert.ok(
      client.verifyConfirm({ ...body, MaXacThuc: String(body.MaXacThuc).toUpperCase() }).ok,
    );
    const tampered = client.verifyConfirm({ ...body, SoTien: '1000' });
    assert.deepEqual(tampered.ok ? null : tampered.reason, 'checksum');
    const unsigned = client.verifyConfirm({ ...body, MaXacThuc: 'ab'.repeat(32) });
    assert.deepEqual(unsigned.ok ? null : unsigned.reason, 'checksum');
    const short = client.verifyConfirm({ ...body, MaXacThuc: 'ab' });
    assert.deepEqual(short.ok ? null : short.reason, 'checksum');
  });

  test('a wrong shape is refused without throwing', async () => {
    const body = await genuine();
    for (const bad of [
      null,
      'x',
      42,
      [],
      { ...body, MaThamChieu: undefined },
      { ...body, SoTien: '-5' },
    ]) {
      const result = client.verifyConfirm(bad);
      assert.equal(result.ok ? null : result.reason, 'shape', JSON.stringify(bad));
    }
    const otherPartner = createPaymentPlatformClient({
      baseUrl: simUrl,
      partnerCode: 'KHAC',
      secret: SECRET,
    });
    const result = otherPartner.verifyConfirm(body);
    assert.equal(result.ok ? null : result.reason, 'shape');
  });
});

describe('callback modes', () => {
  async function pay(mode: string, outcome = 'success', delayMs?: number) {
    await control('PUT', '/callback', { mode, ...(delayMs === undefined ? {} : { delayMs }) });
    const order = input();
    const { payUrl } = await client.init(order);
    const redirect = await choose(payUrl, outcome);
    assert.equal(redirect.status, 303);
    return order.reference;
  }

  test('delay: the browser is back before the CONFIRM, which follows after delayMs', async () => {
    const reference = await pay('delay', 'success', 200);
    assert.equal(received.length, 0);
    assert.equal((await client.query(reference)).state, 'success', 'QUERY already knows');
    await until(() => received.length === 1);
    assert.ok(client.verifyConfirm(received[0]).ok);
  });

  test('duplicate: the same signed CONFIRM twice', async () => {
    await pay('duplicate');
    assert.equal(received.length, 2);
    assert.deepEqual(received[0], received[1]);
    assert.ok(client.verifyConfirm(received[1]).ok);
  });

  test('reorder: the success, then a correctly signed older failure of the same reference', async () => {
    const reference = await pay('reorder');
    assert.equal(received.length, 2);
    const [first, second] = received.map((body) => client.verifyConfirm(body));
    assert.ok(first?.ok && second?.ok);
    assert.equal(first.confirm.success, true);
    assert.equal(second.confirm.success, false);
    assert.equal(second.confirm.reference, reference);
    assert.ok(second.confirm.at < first.confirm.at, 'the failure is older');
    assert.equal((await client.query(reference)).state, 'success');
  });

  test('forge: a success CONFIRM with a wrong MaXacThuc, while the payment really failed', async () => {
    const reference = await pay('forge', 'failed');
    assert.equal(received.length, 1);
    assert.equal(received[0]?.MaLoi, '00');
    const verified = client.verifyConfirm(received[0]);
    assert.equal(verified.ok ? null : verified.reason, 'checksum');
    assert.equal((await client.query(reference)).state, 'failed');
  });

  test('drop: no CONFIRM at all; only QUERY tells', async () => {
    const reference = await pay('drop');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(received.length, 0);
    assert.equal((await client.query(reference)).state, 'success');
    const tx = await control('GET', `/transactions/${reference}`);
    assert.deepEqual(
      (tx.body.callbacks as Array<{ dropped?: boolean }>).map((c) => c.dropped),
      [true],
    );
  });

  test('an unknown mode is refused with the allowed ones', async () => {
    const answer = await control('PUT', '/callback', { mode: 'sometimes' });
    assert.equal(answer.status, 400);
    assert.ok(Array.isArray(answer.body.allowedModes));
  });
});

describe('faults map to IntegrationError kinds', () => {
  test('down → unavailable, error5xx → unavailable, timeout and slow → timeout, malformed → bad_response', async () => {
    const order = input();
    await client.init(order);
    const impatient = createPaymentPlatformClient({
      baseUrl: simUrl,
      partnerCode: 'MOTCUA',
      secret: SECRET,
      timeoutMs: 300,
    });
    const cases = [
      [{ mode: 'down' }, 'unavailable'],
      [{ mode: 'error5xx' }, 'unavailable'],
      [{ mode: 'timeout' }, 'timeout'],
      [{ mode: 'slow', delayMs: 600 }, 'timeout'],
      [{ mode: 'malformed' }, 'bad_response'],
    ] as const;
    for (const [fault, kind] of cases) {
      await control('PUT', '/fault', fault);
      await rejectsWith(impatient.query(order.reference), kind);
      await rejectsWith(impatient.init(input()), kind);
      await rejectsWith(impatient.settlement(vietnamDay(new Date())), kind);
      await rejectsWith(impatient.getBill(order.reference), kind);
    }
    await control('PUT', '/fault', { mode: 'none' });
    assert.equal((await client.query(order.reference)).state, 'pending');
  });

  test('a platform nobody listens on is unavailable', async () => {
    const nowhere = createPaymentPlatformClient({
      baseUrl: 'http://127.0.0.1:9',
      partnerCode: 'MOTCUA',
      secret: SECRET,
    });
    await rejectsWith(nowhere.query('x'), 'unavailable');
  });
});

describe('settlement listing and planted mismatches', () => {
  test('the day lists paid, failed and refunded transactions; plants change what it says', async () => {
    const today = vietnamDay(new Date());
    const refs: string[] = [];
    for (const outcome of ['success', 'success', 'success', 'failed']) {
      const order = input();
      await client.init(order);
      await control('POST', `/pay/${order.reference}`, { outcome });
      refs.push(order.reference);
    }
    const [paid, differs, lost, failed] = refs as [string, string, string, string];
    const unpaid = input();
    await client.init(unpaid);

    assert.equal(
      (await control('POST', '/plant', { kind: 'amount', reference: differs, amount: 1 })).status,
      201,
    );
    assert.equal(
      (await control('POST', '/plant', { kind: 'missing', reference: lost })).status,
      201,
    );
    const unknown = await control('POST', '/plant', { kind: 'unknown', amount: 70_000 });
    assert.equal(unknown.status, 201);
    assert.equal((await control('POST', `/refund/${paid}`)).status, 200);

    const lines = await client.settlement(today);
    const of = (reference: string) => lines.filter((l) => l.reference === reference);
    assert.deepEqual(
      of(paid).map((l) => l.state),
      ['success', 'refunded'],
    );
    assert.equal(of(differs)[0]?.amount, 1);
    assert.deepEqual(of(lost), []);
    assert.deepEqual(
      of(failed).map((l) => l.state),
      ['failed'],
    );
    assert.deepEqual(of(unpaid.reference), [], 'not settled, not listed');
    const planted = of(String(unknown.body.reference));
    assert.equal(planted.length, 1);
    assert.equal(planted[0]?.amount, 70_000);
    assert.ok(planted[0]?.paidAt instanceof Date);

    assert.equal((await client.query(differs)).amount, 1);
    await rejectsWith(client.query(lost), 'not_found');
    assert.deepEqual(await client.settlement('2001-01-01'), []);
  });
});
