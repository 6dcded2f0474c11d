/**
 * Folds text for accent-insensitive search: lower case, no diacritics, đ → d, single spaces.
 * "Phường Trấn Biên" and "phuong tran bien" fold to the same string.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
