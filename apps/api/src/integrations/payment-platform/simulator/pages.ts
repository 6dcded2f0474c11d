/** What the simulated platform shows people: the bank page and the e-receipt (Vietnamese). */
import { renderPdf } from '../../../platform/pdf/render-pdf.js';
import { formatNationalDate, type ReceiptInfo } from '../contract.js';

export type SimOutcome = 'success' | 'failed' | 'abandoned' | 'pending';

export const OUTCOME_LABELS: Record<SimOutcome, string> = {
  success: 'Thành công',
  failed: 'Thất bại',
  abandoned: 'Bỏ ngang',
  pending: 'Chờ xử lý rồi thành công',
};

export const STATE_LABELS: Record<string, string> = {
  initiated: 'Chờ thanh toán',
  pending: 'Đang chờ ngân hàng xử lý',
  success: 'Đã thanh toán thành công',
  failed: 'Thanh toán thất bại',
  abandoned: 'Người nộp đã bỏ ngang',
  refunded: 'Đã hoàn tiền',
};

/** What the pages need of a transaction. */
export interface PageTransaction {
  reference: string;
  amount: number;
  description: string;
  receipt: ReceiptInfo;
  state: string;
  transactionId: string;
  bankCode: string;
  settledAt?: Date | undefined;
}

const vnd = (amount: number) => `${new Intl.NumberFormat('vi-VN').format(amount)} đ`;

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

// Plain HTML that fits a 360 px phone: one column, large buttons, no script.
const STYLE = `
*{box-sizing:border-box}body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
background:#f1f4f8;color:#1a1f2b;font-size:16px;line-height:1.45}
header{background:#0b4f8a;color:#fff;padding:12px 16px}header b{display:block;font-size:17px}
header small{opacity:.9}main{max-width:560px;margin:0 auto;padding:16px}
section{background:#fff;border-radius:8px;padding:14px 16px;margin-bottom:14px;box-shadow:0 1px 2px #0002}
h1{font-size:20px;margin:0 0 8px}h2{font-size:16px;margin:0 0 8px;color:#3c4657}
.amount{font-size:28px;font-weight:700;color:#0b4f8a;margin:4px 0}
dl{margin:0;display:grid;grid-template-columns:minmax(0,40%) minmax(0,60%);gap:4px 8px}
dt{color:#56607a}dd{margin:0;overflow-wrap:anywhere}ul{margin:0;padding-left:18px}
li{display:flex;justify-content:space-between;gap:8px}li span:last-child{white-space:nowrap}
button{display:block;width:100%;min-height:48px;margin:8px 0;border:0;border-radius:6px;font-size:16px;
font-weight:600;cursor:pointer;color:#fff}
.success{background:#1b7a3a}.failed{background:#b3261e}.abandoned{background:#5b6170}.pending{background:#8a5a00}
.note{font-size:13px;color:#56607a}a{color:#0b4f8a}`;

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(title)}</title><style>${STYLE}</style></head><body>
<header><b>Nền tảng thanh toán DVCQG</b><small>Bản mô phỏng để thử nghiệm — không trừ tiền thật</small></header>
<main>${body}</main></body></html>`;
}

function summary(tx: PageTransaction): string {
  const r = tx.receipt;
  const items = r.PhiLePhi.map(
    (line) =>
      `<li><span>${escape(line.TenPhiLePhi)}${line.LoaiPhiLePhi === 'LePhi' ? ' (lệ phí)' : line.LoaiPhiLePhi === 'Phi' ? ' (phí)' : ''}</span><span>${vnd(line.SoTien)}</span></li>`,
  ).join('');
  return `<section><h1>Thanh toán phí, lệ phí</h1>
<div class="amount">${vnd(tx.amount)}</div>
<dl><dt>Nội dung</dt><dd>${escape(tx.description)}</dd>
<dt>Mã tham chiếu</dt><dd>${escape(tx.reference)}</dd>
<dt>Hồ sơ</dt><dd>${escape(r.MaHoSo)}</dd>
<dt>Thủ tục</dt><dd>${escape(r.TenTTHC)}</dd>
<dt>Người nộp</dt><dd>${escape(r.HoTenNguoiNop)}</dd></dl></section>
<section><h2>Các khoản nộp</h2><ul>${items}</ul></section>
<section><h2>Đơn vị thụ hưởng</h2><dl>
<dt>Đơn vị</dt><dd>${escape(r.TenDonVi)}</dd>
<dt>Tài khoản</dt><dd>${escape(r.TKThuHuong)}</dd>
<dt>Chủ tài khoản</dt><dd>${escape(r.TenTKThuHuong)}</dd>
<dt>Ngân hàng</dt><dd>${escape(r.MaNHThuHuong)}</dd>
${r.KhoBac ? `<dt>Kho bạc</dt><dd>${escape(r.KhoBac)}</dd>` : ''}</dl></section>`;
}

export function bankPage(tx: PageTransaction): string {
  if (tx.state !== 'initiated') return donePage(tx, undefined);
  const buttons = (Object.keys(OUTCOME_LABELS) as SimOutcome[])
    .map(
      (outcome) =>
        `<form method="post" action="/thanh-toan/${encodeURIComponent(tx.reference)}">` +
        `<input type="hidden" name="outcome" value="${outcome}">` +
        `<button type="submit" class="${outcome}">${OUTCOME_LABELS[outcome]}</button></form>`,
    )
    .join('');
  return layout(
    `Thanh toán ${tx.reference}`,
    `${summary(tx)}<section><h2>Chọn kết quả giao dịch (mô phỏng ngân hàng)</h2>${buttons}
