/**
 * Agency resolver: turns a free-text agency mention from a plan ("Sở TT&TT",
 * "UBND các huyện, thị xã, thành phố", "S& Thong tin va Truyén thong") into
 * the best agency or agency group of a directory, with a confidence in [0, 1].
 *
 * Pure code, no I/O. Build the index once per directory with
 * {@link buildResolverIndex}, then call {@link resolveAgency} per mention.
 *
 * How it works
 * 1. Analysis (same pipeline for directory names and mentions):
 *    NFC + tone normalisation, list markers stripped, upper-case compound
 *    abbreviations joined ("TT&TT" → `tttt`, "LĐ-TB&XH" → `ldtbxh`), accents
 *    folded, common OCR confusions repaired inside words (`S&`/`S6`/`S0` → `so`,
 *    `B4o` → `bao`), known abbreviations expanded ("UBND", "TP", "PT-TH", "KH&CN"…),
 *    multi-syllable units merged with fuzzy components ("ủy ban nhân dân" → `ubnd`,
 *    "thành phố" → `thanhpho`, "cơ quan" → `coquan`), and every token weighted
 *    by its class (filler, generic, role, admin level, locality, content).
 *    Content weights are scaled by inverse document frequency over the directory.
 * 2. Candidates: directory names sharing a (fuzzy) token or an initials run with
 *    the mention, ranked by a cheap shared-weight estimate; the best few are scored.
 * 3. Scoring of each candidate name: weighted token alignment where each token pair
 *    scores by an OCR-aware edit distance (vowel and Đ/P confusions are cheap, the
 *    initial consonant is not: "Bình" is not "Tỉnh"); unknown abbreviations align to
 *    runs of name tokens by initials ("ST" ↔ "Sóc Trăng", "TTCNTT" ↔ "Trung tâm Công
 *    nghệ thông tin"). Precision and recall of the weights give an F-measure, boosted
 *    by character-trigram similarity, then damped when: the name's distinctive words
 *    are missing; the kinds of body differ ("Bộ Tư pháp" is not "Sở Tư pháp"); both
 *    sides keep words of their own ("Văn phòng Chính phủ" vs "Văn phòng UBND tỉnh");
 *    another province or the nation is named ("… thành phố Đà Nẵng", "… Việt Nam");
 *    administrative levels differ ("Công an huyện" vs "Công an tỉnh"); the words
 *    match out of order; or a second head word is left over ("…, Báo Bắc Giang").
 * 4. Variants of the mention are tried: without parenthetical remarks and on each
 *    side of a colon ("UBND tỉnh (qua Sở TT&TT)", "Chủ trì: Sở Tư pháp").
 *
 * Exports: {@link buildResolverIndex}, {@link resolveAgency}, {@link rankAgencies}
 * (all candidates), {@link resolveAgencyList} (a whole list line, split into
 * mentions), {@link analyzeMention} (explain the tokens), {@link tokenSimilarity}.
 * None of them throws, whatever the input.
 */

import { foldAccents, normalizeText } from './vietnamese.ts';

// ---------------------------------------------------------------------------
// Public API types
// ---------------------------------------------------------------------------

export interface ResolverEntry {
  id: string;
  kind: 'agency' | 'group';
  /** Official name, short names, aliases. */
  names: string[];
  active: boolean;
  successorIds?: string[];
}

export interface ResolutionCandidate {
  id: string;
  kind: 'agency' | 'group';
  confidence: number;
  matchedName: string;
}

export interface Resolution extends ResolutionCandidate {
  alternatives: ResolutionCandidate[];
}

export interface ResolveOptions {
  /** Below this the resolver returns null. Default {@link DEFAULT_MIN_CONFIDENCE}. */
  minConfidence?: number;
  /** Maximum number of alternatives returned. Default 5. */
  maxAlternatives?: number;
}

export interface BuildIndexOptions {
  /**
   * Place names that may be appended to or dropped from a mention without
   * changing its meaning ("Thừa Thiên Huế", "Sóc Trăng"). Names that follow
   * "tỉnh"/"thành phố" at the end of two or more directory names are detected
   * automatically; this adds more.
   */
  localities?: string[];
}

export const DEFAULT_MIN_CONFIDENCE = 0.5;

// ---------------------------------------------------------------------------
// Token model
// ---------------------------------------------------------------------------

type TokClass = 'filler' | 'generic' | 'role' | 'admin' | 'locality' | 'content';

const CLASS_WEIGHT: Record<TokClass, number> = {
  filler: 0.05,
  generic: 0.25,
  role: 0.15,
  admin: 0.6,
  locality: 0.3,
  content: 1,
};

interface Tok {
  /** Folded text of the token (merged units have no spaces: `ubnd`, `thanhpho`). */
  t: string;
  /** Initials this token contributes to an abbreviation (`ubnd` → "ubnd", `thanhpho` → "tp"). */
  ini: string;
  cls: TokClass;
  w: number;
  /** May be an abbreviation to align by initials (upper-case in the source, no vowel, or a joined compound). */
  abbr: boolean;
  /** Number of source words this token stands for ("sở, ban, ngành" → `songanh`: 3). */
  src: number;
}

interface IndexedName {
  entry: number;
  text: string;
  toks: Tok[];
  vocab: number[]; // vocabulary id per token
  head: string | null;
  headIdx: number;
  totalW: number;
  distinctiveW: number; // weight of admin + content tokens
  trigrams: Set<string>;
}

/** Precomputed directory index. Treat as opaque; build with {@link buildResolverIndex}. */
export interface ResolverIndex {
  readonly entries: readonly ResolverEntry[];
  /** @internal */ readonly names: readonly IndexedName[];
  /** @internal */ readonly vocab: ReadonlyMap<string, number>;
  /** @internal */ readonly vocabList: readonly string[];
  /** @internal */ readonly vocabByLen: ReadonlyMap<number, readonly number[]>;
  /** @internal vocabulary id → indexes of names containing it */
  readonly postings: ReadonlyMap<number, readonly number[]>;
  /** @internal initials of contiguous token runs → names */
  readonly initialsIndex: ReadonlyMap<string, readonly number[]>;
  /** @internal */ readonly localities: ReadonlySet<string>;
  /** @internal weight factor per vocabulary id from inverse document frequency, in [0.6, 1] */
  readonly idf: readonly number[];
  /** @internal per-token similarity memo: mention token → [vocabId, similarity][] */
  readonly simCache: Map<string, ReadonlyArray<readonly [number, number]>>;
}

// ---------------------------------------------------------------------------
// Lexicon
// ---------------------------------------------------------------------------

// Function words that never distinguish one agency from another. Kept conservative:
// short syllables such as "so" (sở/số) or "bao" (báo/báo cáo) are real name words.
const ALWAYS_FILLERS = new Set([
  'cac', 'va', 'cua', 'cap', 'nhung', 'cho', 'voi', 'thuoc', 'tren', 'trong', 'qua',
  'khac', 'co', 'nay', 'hoac', 'truc',
]);
/** Fillers long enough to be recognised when OCR damaged them ("céc", "cic" → các). */
const FUZZY_FILLERS = ['cac', 'cua', 'nhung', 'voi', 'thuoc', 'tren', 'trong', 'khac', 'hoac'];

const GENERIC = new Map<string, number>([
  ['coquan', 0.25],
  ['donvi', 0.25],
  ['tochuc', 0.3],
  ['lienquan', 0.35],
  ['chucnang', 0.25],
  ['doanthe', 0.4],
  ['coso', 0.4],
]);

