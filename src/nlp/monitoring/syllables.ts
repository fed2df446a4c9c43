/**
 * Fast syllable tokenisation for the monitoring module (near-duplicate signatures, watchlist
 * matching). Produces exactly the tokens of {@link tokenizeFolded} / {@link tokenize} from
 * `../vietnamese.ts` (the tests check it), without running the whole-text normalisation on
 * every article, which costs ~1 ms per 500-word article:
 *
 * - folded syllables are computed in one pass over the UTF-16 code units with a lazily filled
 *   per-character folding table (lower-case, diacritics removed, `đ`→`d`; combining marks and
 *   invisible characters skipped, so decomposed NFD input gives the same result);
 * - accented syllables go through `normalizeText` (NFC, tone placement `hoà`→`hòa`) once per
 *   distinct raw token, memoised in a bounded cache.
 *
 * Pure functions apart from the memo tables; not re-entrant across threads (none in Node).
 */
import { foldAccents, normalizeText } from '../vietnamese.ts';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

// Character classes in FOLD (Int32Array indexed by UTF-16 code unit); > 0 = folded code unit.
const UNKNOWN = 0;
const SEP = -1; // not a letter or digit: ends a token
const SKIP = -2; // combining mark or invisible character: ignored (does not end a token)
const MULTI = -3; // folds to several code units (rare): see MULTI_FOLD
const HIGH_SURROGATE = -4; // first half of an astral code point

const FOLD = new Int32Array(0x10000);
const MULTI_FOLD = new Map<number, string>();
const ASTRAL = new Map<number, string | null>(); // code point → folded string, null = separator

const INVISIBLE_CHAR = /^[\u200B-\u200D\u2060\uFEFF\u00AD]$/u;
const MARK = /^\p{M}$/u;
const WORD_CHAR = /^[\p{L}\p{N}]$/u;

function classify(c: number): number {
  if (c >= 0xd800 && c <= 0xdbff) return HIGH_SURROGATE;
  if (c >= 0xdc00 && c <= 0xdfff) return SEP; // lone low surrogate
  if (c === 0xd0) return 0x64; // Ð (eth look-alike) is Đ for normalizeText → d
  const ch = String.fromCharCode(c);
  if (INVISIBLE_CHAR.test(ch) || MARK.test(ch)) return SKIP;
  if (!WORD_CHAR.test(ch)) return SEP;
  const f = foldAccents(ch);
  if (f.length === 1) return f.charCodeAt(0);
  if (f.length === 0) return SKIP;
  MULTI_FOLD.set(c, f);
  return MULTI;
}

for (let c = 0; c < 128; c++) FOLD[c] = classify(c);

function foldAstral(cp: number): string | null {
  let f = ASTRAL.get(cp);
  if (f === undefined) {
    const ch = String.fromCodePoint(cp);
    f = /^[\p{L}\p{N}]$/u.test(ch) ? foldAccents(ch) : null;
    if (ASTRAL.size > 10_000) ASTRAL.clear();
    ASTRAL.set(cp, f);
  }
  return f;
}

/** Scratch buffer for token hashes, grown on demand and reused across calls. */
let scratch = new Uint32Array(4096);

/**
 * FNV-1a hashes of the folded syllables of `text`: the same values as
 * `tokenizeFolded(text).map((t) => hashString(t))` (see `../text/features.ts`), computed
 * without building strings. Returns a view on a shared scratch buffer, valid until the next
 * call (copy it to keep it).
 */
export function foldedTokenHashes(text: string): Uint32Array {
  let buf = scratch;
  let n = 0;
  let h = FNV_OFFSET;
  let len = 0;
  const L = text.length;
  for (let i = 0; i < L; i++) {
    const c = text.charCodeAt(i);
    let f = FOLD[c] as number;
    if (f === UNKNOWN) f = FOLD[c] = classify(c);
    if (f > 0) {
      h = Math.imul(h ^ f, FNV_PRIME);
      len++;
      continue;
    }
    if (f === SKIP) continue;
    let piece: string | null = null;
    if (f === MULTI) piece = MULTI_FOLD.get(c) ?? null;
    else if (f === HIGH_SURROGATE) {
      const d = i + 1 < L ? text.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        piece = foldAstral(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
      }
    }
    if (piece !== null) {
      for (let j = 0; j < piece.length; j++) h = Math.imul(h ^ piece.charCodeAt(j), FNV_PRIME);
      len += piece.length;
      continue;
    }
    // Separator: close the current token.
    if (len > 0) {
      if (n === buf.length) {
        const nb = new Uint32Array(buf.length * 2);
        nb.set(buf);
        buf = scratch = nb;
      }
      buf[n++] = h >>> 0;
      h = FNV_OFFSET;
      len = 0;
    }
  }
  if (len > 0) {
    if (n === buf.length) {
      const nb = new Uint32Array(buf.length * 2);
      nb.set(buf);
      buf = scratch = nb;
    }
    buf[n++] = h >>> 0;
  }
  return buf.subarray(0, n);
}

/** Folded syllables (lower-case, no diacritics): the same tokens as `tokenizeFolded(text)`, faster. */
export function foldedSyllables(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  const L = text.length;
  for (let i = 0; i < L; i++) {
    const c = text.charCodeAt(i);
    let f = FOLD[c] as number;
    if (f === UNKNOWN) f = FOLD[c] = classify(c);
    if (f > 0) {
      cur += String.fromCharCode(f);
      continue;
    }
    if (f === SKIP) continue;
    let piece: string | null = null;
    if (f === MULTI) piece = MULTI_FOLD.get(c) ?? null;
    else if (f === HIGH_SURROGATE) {
      const d = i + 1 < L ? text.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        piece = foldAstral(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
      }
    }
    if (piece !== null) {
      cur += piece;
      continue;
    }
    if (cur.length > 0) {
      out.push(cur);
      cur = '';
    }
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

/** A syllable in its two forms. */
export interface SyllableForms {
  /** Lower-case, NFC, tone marks placed consistently (`hoà` → `hòa`). */
  exact: string;
  /** Lower-case without diacritics, `đ` → `d`. */
  folded: string;
}

const RAW_TOKEN = /[\p{L}\p{M}\p{N}]+/gu;
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/gu;
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;
const CACHE_LIMIT = 200_000;
const formsCache = new Map<string, SyllableForms | null>();

function formsOf(raw: string): SyllableForms | null {
  let f = formsCache.get(raw);
  if (f === undefined) {
    const norm = normalizeText(raw).toLowerCase();
    // normalizeText may split a raw run in rare cases (none for letters/marks/digits); keep it whole.
    f = HAS_WORD_CHAR.test(norm) ? { exact: norm, folded: foldAccents(norm) } : null;
    if (formsCache.size >= CACHE_LIMIT) formsCache.clear();
    formsCache.set(raw, f);
  }
  return f;
}

/**
 * Syllables of `text` in both forms, in order: `exact[i]` is the i-th token of
 * `tokenize(text)` lower-cased, `folded[i]` the i-th token of `tokenizeFolded(text)`.
 */
export function syllableForms(text: string): { exact: string[]; folded: string[] } {
  const exact: string[] = [];
  const folded: string[] = [];
  if (!text) return { exact, folded };
  const s = text.replace(INVISIBLE, '');
  RAW_TOKEN.lastIndex = 0;
  for (let m = RAW_TOKEN.exec(s); m !== null; m = RAW_TOKEN.exec(s)) {
    const f = formsOf(m[0]);
    if (f === null) continue;
    exact.push(f.exact);
    folded.push(f.folded);
  }
  return { exact, folded };
}