<p class="note">“Chờ xử lý rồi thành công”: ngân hàng chưa trả kết quả ngay, giao dịch thành công sau ít giây.</p></section>`,
  );
}

export function donePage(tx: PageTransaction, returnUrl: string | undefined): string {
  return layout(
    `Giao dịch ${tx.reference}`,
    `<section><h1>${escape(STATE_LABELS[tx.state] ?? tx.state)}</h1>
<dl><dt>Mã tham chiếu</dt><dd>${escape(tx.reference)}</dd><dt>Số tiền</dt><dd>${vnd(tx.amount)}</dd>
${tx.transactionId ? `<dt>Mã giao dịch</dt><dd>${escape(tx.transactionId)}</dd>` : ''}</dl>
${returnUrl ? `<p><a href="${escape(returnUrl)}">Quay lại Cổng dịch vụ công</a></p>` : ''}</section>`,
  );
}

export function notFoundPage(reference: string): string {
  return layout(
    'Không tìm thấy giao dịch',
    `<section><h1>Không tìm thấy giao dịch</h1><p>Không có giao dịch mã tham chiếu “${escape(reference)}”.</p></section>`,
  );
}

/** The platform's e-receipt (biên lai điện tử), as a small real PDF. */
export function receiptPdf(tx: PageTransaction): Promise<Buffer> {
  const r = tx.receipt;
  const at = tx.settledAt ?? new Date();
  const when = formatNationalDate(at);
  const shown = `${when.slice(8, 10)}:${when.slice(10, 12)} ngày ${when.slice(6, 8)}/${when.slice(4, 6)}/${when.slice(0, 4)}`;
  const row = (label: string, value: string) => [{ text: label, color: '#444' }, value];
  return renderPdf({
    pageSize: 'A5',
    pageMargins: [32, 32, 32, 32],
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    info: { title: `Biên lai ${tx.reference}` },
    content: [
      { text: 'NỀN TẢNG THANH TOÁN CỔNG DỊCH VỤ CÔNG QUỐC GIA', bold: true, alignment: 'center' },
      { text: 'BIÊN LAI THU PHÍ, LỆ PHÍ ĐIỆN TỬ', bold: true, fontSize: 14, alignment: 'center' },
      {
        text: 'Bản mô phỏng — không có giá trị pháp lý',
        italics: true,
        alignment: 'center',
        margin: [0, 2, 0, 12],
      },
      {
        table: {
          widths: [110, '*'],
          body: [
            row('Mã tham chiếu', tx.reference),
            row('Mã giao dịch', tx.transactionId),
            row('Ngân hàng', tx.bankCode),
            row('Thời gian', shown),
            row('Người nộp', r.HoTenNguoiNop),
            row('Số định danh', r.SoCMNDNguoiNop),
            row('Hồ sơ', r.MaHoSo),
            row('Thủ tục', `${r.MaTTHC} — ${r.TenTTHC}`),
            row('Đơn vị thu', r.TenDonVi),
            row('Tài khoản thụ hưởng', `${r.TKThuHuong} (${r.MaNHThuHuong}) — ${r.TenTKThuHuong}`),
          ],
        },
        layout: 'noBorders',
      },
      { text: 'Các khoản nộp', bold: true, margin: [0, 12, 0, 4] },
      {
        table: {
          headerRows: 1,
          widths: ['*', 60, 80],
          body: [
            ['Khoản', 'Loại', { text: 'Số tiền', alignment: 'right' as const }],
            ...r.PhiLePhi.map((line) => [
              line.TenPhiLePhi,
              line.LoaiPhiLePhi === 'LePhi' ? 'Lệ phí' : 'Phí',
              { text: vnd(line.SoTien), alignment: 'right' as const },
            ]),
            [
              { text: 'Tổng cộng', bold: true, colSpan: 2 },
              '',
              { text: vnd(tx.amount), bold: true, alignment: 'right' },
            ],
          ],
        },
      },
    ],
  });
}