const ROLES = new Set([
  'chutich', 'phochutich', 'thutruong', 'thuongtruc', 'thuongvu', 'lanhdao', 'giamdoc',
  'phogiamdoc', 'ct', 'pct', 'cvp', 'pcvp', 'nguoidungdau', 'tm', 'kt',
]);

const ADMIN = new Set(['tinh', 'huyen', 'thixa', 'thanhpho', 'quan', 'phuong', 'xa', 'trunguong']);

const STATIC_LOCALITIES = new Set(['vietnam']);

/** Abbreviations expanded to folded words (then merged like the full form). */
const ABBREVIATIONS = new Map<string, string>([
  ['ubnd', 'uy ban nhan dan'],
  ['hdnd', 'hoi dong nhan dan'],
  ['mttq', 'mat tran to quoc'],
  ['ubmttq', 'uy ban mat tran to quoc'],
  ['tp', 'thanh pho'],
  ['tx', 'thi xa'],
  ['ptth', 'phat thanh truyen hinh'],
  ['tttt', 'thong tin truyen thong'],
  ['khcn', 'khoa hoc cong nghe'],
  ['nnptnt', 'nong nghiep phat trien nong thon'],
  ['nnmt', 'nong nghiep moi truong'],
  ['ldtbxh', 'lao dong thuong binh xa hoi'],
  ['tnmt', 'tai nguyen moi truong'],
  ['vhttdl', 'van hoa the thao du lich'],
  ['vhtt', 'van hoa the thao'],
  ['gddt', 'giao duc dao tao'],
  ['khdt', 'ke hoach dau tu'],
  ['gtvt', 'giao thong van tai'],
  ['ttdt', 'thong tin dien tu'],
  ['cntt', 'cong nghe thong tin'],
  ['lhpn', 'lien hiep phu nu'],
  ['tncs', 'thanh nien cong san'],
  ['hcm', 'ho chi minh'],
  ['ldld', 'lien doan lao dong'],
  ['bql', 'ban quan ly'],
  ['kkt', 'khu kinh te'],
  ['vp', 'van phong'],
  ['ct', 'chu tich'],
  ['pct', 'pho chu tich'],
  ['btttt', 'bo thong tin truyen thong'],
  ['stttt', 'so thong tin truyen thong'],
  ['ubkt', 'uy ban kiem tra'],
]);
/** Two-token lower-case abbreviations ("pt-th" typed in lower case is split on the dash). */
const ABBREVIATION_PAIRS = new Map<string, string>([
  ['pt th', 'ptth'],
  ['tt tt', 'tttt'],
  ['kh cn', 'khcn'],
  ['tn mt', 'tnmt'],
  ['gd dt', 'gddt'],
  ['kh dt', 'khdt'],
  ['nn ptnt', 'nnptnt'],
  ['nn mt', 'nnmt'],
]);

interface Phrase {
  words: string[];
  /** Replacement token, or null to drop the phrase. */
  to: string | null;
  ini?: string;
  /** Components must match exactly (no OCR tolerance): for phrases whose fuzzy form is a real name. */
  exact?: boolean;
}
/**
 * Multi-syllable units merged into one token, tried in this order at each position;
 * components match fuzzily (OCR) unless `exact`.
 */
const PHRASES: Phrase[] = [
  // "các sở, ban, ngành" / "các sở, ngành" / "các ban ngành" / "các sở" all mean the departments.
  { words: ['cac', 'so', 'ban', 'nganh'], to: 'cac songanh', ini: 's' },
  { words: ['cac', 'so', 'nganh'], to: 'cac songanh', ini: 's' },
  { words: ['so', 'ban', 'nganh'], to: 'songanh', ini: 's' },
  { words: ['so', 'nganh'], to: 'songanh', ini: 's' },
  { words: ['ban', 'nganh'], to: 'songanh', ini: 's' },
  { words: ['cac', 'so'], to: 'cac songanh', ini: 's' },
  { words: ['uy', 'ban', 'nhan', 'dan'], to: 'ubnd', ini: 'ubnd' },
  // Party committees: "Tỉnh ủy", "Huyện ủy" are one word, not a level plus "ủy".
  { words: ['tinh', 'uy'], to: 'tinhuy', ini: 'tu' },
  { words: ['thanh', 'uy'], to: 'thanhuy', ini: 'tu' },
  { words: ['huyen', 'uy'], to: 'huyenuy', ini: 'hu' },
  { words: ['thi', 'uy'], to: 'thiuy', ini: 'tu' },
  { words: ['quan', 'uy'], to: 'quanuy', ini: 'qu' },
  { words: ['dang', 'uy'], to: 'danguy', ini: 'du' },
  { words: ['hoi', 'dong', 'nhan', 'dan'], to: 'hdnd', ini: 'hdnd' },
  { words: ['mat', 'tran', 'to', 'quoc'], to: 'mttq', ini: 'mttq' },
  { words: ['nguoi', 'dung', 'dau'], to: 'nguoidungdau', ini: 'ndd' },
  { words: ['pho', 'chu', 'tich'], to: 'phochutich', ini: 'pct' },
  { words: ['pho', 'giam', 'doc'], to: 'phogiamdoc', ini: 'pgd' },
  { words: ['co', 'lien', 'quan'], to: 'lienquan', ini: 'lq' },
  { words: ['co', 'quan', 'lien', 'quan'], to: 'lienquan', ini: 'lq' },
  { words: ['tren', 'dia', 'ban'], to: null, exact: true },
  { words: ['chu', 'tich'], to: 'chutich', ini: 'ct' },
  { words: ['thu', 'truong'], to: 'thutruong', ini: 'tt' },
  { words: ['thuong', 'truc'], to: 'thuongtruc', ini: 'tt' },
  { words: ['thuong', 'vu'], to: 'thuongvu', ini: 'tv' },
  { words: ['lanh', 'dao'], to: 'lanhdao', ini: 'ld' },
  { words: ['giam', 'doc'], to: 'giamdoc', ini: 'gd' },
  { words: ['lien', 'quan'], to: 'lienquan', ini: 'lq' },
  { words: ['dia', 'ban'], to: null, exact: true },
  { words: ['dia', 'phuong'], to: 'diaphuong', ini: 'dp' },
  { words: ['co', 'so'], to: 'coso', ini: 'cs', exact: true }, // "cơ sở": grassroots, not "Sở"
  { words: ['nha', 'bao'], to: 'nhabao', ini: 'nb' }, // "nhà báo": journalists, not "Báo"
  { words: ['co', 'quan'], to: 'coquan', ini: 'cq' },
  { words: ['don', 'vi'], to: 'donvi', ini: 'dv' },
  { words: ['to', 'chuc'], to: 'tochuc', ini: 'tc', exact: true },
  { words: ['doan', 'the'], to: 'doanthe', ini: 'dt', exact: true },
  { words: ['chuc', 'nang'], to: 'chucnang', ini: 'cn', exact: true },
  { words: ['thanh', 'pho'], to: 'thanhpho', ini: 'tp' },
  { words: ['thi', 'xa'], to: 'thixa', ini: 'tx', exact: true },
  { words: ['xa', 'hoi'], to: 'xahoi', ini: 'xh', exact: true },
  { words: ['viet', 'nam'], to: 'vietnam', ini: 'vn', exact: true },
  { words: ['trung', 'uong'], to: 'trunguong', ini: 'tw', exact: true },
  { words: ['de', 'nghi'], to: null, exact: true },
  { words: ['bao', 'cao'], to: null, exact: true }, // "báo cáo" (a report), not "Báo"
  { words: ['chu', 'tri'], to: null },
  { words: ['phoi', 'hop'], to: null },
  { words: ['thuc', 'hien'], to: null },
];

