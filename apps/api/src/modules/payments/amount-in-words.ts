import { ReadingConfig, doReadNumber } from 'read-vietnamese-number';

/**
 * The amount in words on a receipt ("Số tiền bằng chữ"), as Vietnamese accounting documents write
 * it: "linh" (not "lẻ") for a missing ten, "không trăm" inside a group, "mốt", "lăm", "tư" after
 * "mươi", "tỷ", the first letter capitalised and "đồng" at the end, e.g. 105 000 →
 * "Một trăm linh năm nghìn đồng". [U] the wording of TT 78/2021/TT-BTC receipts is not prescribed
 * beyond "bằng chữ"; this is the common accounting usage.
 */
const config = new ReadingConfig();
config.oddText = 'linh';
config.units = [[], ['nghìn'], ['triệu'], ['tỷ']];
config.unit = ['đồng'];

export function amountInWords(amount: number): string {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`Số tiền phải là số nguyên không âm (đồng): ${amount}`);
  }
  const words = doReadNumber(String(amount), config).replace(/\s+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
