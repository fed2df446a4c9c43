/**
 * Hashed sparse features for the linear classifiers: syllable n-grams of the normalised
 * social tokens (accented, lower-case), optionally folded (accent-free) syllables, and
 * character n-grams of the folded text (robust to missing diacritics, typos and teencode).
 *
 * Each block (words, folded words, characters) is weighted sub-linearly (1 + ln count) and
 * L2-normalised on its own, then scaled by its block weight, so short comments and long
 * articles live on one scale and thousands of character n-grams do not drown the words.
 * Feature indices are FNV-1a/murmur hashes modulo `dim` (a power of two); indices may repeat
 * across blocks, which the linear model handles (contributions simply add up).
 */
import { foldedToken, isSpecialToken, socialTokens } from './social.ts';

export interface FeatureConfig {
  /** Size of the hashed space, a power of two (2^16 … 2^22). */
  dim: number;
  /** Longest syllable n-gram (1 = unigrams, 2 = + bigrams, 3 = + trigrams). */
  wordNgrams: number;
  /** Also add accent-folded syllable unigrams and bigrams (matches text typed without diacritics). */
  foldedWords: boolean;
  /** Character n-gram lengths on the folded text, e.g. [2, 5]; null = none. */
  charNgrams: [number, number] | null;
  /** Only the first maxChars characters of a text are used (title + lead for long articles). */
  maxChars: number;
  /** Block weights (relative L2 norm of each block). */
  wordWeight: number;
  foldedWeight: number;
  charWeight: number;
}

export const DEFAULT_FEATURES: FeatureConfig = {
  dim: 1 << 18,
  wordNgrams: 2,
  foldedWords: true,
  charNgrams: [2, 5],
  maxChars: 2000,
  wordWeight: 1,
  foldedWeight: 0.5,
  charWeight: 1,
};

/** A sparse vector: parallel index and value arrays (indices may repeat). */
export interface SparseVec {
  idx: Int32Array;
  val: Float32Array;
}

/** Check a feature configuration; throws with the offending field. */
export function validateFeatureConfig(c: FeatureConfig): void {
  if (!Number.isInteger(c.dim) || c.dim < 16 || c.dim > 1 << 24 || (c.dim & (c.dim - 1)) !== 0) {
    throw new Error(`features.dim phải là lũy thừa của 2 trong [16, 2^24], nhận ${c.dim}`);
  }
  if (!Number.isInteger(c.wordNgrams) || c.wordNgrams < 0 || c.wordNgrams > 4) throw new Error(`features.wordNgrams phải trong 0..4, nhận ${c.wordNgrams}`);
  if (c.charNgrams !== null) {
    const [a, b] = c.charNgrams;
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < 1 || b < a || b > 8) throw new Error(`features.charNgrams không hợp lệ: ${JSON.stringify(c.charNgrams)}`);
  }
  if (!(c.maxChars > 0)) throw new Error(`features.maxChars phải > 0, nhận ${c.maxChars}`);
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 code units of s, starting from seed. */
export function hashString(s: string, seed = FNV_OFFSET): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** murmur3 finaliser: spreads the bits of a 32-bit hash. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combine two hashes (order matters). */
function combine(a: number, b: number): number {
  return mix32(Math.imul(a ^ 0x9e3779b9, 31) + b);
}

const SEED_WORD = [0, 0x1001, 0x2002, 0x3003, 0x4004];
const SEED_FOLD = [0, 0x5005, 0x6006];
const SEED_CHAR = 0x7007;

/** Called with each feature's index and readable name when explaining a prediction. */
export type NameSink = (index: number, name: string) => void;

/** Turns texts into hashed sparse vectors. Not thread-safe (uses scratch buffers). */
export class FeatureExtractor {
  readonly config: FeatureConfig;
  private readonly mask: number;
  private readonly counts: Float32Array;
  private touched: Int32Array;
  private nTouched = 0;
  private outIdx = new Int32Array(4096);
  private outVal = new Float32Array(4096);
  private nOut = 0;

  constructor(config: FeatureConfig) {
    validateFeatureConfig(config);
    this.config = { ...config, charNgrams: config.charNgrams ? [config.charNgrams[0], config.charNgrams[1]] : null };
    this.mask = config.dim - 1;
    this.counts = new Float32Array(config.dim);
    this.touched = new Int32Array(1024);
  }

