import type { TimeUnit } from '@motcua/contracts';
import type { TFunction } from 'i18next';

/** "3 ngày làm việc"; a value whose unit the source lost says so instead of guessing. */
export function formatTime(
  t: TFunction,
  value: number | null,
  unit: TimeUnit | null,
): string | null {
  if (value === null) return null;
  return `${value} ${unit === null ? t('catalog.unitUnknown') : t(`catalog.units.${unit}`)}`;
}

const vnd = new Intl.NumberFormat('vi-VN');

export function formatFee(t: TFunction, amount: number | null): string {
  if (amount === null) return t('catalog.detail.feeUnknown');
  if (amount === 0) return t('catalog.detail.free');
  return `${vnd.format(amount)} đồng`;
}
