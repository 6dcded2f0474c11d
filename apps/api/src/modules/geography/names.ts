/**
 * Sources disagree on where the tone mark sits in "oa", "oe", "uy" ("Hòa" vs "Hoà",
 * "Thủy" vs "Thuỷ"), which breaks name matching across snapshots. We store one
 * convention: the traditional one used by most legal documents (mark on the first vowel
 * of an open syllable). "qu" is a consonant, so "Quý" keeps its mark on "y".
 */
const MARKED: Record<string, string[]> = {
  a: ['à', 'á', 'ả', 'ã', 'ạ'],
  e: ['è', 'é', 'ẻ', 'ẽ', 'ẹ'],
  y: ['ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'],
  o: ['ò', 'ó', 'ỏ', 'õ', 'ọ'],
  u: ['ù', 'ú', 'ủ', 'ũ', 'ụ'],
  O: ['Ò', 'Ó', 'Ỏ', 'Õ', 'Ọ'],
  U: ['Ù', 'Ú', 'Ủ', 'Ũ', 'Ụ'],
};

function moveMark(first: string, second: string, base: string): (word: string) => string {
  const pattern = new RegExp(
    `(?<![qQ])([${first}])([${MARKED[second]!.join('')}])(?![\\p{L}])`,
    'gu',
  );
  return (word) =>
    word.replace(pattern, (_, head: string, marked: string) => {
      const tone = MARKED[second]!.indexOf(marked);
      return `${MARKED[head]![tone]}${base}`;
    });
}

const rules = [moveMark('oO', 'a', 'a'), moveMark('oO', 'e', 'e'), moveMark('uU', 'y', 'y')];

export function normalizeVietnameseName(name: string): string {
  return rules.reduce(
    (text, rule) => rule(text),
    name.normalize('NFC').trim().replace(/\s+/g, ' '),
  );
}