  private add(h: number): void {
    const i = h & this.mask;
    if (this.counts[i] === 0) {
      if (this.nTouched === this.touched.length) {
        const t = new Int32Array(this.touched.length * 2);
        t.set(this.touched);
        this.touched = t;
      }
      this.touched[this.nTouched++] = i;
    }
    this.counts[i] = (this.counts[i] as number) + 1;
  }

  /** Move the current block (sub-linear tf, L2-normalised, scaled) to the output, clear scratch. */
  private flush(weight: number): void {
    let norm = 0;
    for (let t = 0; t < this.nTouched; t++) {
      const i = this.touched[t] as number;
      const v = 1 + Math.log(this.counts[i] as number);
      this.counts[i] = v;
      norm += v * v;
    }
    const scale = norm > 0 ? weight / Math.sqrt(norm) : 0;
    if (this.nOut + this.nTouched > this.outIdx.length) {
      const size = Math.max(this.outIdx.length * 2, this.nOut + this.nTouched);
      const ni = new Int32Array(size);
      ni.set(this.outIdx.subarray(0, this.nOut));
      const nv = new Float32Array(size);
      nv.set(this.outVal.subarray(0, this.nOut));
      this.outIdx = ni;
      this.outVal = nv;
    }
    for (let t = 0; t < this.nTouched; t++) {
      const i = this.touched[t] as number;
      if (scale > 0) {
        this.outIdx[this.nOut] = i;
        this.outVal[this.nOut++] = (this.counts[i] as number) * scale;
      }
      this.counts[i] = 0;
    }
    this.nTouched = 0;
  }

  /** The hashed sparse vector of a text. */
  extract(text: string): SparseVec {
    return this.run(text, null);
  }

  /** Like {@link extract}, also reporting each feature's readable name (slower; for explanations). */
  extractNamed(text: string, sink: NameSink): SparseVec {
    return this.run(text, sink);
  }

  /** The tokens the features are built from (normalised social tokens of the truncated text). */
  tokens(text: string): string[] {
    const t = text.length > this.config.maxChars ? text.slice(0, this.config.maxChars) : text;
    return socialTokens(t);
  }

  private run(text: string, sink: NameSink | null): SparseVec {
    const c = this.config;
    this.nOut = 0;
    const toks = this.tokens(text);
    const n = toks.length;

    if (c.wordNgrams > 0 && n > 0) {
      const th = new Uint32Array(n);
      for (let i = 0; i < n; i++) th[i] = hashString(toks[i] as string);
      for (let k = 1; k <= c.wordNgrams; k++) {
        const seed = SEED_WORD[k] as number;
        for (let i = 0; i + k <= n; i++) {
          let h = seed;
          for (let j = i; j < i + k; j++) h = combine(h, th[j] as number);
          this.add(h);
          if (sink) sink(h & this.mask, toks.slice(i, i + k).join(' '));
        }
      }
      this.flush(c.wordWeight);
    }

    let folded: string[] | null = null;
    if ((c.foldedWords || c.charNgrams) && n > 0) {
      folded = toks.map((t) => foldedToken.get(t));
    }

    if (c.foldedWords && folded && n > 0) {
      const fh = new Uint32Array(n);
      for (let i = 0; i < n; i++) fh[i] = hashString(folded[i] as string);
      for (let k = 1; k <= Math.min(2, Math.max(1, c.wordNgrams)); k++) {
        const seed = SEED_FOLD[k] as number;
        for (let i = 0; i + k <= n; i++) {
          let h = seed;
          for (let j = i; j < i + k; j++) h = combine(h, fh[j] as number);
          this.add(h);
          if (sink) sink(h & this.mask, '~' + folded.slice(i, i + k).join(' '));
        }
      }
      this.flush(c.foldedWeight);
    }

    if (c.charNgrams && folded && n > 0) {
      const [lo, hi] = c.charNgrams;
      const words = folded.filter((_, i) => !isSpecialToken(toks[i] as string));
      const s = ' ' + words.join(' ') + ' ';
      const L = s.length;
      for (let i = 0; i < L; i++) {
        let h = SEED_CHAR;
        const end = Math.min(L, i + hi);
        for (let j = i; j < end; j++) {
          h = Math.imul(h ^ s.charCodeAt(j), FNV_PRIME);
          if (j - i + 1 >= lo) {
            const m = mix32(h);
            this.add(m);
            if (sink) sink(m & this.mask, `«${s.slice(i, j + 1)}»`);
          }
        }
      }
      this.flush(c.charWeight);
    }

    return { idx: this.outIdx.slice(0, this.nOut), val: this.outVal.slice(0, this.nOut) };
  }
}