/** Tokens made by merging phrases: they match exactly or not at all ("huyenuy" is not "huyen"). */
const MERGED = new Set(PHRASES.flatMap((p) => (p.to === null ? [] : p.to.split(' '))).filter((t) => t !== 'cac'));

/** Words that start an agency name: used to compare the "kind" of mention and name. */
const HEADS = new Set([
  'songanh', 'tinhuy', 'thanhuy', 'huyenuy', 'thiuy', 'quanuy', 'danguy', 'so', 'bo', 'ban', 'ubnd',
  'hdnd', 'hoi', 'bao', 'dai', 'cong', 'trung', 'van', 'thanh', 'tap', 'chi', 'vien', 'phong', 'tinh',
  'huyen', 'thixa', 'thanhpho', 'quan', 'phuong', 'xa', 'doan', 'lien', 'mttq', 'uy', 'cuc', 'tong',
  'chinh', 'thu', 'quoc', 'khu', 'cang', 'benh', 'truong', 'hoc', 'toa', 'kiem', 'buu', 'nha', 'the',
]);
/** A mention that starts with a kind of document names a document, not an agency ("Luật Báo chí"). */
const DOCUMENT_STARTS = [
  'luat', 'nghi dinh', 'nghi quyet', 'quyet dinh', 'chi thi', 'thong tu', 'ke hoach', 'cong van',
  'van ban', 'de an', 'chuong trinh', 'thong bao', 'bao cao', 'to trinh', 'hien phap', 'bo luat',
].map((d) => d.split(' '));

/** Head words that start a name of their own: one left over in a mention means a second agency. */
const STRONG_HEADS = new Set([
  'so', 'bo', 'ban', 'bao', 'dai', 'hoi', 'songanh', 'ubnd', 'hdnd', 'mttq', 'tinhuy', 'thanhuy', 'huyenuy', 'cuc',
]);

/** Words that, alone, only say what kind of body is meant. */
const BARE_TYPES = new Set([
  'so', 'ban', 'bo', 'bao', 'dai', 'hoi', 'cong', 'trung', 'van', 'phong', 'chi', 'cuc', 'vien', 'doan',
  'lien', 'uy', 'tinh', 'huyen', 'xa', 'phuong', 'quan', 'thanhpho', 'thixa', 'coquan', 'donvi', 'tochuc',
]);

/** Short heads that OCR often damages (S& → so, B4o → bao, Pai → dai). */
const FUZZY_HEADS = ['so', 'bo', 'ban', 'bao', 'dai', 'hoi', 'cong'];

// ---------------------------------------------------------------------------
// OCR-aware similarity
// ---------------------------------------------------------------------------

const VOWEL_CHARS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
const CONFUSABLE = new Set(['dp', 'pd', 'uw', 'wu', 'il', 'li', 'ce', 'ec', 'nu', 'un', 'oc', 'co']);

function subCost(a: string, b: string): number {
  if (a === b) return 0;
  if (VOWEL_CHARS.has(a) && VOWEL_CHARS.has(b)) return 0.5;
  if (CONFUSABLE.has(a + b)) return 0.5;
  return 1;
}
function indelCost(c: string): number {
  // A vowel lost or added by OCR is common ("déan"); a consonant changes the syllable (dân/đảng).
  return VOWEL_CHARS.has(c) ? 0.6 : 1.2;
}
/**
 * Changing the first letter of a syllable (its initial consonant: Bình/Tỉnh/Định)
 * changes the word; OCR mostly damages the vowels and tone marks that follow.
 */
const FIRST_CHAR_FACTOR = 1.5;

/** Weighted edit distance with an upper bound (returns > max when exceeded). */
function editCost(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (la === 0) {
    let c = 0;
    for (const ch of b) c += indelCost(ch);
    return c;
  }
  if (lb === 0) {
    let c = 0;
    for (const ch of a) c += indelCost(ch);
    return c;
  }
  let prev = new Float64Array(lb + 1);
  let cur = new Float64Array(lb + 1);
  prev[0] = 0;
  for (let j = 1; j <= lb; j++) prev[j] = (prev[j - 1] ?? 0) + indelCost(b.charAt(j - 1)) * (j === 1 ? FIRST_CHAR_FACTOR : 1);
  for (let i = 1; i <= la; i++) {
    const ca = a.charAt(i - 1);
    cur[0] = (prev[0] ?? 0) + indelCost(ca) * (i === 1 ? FIRST_CHAR_FACTOR : 1);
    let rowMin = cur[0] ?? 0;
    for (let j = 1; j <= lb; j++) {
      const cb = b.charAt(j - 1);
      let sc = subCost(ca, cb);
      if (i === 1 && j === 1 && sc >= 1) sc *= FIRST_CHAR_FACTOR;
      const v = Math.min(
        (prev[j - 1] ?? 0) + sc,
        (prev[j] ?? 0) + indelCost(ca),
        (cur[j - 1] ?? 0) + indelCost(cb),
      );
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const tmp = prev;
    prev = cur;
    cur = tmp;
  }
  return prev[lb] ?? max + 1;
}

/** Minimum similarity for two tokens to align, by length. */
function minSim(len: number): number {
  return len <= 6 ? 0.75 : 0.7;
}

/** Similarity of two folded tokens in [0, 1]; 0 when below the alignment threshold. */
export function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const L = Math.max(a.length, b.length);
  if (L === 0) return 1;
  // Digits never fuzzy-match: "A Lưới 1" is not "A Lưới 2".
  if (/\d/.test(a) || /\d/.test(b)) return 0;
  if (Math.abs(a.length - b.length) > 2) return 0;
  // Short syllables only tolerate substitutions: "bo" (Bộ) is not "bao" (Báo).
  if (L <= 3 && a.length !== b.length) return 0;
  const thr = minSim(L);
  const maxCost = (1 - thr) * L;
  const c = editCost(a, b, maxCost);
  if (c > maxCost) return 0;
  const s = 1 - c / L;
  return s >= thr ? s : 0;
}

// ---------------------------------------------------------------------------
// Analysis
// ---------------------------------------------------------------------------

const LIST_MARKER =
  /^\s*(?:[-–—+•*·○►>»]+|\(?\d{1,3}(?:\.\d{1,3})*[.)]|\(?[IVXLC]{1,6}[.)](?=\s)|[a-zđ]\)(?=\s))\s*/u;

const COMPOUND_ABBR =
  /(?<![\p{L}\p{N}])\p{Lu}{1,5}(?:(?:\s?[&\-–]\s?|,)\p{Lu}{1,5})+(?![\p{L}\p{N}])/gu;

const OCR_CHAR: Record<string, string> = {
  '0': 'o',
  '6': 'o',
  '4': 'a',
  '1': 'l',
  '5': 's',
  $: 's',
  '¢': 'o',
  '€': 'e',
  '¥': 'y',
  '@': 'a',
  '&': 'o',
};

interface RawTok {
  t: string;
  abbr: boolean;
}

function repairOcr(tok: string): string {
  if (!/[a-z]/.test(tok)) return tok.replace(/[^0-9a-z]/g, '');
  let out = '';
  for (const ch of tok) {
    const m = Object.hasOwn(OCR_CHAR, ch) ? OCR_CHAR[ch] : undefined;
    if (m !== undefined) out += m;
    else if (/[a-z0-9]/.test(ch)) out += ch;
    else if (/\p{L}/u.test(ch)) out += ch; // non-Latin letter: keep
  }
  return out;
}

