/**
 * Whole VND as people write it: "50.000 đ" in Vietnamese, "50,000 VND" in English (issue 17).
 * Grouping is done by hand rather than Intl's currency style, whose symbol and spacing differ
 * between ICU versions (Chromium writes "50.000 ₫").
 */
export function formatVnd(amount: number, language: string): string {
  const grouped = Math.round(amount)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, language === 'vi' ? '.' : ',');
  return language === 'vi' ? `${grouped} đ` : `${grouped} VND`;
}

/** A time as Vietnam reads it (UTC+7), dd/MM/yyyy HH:mm. */
export function formatVnDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** "BL-25E số 12": a receipt's series and number, as far as the issuer gave them. */
export function receiptLabel(receipt: { series: string | null; number: number | null }): string {
  const parts = [receipt.series, receipt.number === null ? null : String(receipt.number)];
  return parts.filter((p) => p !== null).join(' / ') || '—';
}
