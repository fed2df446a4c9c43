/**
 * Vietnamese text helpers: Unicode normalisation, tone-mark placement,
 * accent folding, tokenisation and collation.
 *
 * Pure functions, no I/O.
 */

/** Combining tone marks (dấu thanh): huyền, sắc, ngã, hỏi, nặng. */
const TONE_MARKS = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
/** Combining vowel modifiers: mũ (circumflex), trăng (breve), móc (horn). */
const MODIFIER_MARKS = new Set(['\u0302', '\u0306', '\u031B']);
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
/** Final consonants a Vietnamese syllable may end with. */
const FINALS = new Set(['', 'c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't']);

/** Whitespace-like characters that should become one ordinary space. */
const SPACE_LIKE = /[\s\u00A0\u1680\u180E\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/gu;
/** Invisible characters that should simply disappear. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/gu;

interface Letter {
  base: string; // one base code point, original case
  marks: string[]; // non-tone combining marks attached to it
}

/**
 * Re-place the tone mark of one word (a run of letters, NFC) according to the
 * traditional ("old style") rule used by most administrative documents:
 * `hòa`, `khỏe`, `thủy` (tone on the first vowel of an open oa/oe/uy), `hoàn`,
 * `quý`, `người`, `khuỷu`. Words that do not parse as a single Vietnamese
 * syllable, or carry zero or several tone marks, are returned unchanged.
 */
function placeToneInWord(word: string): string {
  const nfd = word.normalize('NFD');
  let hasTone = false;
  for (let i = 0; i < nfd.length; i++) {
    if (TONE_MARKS.has(nfd.charAt(i))) {
      hasTone = true;
      break;
    }
  }
  if (!hasTone) return word;
  let tone: string | null = null;
  let toneCount = 0;
  const letters: Letter[] = [];
  for (const ch of nfd) {
    if (TONE_MARKS.has(ch)) {
      tone = ch;
      toneCount++;
      continue;
    }
    const code = ch.charCodeAt(0);
    if ((code >= 0x0300 && code <= 0x036f) || /\p{M}/u.test(ch)) {
      const last = letters[letters.length - 1];
      if (!last) return word;
      last.marks.push(ch);
      continue;
    }
    letters.push({ base: ch, marks: [] });
  }
  if (toneCount !== 1 || tone === null || letters.length === 0) return word;

  const lower = letters.map((l) => l.base.toLowerCase());
  const isVowel = (i: number): boolean => VOWELS.has(lower[i] ?? '');

  // Initial consonant cluster.
  let start = 0;
  while (start < letters.length && !isVowel(start)) start++;
  if (start >= letters.length) return word; // no vowel at all
  // "qu" and "gi" belong to the initial when another vowel follows.
  if (start > 0 && lower[start - 1] === 'q' && lower[start] === 'u' && isVowel(start + 1)) start++;
  if (
    start === 1 &&
    lower[0] === 'g' &&
    lower[1] === 'i' &&
    isVowel(2) &&
    (letters[1]?.marks.length ?? 0) === 0
  ) {
    start++;
  }
  let end = start;
  while (end < letters.length && isVowel(end)) end++;
  const final = lower.slice(end).join('');
  if (!FINALS.has(final)) return word; // not a Vietnamese syllable: leave it
  const nucleusLen = end - start;
  if (nucleusLen < 1 || nucleusLen > 3) return word;

  // Choose the vowel that carries the tone.
  let target = -1;
  for (let i = start; i < end; i++) {
    const marks = letters[i]?.marks ?? [];
    if (marks.some((m) => MODIFIER_MARKS.has(m))) target = i; // last modified vowel wins (ươ → ơ)
  }
  if (target < 0) {
    if (final !== '') target = end - 1; // hoàn, toán, huỳnh
    else if (nucleusLen === 3) target = start + 1; // ngoài, khuỷu, ngoẹo
    else target = start; // hòa, thủy, khỏe, mùa, cái
  }

  const out: string[] = [];
  letters.forEach((l, i) => {
    out.push(l.base, ...l.marks);
    if (i === target) out.push(tone as string);
  });
  return out.join('').normalize('NFC');
}

/**
 * Normalise Vietnamese text for storage and comparison:
 * - Unicode NFC (decomposed input from Word/PDF/macOS becomes composed),
 * - the look-alike eth `Ð` (U+00D0) becomes `Đ`,
 * - invisible characters are removed, every run of whitespace becomes one space, trimmed,
 * - tone marks are placed consistently (old style): `hoà`→`hòa`, `thuỷ`→`thủy`,
 *   `Khánh Hoà`→`Khánh Hòa`, `khoẻ`→`khỏe`; misplaced ones like `hòan` → `hoàn`.
 */
export function normalizeText(s: string): string {
  if (!s) return '';
  const nfc = s
    .normalize('NFC')
    .replace(/\u00D0/g, '\u0110')
    .replace(INVISIBLE, '')
    .replace(SPACE_LIKE, ' ')
    .trim();
  return nfc.replace(/[\p{L}\p{M}]+/gu, (w) => (/[^\p{ASCII}]/u.test(w) ? placeToneInWord(w) : w));
}

/**
 * Fold for accent-insensitive matching: lowercase, strip every diacritic, `đ`→`d`.
 * `"Sở Thông tin và Truyền thông"` → `"so thong tin va truyen thong"`.
 * Whitespace is left as it is (use {@link normalizeText} first to collapse it).
 */
export function foldAccents(s: string): string {
  if (!s) return '';
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ\u00D0]/g, 'd')
    .normalize('NFC');
}

/** Split folded text into word tokens (letters and digits), dropping punctuation. */
export function tokenizeFolded(s: string): string[] {
  return foldAccents(normalizeText(s))
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

/** Split normalised (not folded) text into word tokens, keeping diacritics and case. */
export function tokenize(s: string): string[] {
  return normalizeText(s)
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

/** A key for accent- and case-insensitive equality: folded tokens joined by one space. */
export function searchKey(s: string): string {
  return tokenizeFolded(s).join(' ');
}

/**
 * Accent-insensitive "contains" on whole words: every token of `needle`
 * appears, in order and adjacent, in `haystack`. `"thua thien"` is found in
 * `"tỉnh Thừa Thiên Huế"`; `"hue"` is not found in `"huyện"`.
 */
export function containsFolded(haystack: string, needle: string): boolean {
  const n = searchKey(needle);
  if (n === '') return true;
  return ` ${searchKey(haystack)} `.includes(` ${n} `);
}

/** True if the text contains any Vietnamese diacritic (or đ). */
export function hasDiacritics(s: string): boolean {
  return foldAccents(s) !== s.normalize('NFC').toLowerCase();
}

/** Vietnamese collator: a < ă < â < b < c < d < đ < e < ê …, tones after the base letter. */
export const viCollator = new Intl.Collator('vi');

/** Compare two strings in Vietnamese alphabetical order (for Array.prototype.sort). */
export function compareVi(a: string, b: string): number {
  return viCollator.compare(a, b);
}