/** Split normalised text into raw folded tokens, joining compound abbreviations. */
function rawTokens(text: string): RawTok[] {
  const hasLower = /\p{Ll}/u.test(text);
  const out: RawTok[] = [];
  // Mark compounds, then scan words.
  const compounds: { start: number; end: number; joined: string }[] = [];
  for (const m of text.matchAll(COMPOUND_ABBR)) {
    const start = m.index ?? 0;
    compounds.push({
      start,
      end: start + m[0].length,
      joined: foldAccents(m[0]).replace(/[^a-z]/g, ''),
    });
  }
  let ci = 0;
  const WORD = /[\p{L}\p{M}\p{N}$¢€¥@&]+/gu;
  for (const m of text.matchAll(WORD)) {
    const start = m.index ?? 0;
    while (ci < compounds.length && (compounds[ci]?.end ?? 0) <= start) ci++;
    const c = compounds[ci];
    if (c && start >= c.start && start < c.end) {
      if (start === c.start) out.push({ t: c.joined, abbr: true });
      continue;
    }
    const word = m[0];
    // "tt&tt" typed in lower case, "S&T": split on inner ampersands.
    if (/\p{L}&\p{L}/u.test(word)) {
      const parts = word.split('&').filter((p) => p.length > 0);
      const short = parts.every((p) => p.length <= 5);
      if (short) {
        out.push({ t: foldAccents(parts.join('')), abbr: true });
      } else {
        parts.forEach((p, i) => {
          if (i > 0) out.push({ t: 'va', abbr: false });
          out.push({ t: repairOcr(foldAccents(p)), abbr: false });
        });
      }
      continue;
    }
    const folded = repairOcr(foldAccents(word));
    if (folded.length === 0) continue;
    const letters = word.replace(/[^\p{L}]/gu, '');
    const upper = letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
    const noVowel = /^[a-z]+$/.test(folded) && !/[aeiouy]/.test(folded);
    out.push({ t: folded, abbr: (upper && hasLower) || noVowel || folded.length === 1 });
  }
  return out;
}

function classify(t: string, localities: ReadonlySet<string>): TokClass {
  if (ALWAYS_FILLERS.has(t)) return 'filler';
  if (GENERIC.has(t)) return 'generic';
  if (ROLES.has(t)) return 'role';
  if (ADMIN.has(t)) return 'admin';
  if (STATIC_LOCALITIES.has(t) || localities.has(t)) return 'locality';
  return 'content';
}

function weightOf(t: string, cls: TokClass): number {
  if (cls === 'generic') return GENERIC.get(t) ?? CLASS_WEIGHT.generic;
  return CLASS_WEIGHT[cls];
}

const fuzzyMemo = new Map<string, boolean>();
/** Fuzzy equality of a token with a lexicon word (memoised: the lexicon is small and fixed). */
function fuzzyEq(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 2) return false;
  const key = `${a}|${b}`;
  let v = fuzzyMemo.get(key);
  if (v === undefined) {
    v = tokenSimilarity(a, b) >= 0.75;
    if (fuzzyMemo.size > 50000) fuzzyMemo.clear();
    fuzzyMemo.set(key, v);
  }
  return v;
}

const phraseMemo = new Map<string, Phrase[]>();
/** The phrases (in order) whose first word may be this token, exactly or fuzzily. */
function phrasesStartingWith(t: string): Phrase[] {
  let ps = phraseMemo.get(t);
  if (ps === undefined) {
    ps = PHRASES.filter((p) => {
      const first = p.words[0] as string;
      return t === first || (!p.exact && first.length > 2 && fuzzyEq(t, first));
    });
    if (phraseMemo.size > 50000) phraseMemo.clear();
    phraseMemo.set(t, ps);
  }
  return ps;
}

