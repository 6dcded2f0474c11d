import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { PDF_FONT, renderPdf } from '../../platform/pdf/render-pdf.js';
import { amountInWords } from './amount-in-words.js';
import type { PaymentItem, PaymentMethod, TreasuryAccount } from './payments.schema.js';

/** What our own receipt (biên lai thu phí, lệ phí) prints for a counter payment. */
export interface OurReceiptData {
  agencyName: string;
  series: string;
  number: number;
  issuedAt: Date;
  payer: { name: string; idNumber: string | null; address?: string | null };
  dossierCode: string;
  procedureName: string;
  items: PaymentItem[];
  method: PaymentMethod;
  treasury: TreasuryAccount | null;
  /** Set when this receipt replaces a cancelled one (reissue). */
  replaces?: { series: string; number: number; reason: string } | undefined;
}

const METHOD_LABEL: Record<PaymentMethod, string> = {
  online: 'Trực tuyến qua Nền tảng thanh toán DVCQG',
  cash: 'Tiền mặt',
  card: 'Thẻ ngân hàng',
  qr: 'Chuyển khoản (mã QR)',
};

const money = (amount: number) => `${new Intl.NumberFormat('vi-VN').format(amount)} đồng`;
/** Receipt numbers print on 7 digits, as receipt books do. [U] the template's width. */
export const receiptNumberText = (n: number) => String(n).padStart(7, '0');

export function sumByKind(items: PaymentItem[]): { phi: number; lePhi: number } {
  return {
    phi: items.filter((i) => i.kind === 'phi').reduce((s, i) => s + i.amount, 0),
    lePhi: items.filter((i) => i.kind === 'le-phi').reduce((s, i) => s + i.amount, 0),
  };
}

/**
 * The receipt for fees and charges collected at the counter (issue 17 item 5): series and number,
 * payer, dossier, phí and lệ phí separately (the law treats them apart: Luật Phí và lệ phí
 * 97/2015/QH13; [U] the articles on remitting were not read), the total in figures and in words, and
 * the State Treasury account the money goes to. [U] the official receipt template was not seen: the
 * layout carries the information issue 17 asks for.
 */
export function receiptDefinition(data: OurReceiptData): TDocumentDefinitions {
  const { phi, lePhi } = sumByKind(data.items);
  const total = phi + lePhi;
  const day = new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
  }).formatToParts(data.issuedAt);
  const part = (type: string) => day.find((p) => p.type === type)?.value ?? '';
  const line = (label: string, value: string): Content => ({
    text: [{ text: `${label}: `, bold: true }, value],
    margin: [0, 1, 0, 1],
  });

  return {
    pageSize: 'A5',
    pageOrientation: 'landscape',
    pageMargins: [36, 28, 36, 28],
    defaultStyle: { font: PDF_FONT, fontSize: 10, lineHeight: 1.15 },
    info: { title: `Biên lai ${data.series} số ${receiptNumberText(data.number)}` },
    content: [
      {
        columns: [
          {
            width: '45%',
            stack: [{ text: data.agencyName.toUpperCase(), bold: true, alignment: 'center' }],
          },
          {
            width: '55%',
            stack: [
              { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true, alignment: 'center' },
              { text: 'Độc lập - Tự do - Hạnh phúc', bold: true, alignment: 'center' },
            ],
          },
        ],
        fontSize: 9,
      },
      {
        text: 'BIÊN LAI THU PHÍ, LỆ PHÍ',
        bold: true,
        fontSize: 14,
        alignment: 'center',
        margin: [0, 10, 0, 2],
      },
      {
        text: `Ký hiệu: ${data.series}    Số: ${receiptNumberText(data.number)}`,
        alignment: 'center',
        margin: [0, 0, 0, 8],
      },
      line('Họ và tên người nộp', data.payer.name),
      ...(data.payer.idNumber ? [line('Số định danh cá nhân', data.payer.idNumber)] : []),
      ...(data.payer.address ? [line('Địa chỉ', data.payer.address)] : []),
      line('Mã hồ sơ', data.dossierCode),
      line('Thủ tục', data.procedureName),
      {
        table: {
          headerRows: 1,
          widths: [22, '*', 56, 96],
          body: [
            ['TT', 'Nội dung thu', 'Loại', 'Số tiền'].map((text) => ({ text, bold: true })),
            ...data.items.map((item, i) => [
              String(i + 1),
              item.name,
              item.kind === 'phi' ? 'Phí' : 'Lệ phí',
              { text: money(item.amount), alignment: 'right' as const },
            ]),
          ],
        },
        margin: [0, 4, 0, 4],
      },
      line('Phí', money(phi)),
      line('Lệ phí', money(lePhi)),
      line('Tổng cộng', money(total)),
      line('Số tiền bằng chữ', amountInWords(total)),
      line('Hình thức thanh toán', METHOD_LABEL[data.method]),
      ...(data.treasury
        ? [
            line(
              'Nộp vào tài khoản thu NSNN',
              `${data.treasury.accountNo} tại ${data.treasury.name}`,
            ),
          ]
        : []),
      ...(data.replaces
        ? [
            {
              text: `Biên lai này thay thế biên lai ký hiệu ${data.replaces.series} số ${receiptNumberText(data.replaces.number)} đã hủy (lý do: ${data.replaces.reason}).`,
              italics: true,
              margin: [0, 4, 0, 0] as [number, number, number, number],
            },
          ]
        : []),
      {
        text: `Ngày ${part('day')} tháng ${part('month')} năm ${part('year')}`,
        italics: true,
        alignment: 'right',
        margin: [0, 8, 0, 2],
      },
      {
        columns: ['Người nộp tiền', 'Người thu tiền'].map((title) => ({
          stack: [
            { text: title, bold: true, alignment: 'center' as const },
            {
              text: '(Ký, ghi rõ họ tên)',
              italics: true,
              fontSize: 8,
              alignment: 'center' as const,
            },
          ],
        })),
      },
    ],
  };
}

export function renderReceipt(data: OurReceiptData): Promise<Buffer> {
  return renderPdf(receiptDefinition(data));
}