/** Expand abbreviations and merge phrases; returns folded words with abbreviation flags. */
function expandAndMerge(raw: RawTok[]): { t: string; ini: string; abbr: boolean; src: number }[] {
  // 1. Pair abbreviations typed in lower case ("pt th").
  const joined: RawTok[] = [];
  for (let i = 0; i < raw.length; i++) {
    const a = raw[i] as RawTok;
    const b = raw[i + 1];
    const pair = b ? ABBREVIATION_PAIRS.get(`${a.t} ${b.t}`) : undefined;
    if (pair && b && (a.abbr || b.abbr)) {
      joined.push({ t: pair, abbr: true });
      i++;
    } else joined.push(a);
  }
  // 2. Expand known abbreviations into words.
  const words: { t: string; abbr: boolean }[] = [];
  for (const r of joined) {
    const exp = ABBREVIATIONS.get(r.t);
    if (exp && (r.abbr || r.t.length >= 3 || r.t === 'tp' || r.t === 'tx' || r.t === 'vp')) {
      for (const w of exp.split(' ')) words.push({ t: w, abbr: false });
    } else words.push({ t: r.t, abbr: r.abbr });
  }
  // 3. Merge phrases.
  const out: { t: string; ini: string; abbr: boolean; src: number }[] = [];
  for (let i = 0; i < words.length; ) {
    let merged = false;
    for (const p of phrasesStartingWith((words[i] as { t: string }).t)) {
      const n = p.words.length;
      if (i + n > words.length) continue;
      let ok = true;
      let fuzzy = 0;
      for (let k = 0; k < n; k++) {
        const w = words[i + k];
        const pw = p.words[k] as string;
        if (w && w.t === pw) continue;
        // Short function words must match exactly; longer ones fuzzily (OCR), but at
        // most half of the words may be fuzzy ("chí tỉnh" is not "chủ tịch").
        if (!w || p.exact || pw.length <= 2 || !fuzzyEq(w.t, pw) || ++fuzzy > Math.floor(n / 2)) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      if (p.to !== null) {
        const parts = p.to.split(' ');
        parts.forEach((t, k) => {
          const lastPart = k === parts.length - 1;
          out.push({
            t,
            ini: lastPart ? (p.ini ?? t.charAt(0)) : t.charAt(0),
            abbr: false,
            src: lastPart ? n - (parts.length - 1) : 1,
          });
        });
      }
      i += n;
      merged = true;
      break;
    }
    if (merged) continue;
    const w = words[i] as { t: string; abbr: boolean };
    out.push({ t: w.t, ini: w.t.charAt(0), abbr: w.abbr, src: 1 });
    i++;
  }
  return out;
}

function stripMarkers(s: string): string {
  let prev = '';
  let cur = s;
  let guard = 0;
  while (cur !== prev && guard++ < 5) {
    prev = cur;
    cur = cur.replace(LIST_MARKER, '');
  }
  return cur;
}

const MAX_TOKENS = 40;

function analyze(text: string, localities: ReadonlySet<string>): Tok[] {
  const norm = stripMarkers(normalizeText(text).slice(0, 400));
  const merged = expandAndMerge(rawTokens(norm)).slice(0, MAX_TOKENS);
  return merged.map((m) => {
    const cls = classify(m.t, localities);
    // A lone letter is a fragment ("cac s, ban nganh") or an initial: it weighs little.
    const w = m.t.length === 1 && cls === 'content' && !/\d/.test(m.t) ? 0.3 : weightOf(m.t, cls);
    return { t: m.t, ini: m.ini, cls, w, abbr: m.abbr, src: m.src };
  });
}

interface Head {
  t: string;
  idx: number;
}

/** The word that says what kind of body this is: "Sở", "Báo", "Công an", the level after "UBND". */
function findHead(toks: readonly Tok[]): Head | null {
  let seen = 0;
  for (let i = 0; i < toks.length && seen < 4; i++) {
    const tk = toks[i] as Tok;
    if (tk.cls === 'filler' || tk.cls === 'role') continue;
    // "các cơ quan báo chí", "các đơn vị trực thuộc Sở": the head noun is generic.
    if (tk.cls === 'generic') return null;
    if (tk.t === 'ubnd') {
      // "UBND tỉnh", "UBND các huyện": the administrative level is the head.
      for (let j = i + 1; j < toks.length && j <= i + 3; j++) {
        const nx = toks[j] as Tok;
        if (nx.cls === 'filler') continue;
        if (nx.cls === 'admin') return { t: nx.t, idx: j };
        break;
      }
      return { t: 'ubnd', idx: i };
    }
    if (HEADS.has(tk.t)) return { t: tk.t, idx: i };
    if (seen === 0) {
      for (const h of FUZZY_HEADS) if (fuzzyEq(tk.t, h)) return { t: h, idx: i };
    }
    seen++;
  }
  return null;
}

function trigramsOf(toks: readonly Tok[]): Set<string> {
  const s = ` ${toks
    .filter((t) => t.cls !== 'filler' && t.cls !== 'role')
    .map((t) => t.t)
    .join(' ')} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= s.length; i++) out.add(s.slice(i, i + 3));
  return out;
}

function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) inter++;
  return (2 * inter) / (a.size + b.size);
}

// ---------------------------------------------------------------------------
// Index
// ---------------------------------------------------------------------------

function deriveLocalities(entries: readonly ResolverEntry[], extra: readonly string[]): Set<string> {
  const counts = new Map<string, number>();
  for (const e of entries) {
    for (const name of Array.isArray(e.names) ? e.names : []) {
      const toks = expandAndMerge(rawTokens(stripMarkers(normalizeText(String(name)))));
      for (let i = 0; i < toks.length; i++) {
        const t = toks[i]?.t;
        if (t !== 'tinh' && t !== 'thanhpho') continue;
        const tail = toks.slice(i + 1).map((x) => x.t);
        if (tail.length === 0 || tail.length > 3) continue;
        if (tail.some((x) => ADMIN.has(x) || HEADS.has(x) || ALWAYS_FILLERS.has(x) || /\d/.test(x))) continue;
        for (const x of new Set(tail)) counts.set(x, (counts.get(x) ?? 0) + 1);
      }
    }
  }
  const out = new Set<string>();
  for (const [t, c] of counts) if (c >= 2) out.add(t);
  for (const l of extra) {
    for (const r of expandAndMerge(rawTokens(normalizeText(String(l))))) out.add(r.t);
  }
  return out;
}

/** Precompute folded names, token sets, initials and trigram sets for a directory. */
export function buildResolverIndex(entries: ResolverEntry[], opts: BuildIndexOptions = {}): ResolverIndex {
  const list = Array.isArray(entries) ? entries.filter((e) => e && typeof e.id === 'string') : [];
  const localities = deriveLocalities(list, Array.isArray(opts?.localities) ? opts.localities : []);
  const vocab = new Map<string, number>();
  const vocabList: string[] = [];
  const names: IndexedName[] = [];
  const postings = new Map<number, number[]>();
  const initialsIndex = new Map<string, number[]>();

  const vid = (t: string): number => {
    let id = vocab.get(t);
    if (id === undefined) {
      id = vocabList.length;
      vocab.set(t, id);
      vocabList.push(t);
    }
    return id;
  };

  // Pass 1: analyse every name; document frequency of each token over entries.
  const analysed: { ei: number; text: string; toks: Tok[] }[] = [];
  const df = new Map<string, number>();
  list.forEach((e, ei) => {
    const seen = new Set<string>();
    const entryToks = new Set<string>();
    for (const rawName of Array.isArray(e.names) ? e.names : []) {
      if (typeof rawName !== 'string') continue;
      const text = normalizeText(rawName);
      const toks = analyze(text, localities);
      if (toks.length === 0) continue;
      const key = toks.map((t) => t.t).join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      analysed.push({ ei, text, toks });
      for (const t of toks) entryToks.add(t.t);
    }
    for (const t of entryToks) df.set(t, (df.get(t) ?? 0) + 1);
  });
  const N = Math.max(1, list.length);
  const idfOf = (t: string): number => {
    const d = df.get(t) ?? 1;
    return 0.6 + (0.4 * Math.log(1 + N / d)) / Math.log(1 + N);
  };
  const idf: number[] = [];

  // Pass 2: weights, postings, initials.
  for (const { ei, text, toks } of analysed) {
    for (const t of toks) if (t.cls === 'content') t.w *= idfOf(t.t);
    const ni = names.length;
    const ids = toks.map((t) => {
      const id = vid(t.t);
      idf[id] = idfOf(t.t);
      return id;
    });
    let totalW = 0;
    let distinctiveW = 0;
    for (const t of toks) {
      totalW += t.w;
      if (t.cls === 'content' || t.cls === 'admin') distinctiveW += t.w;
    }
    const head = findHead(toks);
    names.push({
      entry: ei,
      text,
      toks,
      vocab: ids,
      head: head?.t ?? null,
      headIdx: head?.idx ?? -1,
      totalW,
      distinctiveW,
      trigrams: trigramsOf(toks),
    });
    for (const id of new Set(ids)) {
      const p = postings.get(id);
      if (p) p.push(ni);
      else postings.set(id, [ni]);
    }
    // Initials of contiguous runs (fillers inside a run may be skipped).
    for (let s = 0; s < toks.length; s++) {
      if (toks[s]?.cls === 'filler') continue;
      let ini = '';
      for (let k = s; k < toks.length && ini.length < 10; k++) {
        const tk = toks[k] as Tok;
        if (tk.cls === 'filler' && k > s) continue;
        ini += tk.ini;
        if (ini.length >= 2) {
          const p = initialsIndex.get(ini);
          if (!p) initialsIndex.set(ini, [ni]);
          else if (p[p.length - 1] !== ni) p.push(ni);
        }
      }
    }
  }

  const byLen = new Map<number, number[]>();
  vocabList.forEach((t, id) => {
    const a = byLen.get(t.length);
    if (a) a.push(id);
    else byLen.set(t.length, [id]);
  });

  return {
    entries: list,
    names,
    vocab,
    vocabList,
    vocabByLen: byLen,
    postings,
    initialsIndex,
    localities,
    idf,
    simCache: new Map(),
  };
}

function similarVocab(index: ResolverIndex, t: string): ReadonlyArray<readonly [number, number]> {
  const cached = index.simCache.get(t);
  if (cached) return cached;
  const out: [number, number][] = [];
  const exact = index.vocab.get(t);
  if (exact !== undefined) out.push([exact, 1]);
  if (!/\d/.test(t) && !MERGED.has(t)) {
    for (let len = Math.max(1, t.length - 2); len <= t.length + 2; len++) {
      const ids = index.vocabByLen.get(len);
      if (!ids) continue;
      for (const id of ids) {
        if (id === exact) continue;
        const v = index.vocabList[id] as string;
        if (MERGED.has(v)) continue;
        const s = tokenSimilarity(t, v);
        if (s > 0) out.push([id, s]);
      }
    }
  }
  if (index.simCache.size > 20000) index.simCache.clear();
  index.simCache.set(t, out);
  return out;
}

// ---------------------------------------------------------------------------
// Scoring
// ---------------------------------------------------------------------------

interface ScoredName {
  name: IndexedName;
  score: number;
}

function abbrSim(len: number, exact: boolean): number {
  if (!exact) return 0.75;
  if (len >= 3) return 0.95;
  if (len === 2) return 0.85;
  return 0.6;
}

/** Length of the longest strictly increasing subsequence (patience sorting). */
function lisLength(seq: readonly number[]): number {
  const tails: number[] = [];
  for (const x of seq) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((tails[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = x;
  }
  return tails.length;
}

function scoreName(m: readonly Tok[], mSims: ReadonlyArray<ReadonlyMap<number, number>>, mTri: ReadonlySet<string>, mHead: Head | null, n: IndexedName): number {
  const nt = n.toks;
  const mUsed = new Float64Array(m.length); // similarity used per mention token
  const nUsed = new Float64Array(nt.length);
  const pairOf = new Int32Array(m.length).fill(-1); // name position aligned to each mention token

  // 1. Token pairs by similarity, greedy best-first (ties: heavier, then closer in position).
  const pairKeys: number[] = [];
  const pairIdx: number[] = [];
  for (let i = 0; i < m.length; i++) {
    const sims = mSims[i];
    if (!sims || sims.size === 0) continue;
    for (let j = 0; j < nt.length; j++) {
      const s = sims.get(n.vocab[j] as number);
      if (s === undefined) continue;
      // Function words only pair exactly ("các" is not "Cục").
      if (s < 1 && ((m[i] as Tok).cls === 'filler' || (nt[j] as Tok).cls === 'filler')) continue;
      const w = Math.min((m[i] as Tok).w, (nt[j] as Tok).w);
      pairKeys.push(s * 10 + w - Math.abs(i - j) * 0.001);
      pairIdx.push(i * 1024 + j);
    }
  }
  // Insertion sort: a handful of pairs.
  const order: number[] = [];
  for (let k = 0; k < pairKeys.length; k++) {
    const key = pairKeys[k] as number;
    let pos = order.length;
    while (pos > 0 && (pairKeys[order[pos - 1] as number] as number) < key) pos--;
    order.splice(pos, 0, k);
  }
  for (const k of order) {
    const ij = pairIdx[k] as number;
    const i = ij >> 10;
    const j = ij & 1023;
    if (mUsed[i] || nUsed[j]) continue;
    const s = (mSims[i] as ReadonlyMap<number, number>).get(n.vocab[j] as number) ?? 0;
    mUsed[i] = s;
    nUsed[j] = s;
    pairOf[i] = j;
  }

  // 2. Unmatched abbreviations against runs of unmatched name tokens, by initials.
  for (let i = 0; i < m.length; i++) {
    const mt = m[i] as Tok;
    if (mUsed[i] || !mt.abbr || !/^[a-z]+$/.test(mt.t)) continue;
    const a = mt.t;
    let best: { s: number; run: number[] } | null = null;
    for (let st = 0; st < nt.length; st++) {
      if (nUsed[st] || (nt[st] as Tok).cls === 'filler') continue;
      let ini = '';
      const run: number[] = [];
      for (let k = st; k < nt.length; k++) {
        const tk = nt[k] as Tok;
        if (nUsed[k]) break;
        if (tk.cls === 'filler' && run.length > 0) continue;
        ini += tk.ini;
        run.push(k);
        if (ini.length > a.length + 1) break;
        if (a.length === 1 && run.length > 1) break;
        let s = 0;
        if (ini === a) s = abbrSim(a.length, true);
        else if (a.length >= 4 && Math.abs(ini.length - a.length) <= 1 && editCost(ini, a, 1) <= 1) s = abbrSim(a.length, false);
        if (s > 0 && (!best || s > best.s || (s === best.s && run.length > best.run.length))) {
          best = { s, run: [...run] };
        }
      }
    }
    if (best) {
      mUsed[i] = best.s;
      pairOf[i] = best.run[0] ?? -1;
      for (const k of best.run) nUsed[k] = best.s;
    }
  }

  // 3. Weighted precision / recall.
  let mTotal = 0;
  let mMatched = 0;
  m.forEach((t, i) => {
    mTotal += t.w;
    mMatched += t.w * (mUsed[i] ?? 0);
  });
  let mUnmatchedContent = 0;
  let extraHead = 1;
  m.forEach((t, i) => {
    if (t.cls === 'content' && !mUsed[i]) mUnmatchedContent += t.w;
    // "Ban Tuyên giáo Tỉnh ủy, Báo Bắc Giang": the left-over "Báo" starts another name.
    if (!mUsed[i] && STRONG_HEADS.has(t.t)) extraHead = 0.75;
  });
  let nMatched = 0;
  let nDistinct = 0;
  nt.forEach((t, j) => {
    const u = nUsed[j] ?? 0;
    nMatched += t.w * u;
    if (t.cls === 'content' || t.cls === 'admin') nDistinct += t.w * u;
  });
  if (mTotal <= 0 || n.totalW <= 0 || mMatched <= 0) return 0;
  const P = mMatched / mTotal;
  const R = nMatched / n.totalW;
  const F = (2 * P * R) / (P + R);
  // Character trigrams rescue split or merged words ("Thôngtin"); only worth computing
  // when the token score leaves room for it.
  const T = F >= 0.15 && F < 0.95 ? dice(mTri, n.trigrams) : 0;
  const boosted = Math.max(F, (F + T) / 2);
  const cr = n.distinctiveW > 0 ? nDistinct / n.distinctiveW : 1;
  const factor = Math.min(1, 0.4 + cr);
  // Different kinds of body ("Bộ" vs "Sở", "UBND tỉnh" vs "UBND huyện"): when the head
  // word of either side found no counterpart on the other.
  let headPenalty = 1;
  if (mHead !== null && n.head !== null && mHead.t !== n.head) {
    const nameHeadLost = n.headIdx >= 0 && !nUsed[n.headIdx];
    const mentionHeadLost = !mUsed[mHead.idx]; // "Bộ Công an" vs "Công an thành phố"
    if (nameHeadLost || mentionHeadLost) headPenalty = 0.5;
  }
  // Another province or the national level: "Sở Tư pháp thành phố Đà Nẵng",
  // "Đài Truyền hình Việt Nam". Unmatched place words after "tỉnh"/"thành phố", or a
  // final unmatched "Việt Nam".
  let foreign = 1;
  for (let i = 0; i < m.length; i++) {
    const t = m[i] as Tok;
    if (mUsed[i]) continue;
    if (t.t === 'vietnam' && i === m.length - 1 && i > 0) foreign = 0.6;
    if (t.cls !== 'content' || !/^[a-z]+$/.test(t.t) || !/[aeiouy]/.test(t.t)) continue;
    let k = i - 1;
    while (k >= 0 && (m[k] as Tok).cls === 'filler') k--;
    const prev = m[k];
    // A place name, not OCR debris: "Đà Nẵng" → da nang (one real syllable of 3+ letters).
    if (prev && (prev.t === 'tinh' || prev.t === 'thanhpho') && m.slice(i).some((x) => x.cls === 'content' && x.t.length >= 3)) {
      foreign = 0.6;
    }
  }
  // Word order: tolerated, but a scrambled match is weaker than an ordered one
  // ("Sở TN&MT (qua Văn phòng Sở)" is not "Văn phòng Sở TN&MT").
  const seq: number[] = [];
  for (let i = 0; i < m.length; i++) {
    if ((pairOf[i] ?? -1) >= 0 && (m[i] as Tok).cls !== 'filler') seq.push(pairOf[i] as number);
  }
  const orderFrac = seq.length >= 2 ? lisLength(seq) / seq.length : 1;
  const orderFactor = 0.7 + 0.3 * orderFrac;
  // Different administrative levels, none shared: "Công an huyện X" is not "Công an tỉnh".
  let mAdminLost = false;
  let mAdminKept = false;
  m.forEach((t, i) => {
    if (t.cls !== 'admin') return;
    if (mUsed[i]) mAdminKept = true;
    else mAdminLost = true;
  });
  let nAdminLost = false;
  nt.forEach((t, j) => {
    if (t.cls === 'admin' && !nUsed[j]) nAdminLost = true;
  });
  const level = mAdminLost && nAdminLost && !mAdminKept ? 0.6 : 1;
  // Both sides keep substantial words of their own: same kind of body, different one
  // ("Văn phòng Chính phủ" is not "Văn phòng UBND tỉnh").
  const conflict = mUnmatchedContent >= 1.5 && n.distinctiveW - nDistinct >= 1.2 ? 0.8 : 1;
  return Math.max(0, Math.min(1, boosted * factor * headPenalty * conflict * foreign * level * orderFactor * extraHead));
}

/** Names fully scored per mention variant (the others share too little with the mention). */
const MAX_CANDIDATES = 24;

function scoreMention(index: ResolverIndex, text: string): ScoredName[] {
  const m = analyze(text, index.localities);
  if (m.length === 0 || m.every((t) => t.cls === 'filler')) return [];
  const firstWords = m.filter((t) => t.cls !== 'filler').map((t) => t.t);
  if (DOCUMENT_STARTS.some((d) => d.every((w, k) => firstWords[k] === w))) return [];
  // A bare kind of body ("Ban", "Sở", "huyện") names no particular one.
  if (firstWords.length === 1 && BARE_TYPES.has(firstWords[0] as string)) return [];
  const mSims: Map<number, number>[] = [];
  // Stage 1: candidates with an estimate of the shared weight (cheap, from postings).
  const N = index.names.length;
  const shared = new Float64Array(N);
  const tokBest = new Float64Array(N);
  const touched: number[] = [];
  const tokTouched: number[] = [];
  const must = new Set<number>(); // initials hits: the estimate cannot see them
  for (const t of m) {
    const sims = new Map<number, number>();
    let bestId = -1;
    let bestS = 0;
    for (const [id, s] of similarVocab(index, t.t)) {
      sims.set(id, s);
      if (s > bestS) {
        bestS = s;
        bestId = id;
      }
    }
    if (t.cls === 'content') {
      if (bestS < 1 && t.t.length >= 3 && FUZZY_FILLERS.some((f) => tokenSimilarity(t.t, f) >= 0.8)) {
        // An OCR-damaged function word ("céc", "cic").
        t.cls = 'filler';
        t.w = CLASS_WEIGHT.filler;
        sims.clear();
      } else if (bestId >= 0) {
        t.w *= index.idf[bestId] ?? 1;
      }
    }
    mSims.push(sims);
    if (t.cls === 'filler') continue;
    tokTouched.length = 0;
    for (const [id, s] of sims) {
      for (const ni of index.postings.get(id) ?? []) {
        const b = tokBest[ni] ?? 0;
        if (b === 0) tokTouched.push(ni);
        if (b < s) tokBest[ni] = s;
      }
    }
    for (const ni of tokTouched) {
      if (shared[ni] === 0) touched.push(ni);
      shared[ni] = (shared[ni] ?? 0) + (tokBest[ni] ?? 0) * t.w + 1e-9;
      tokBest[ni] = 0;
    }
    if (t.abbr && /^[a-z]{2,}$/.test(t.t)) {
      for (const ni of index.initialsIndex.get(t.t) ?? []) must.add(ni);
    }
  }
  if (touched.length === 0 && must.size === 0) return [];
  // Stage 2: full alignment for the most promising names only.
  let mTotal = 0;
  for (const t of m) mTotal += t.w;
  const cands = new Set<number>(must);
  if (touched.length <= MAX_CANDIDATES) {
    for (const ni of touched) cands.add(ni);
  } else {
    // Dice-like estimate; keep the names at or above the K-th best estimate.
    const keys = new Float64Array(touched.length);
    touched.forEach((ni, k) => {
      keys[k] = (shared[ni] ?? 0) / (mTotal + (index.names[ni]?.totalW ?? 0));
    });
    const sorted = keys.slice().sort();
    const cut = sorted[sorted.length - MAX_CANDIDATES] ?? 0;
    touched.forEach((ni, k) => {
      if ((keys[k] ?? 0) >= cut) cands.add(ni);
    });
  }
  const mTri = trigramsOf(m);
  const mHead = findHead(m);
  const out: ScoredName[] = [];
  for (const ni of cands) {
    const name = index.names[ni];
    if (!name) continue;
    const score = scoreName(m, mSims, mTri, mHead, name);
    if (score > 0) out.push({ name, score });
  }
  return out;
}

interface Variant {
  text: string;
  /** 0 = the mention as written; ties go to the lower rank. */
  rank: number;
  /** Score factor for names without parentheses when this is the full text of a mention with a parenthesis. */
  parenDiscount: boolean;
}

/**
 * Variants of a mention worth trying: as written, without parenthetical remarks
 * ("UBND tỉnh (qua Sở TT&TT)", "UBND tỉnh (báo cáo)"), and each side of a colon
 * ("Chủ trì: Sở Tư pháp", "UBND tỉnh: CT, các PCT").
 */
function variants(mention: string): Variant[] {
  const hasParen = /[()]/.test(mention);
  const out: Variant[] = [{ text: mention, rank: 0, parenDiscount: hasParen }];
  if (hasParen) {
    const noParen = mention.replace(/\([^()]*\)?/g, ' ').replace(/[()]/g, ' ');
    if (noParen.trim()) out.push({ text: noParen, rank: 1, parenDiscount: false });
  }
  const colon = mention.indexOf(':');
  if (colon > 0) {
    const before = mention.slice(0, colon);
    const after = mention.slice(colon + 1);
    if (before.trim()) out.push({ text: before, rank: 2, parenDiscount: false });
    if (after.trim()) out.push({ text: after, rank: 3, parenDiscount: false });
  }
  return out;
}

/** A remark in parentheses is secondary: the text around it names the agency. */
const PAREN_DISCOUNT = 0.8;

// ---------------------------------------------------------------------------
// Public functions
// ---------------------------------------------------------------------------

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * Rank every directory entry against a mention. Returns candidates with
 * confidence > 0, best first (at most `limit`).
 */
export function rankAgencies(index: ResolverIndex, mention: string, limit = 10): ResolutionCandidate[] {
  return rank(index, mention, limit, true);
}

function rank(index: ResolverIndex, mention: string, limit: number, withVariants: boolean): ResolutionCandidate[] {
  if (typeof mention !== 'string' || !index || !Array.isArray(index.names)) return [];
  const bestByEntry = new Map<number, ScoredName & { rank: number }>();
  const vs = withVariants ? variants(mention) : [{ text: mention, rank: 0, parenDiscount: false }];
  for (const v of vs) {
    for (const sn of scoreMention(index, v.text)) {
      const score = v.parenDiscount && !sn.name.text.includes('(') ? sn.score * PAREN_DISCOUNT : sn.score;
      const cur = bestByEntry.get(sn.name.entry);
      if (!cur || score > cur.score) bestByEntry.set(sn.name.entry, { name: sn.name, score, rank: v.rank });
    }
  }
  const ranked = [...bestByEntry.entries()]
    .map(([ei, sn]) => ({ e: index.entries[ei] as ResolverEntry, sn }))
    .sort(
      (a, b) =>
        b.sn.score - a.sn.score ||
        a.sn.rank - b.sn.rank ||
        Number(b.e.active) - Number(a.e.active) ||
        (a.e.kind === b.e.kind ? 0 : a.e.kind === 'agency' ? -1 : 1) ||
        (a.e.id < b.e.id ? -1 : a.e.id > b.e.id ? 1 : 0),
    );
  return ranked.slice(0, Math.max(0, limit)).map(({ e, sn }) => ({
    id: e.id,
    kind: e.kind,
    confidence: round3(sn.score),
    matchedName: sn.name.text,
  }));
}

/**
 * Resolve a free-text agency mention to the best agency or group of the index,
 * or null when nothing matches with at least `minConfidence` (default 0.5).
 */
export function resolveAgency(index: ResolverIndex, mention: string, opts: ResolveOptions = {}): Resolution | null {
  return resolve(index, mention, opts, true);
}

function resolve(index: ResolverIndex, mention: string, opts: ResolveOptions, withVariants: boolean): Resolution | null {
  const o = opts ?? {};
  const min = typeof o.minConfidence === 'number' && Number.isFinite(o.minConfidence) ? o.minConfidence : DEFAULT_MIN_CONFIDENCE;
  const maxAlt = typeof o.maxAlternatives === 'number' && o.maxAlternatives >= 0 ? Math.floor(o.maxAlternatives) : 5;
  const ranked = rank(index, mention, maxAlt + 1, withVariants);
  const top = ranked[0];
  if (!top || top.confidence < min || top.confidence <= 0) return null;
  return { ...top, alternatives: ranked.slice(1).filter((c) => c.confidence >= Math.min(min, 0.3) * 0.6) };
}

/**
 * The analysed tokens of a mention (for debugging and for explaining a match in the UI):
 * folded token, class and weight, after abbreviation expansion and phrase merging.
 */
export function analyzeMention(index: ResolverIndex, mention: string): { token: string; cls: string; weight: number }[] {
  if (typeof mention !== 'string') return [];
  return analyze(mention, index.localities).map((t) => ({ token: t.t, cls: t.cls, weight: round3(t.w) }));
}

// ---------------------------------------------------------------------------
// Lists of mentions
// ---------------------------------------------------------------------------

export interface ListItem {
  /** The part of the text this item covers (normalised). */
  text: string;
  /** Its resolution, or null for a part that names no agency of the directory. */
  resolution: Resolution | null;
}

/** "Chủ trì:", "Cơ quan phối hợp:", "Đơn vị chủ trì thực hiện:" — a field label, not a mention. */
const FIELD_LABEL = /^(?:(?:co quan|don vi)\s+)?(?:chu tri|phoi hop|thuc hien)(?:\s+thuc hien)?$/;
/** Where a list of mentions may be cut: commas, semicolons, colons, slashes, parentheses, "và", "với". */
const LIST_SEPARATOR = /\s*[,;:/()]\s*|\s+(?:và|va|với|voi)\s+/giu;
const MAX_SPAN = 8;
const SEGMENT_COST = 0.5;

/**
 * Split a list of mentions — the way plans write the lead and coordinating agencies of a
 * task — and resolve each item: "Sở Tư pháp, Sở Thông tin và Truyền thông." gives two items;
 * "Các sở, ban, ngành, UBND các huyện, thành phố" gives the two groups; commas and "và"
 * inside names ("Sở Văn hóa, Thể thao và Du lịch") are kept, because the split that
 * explains the text with the most confident resolutions wins. Parts that name nothing
 * ("các cơ quan, đơn vị có liên quan") come back with `resolution: null`.
 */
export function resolveAgencyList(index: ResolverIndex, text: string, opts: ResolveOptions = {}): ListItem[] {
  if (typeof text !== 'string') return [];
  let norm = stripMarkers(normalizeText(text).slice(0, 2000));
  const colon = norm.indexOf(':');
  if (colon > 0 && FIELD_LABEL.test(foldAccents(norm.slice(0, colon)).trim())) norm = norm.slice(colon + 1).trim();

  // Atoms between separators, with their offsets.
  const atoms: { start: number; end: number }[] = [];
  let last = 0;
  for (const m of norm.matchAll(LIST_SEPARATOR)) {
    const at = m.index ?? 0;
    if (at > last) atoms.push({ start: last, end: at });
    last = at + m[0].length;
  }
  if (last < norm.length) atoms.push({ start: last, end: norm.length });
  // How much text a part explains: content words count once per source word.
  const weightOfText = (s: string): number =>
    analyze(s, index.localities).reduce((w, t) => w + (t.cls === 'content' || t.cls === 'admin' ? t.w * t.src : t.w), 0);
  const items = atoms.filter((a) => weightOfText(norm.slice(a.start, a.end)) > 0.1);
  const n = items.length;
  if (n === 0) return [];
  const segText = (i: number, j: number): string =>
    norm.slice((items[i] as { start: number }).start, (items[j - 1] as { end: number }).end);

  // Best segmentation: maximise Σ weight × confidence³ over resolved segments, where two
  // neighbouring segments may not resolve to the same entry (that is one mention cut in two:
  // "các sở" + "ban, ngành").
  interface State {
    value: number;
    from: number;
    fromKey: string;
    res: Resolution | null;
  }
  const states: Map<string, State>[] = Array.from({ length: n + 1 }, () => new Map());
  states[0]?.set('', { value: 0, from: -1, fromKey: '', res: null });
  const cache = new Map<string, Resolution | null>();
  for (let j = 1; j <= n; j++) {
    for (let i = Math.max(0, j - MAX_SPAN); i < j; i++) {
      const from = states[i] as Map<string, State>;
      if (from.size === 0) continue;
      const seg = segText(i, j);
      let res = cache.get(seg);
      if (res === undefined) {
        // No colon/parenthesis variants here: the segmentation itself cuts there.
        res = resolve(index, seg, opts, false);
        cache.set(seg, res);
      }
      // An unresolved part stays one atom long: it must not glue neighbours together.
      if (!res && j - i > 1) continue;
      // Each resolved part costs a little: on a tie, fewer and longer parts win.
      const gain = res ? weightOfText(seg) * res.confidence ** 3 - SEGMENT_COST : 0;
      for (const [fromKey, st] of from) {
        // The state is the last resolved id, kept across unresolved parts.
        if (res && fromKey === res.id) continue;
        const key = res ? res.id : fromKey;
        const value = st.value + gain;
        const cur = (states[j] as Map<string, State>).get(key);
        if (!cur || value > cur.value) (states[j] as Map<string, State>).set(key, { value, from: i, fromKey, res });
      }
    }
  }
  let endKey = '';
  let endBest = -1;
  for (const [k, st] of states[n] as Map<string, State>) {
    if (st.value > endBest) {
      endBest = st.value;
      endKey = k;
    }
  }
  const parts: { start: number; end: number; resolution: Resolution | null }[] = [];
  for (let j = n, key = endKey; j > 0; ) {
    const st = (states[j] as Map<string, State>).get(key);
    if (!st) break;
    const start = (items[st.from] as { start: number }).start;
    const end = (items[j - 1] as { end: number }).end;
    const next = parts[0];
    // Adjacent unresolved atoms come back as one item.
    if (!st.res && next && !next.resolution) next.start = start;
    else parts.unshift({ start, end, resolution: st.res });
    j = st.from;
    key = st.fromKey;
  }
  const out: ListItem[] = parts.map((p) => ({ text: norm.slice(p.start, p.end), resolution: p.resolution }));
  return out;
}
