/**
 * Plan parser: reads the text of a Vietnamese policy-communication plan (kế hoạch) and
 * returns its structure — number, issuer, place, date, title, the documents it
 * implements, its tasks (lead and coordinating agencies, timeline, outputs), the duties
 * per agency under "Tổ chức thực hiện", the reporting rules and the signer — with the
 * source span of every field (offsets into {@link normalizePlanText} of the input), a
 * confidence per task field and warnings for what it could not read.
 *
 * Shapes handled: fields "Chủ trì / Cơ quan chủ trì / Đơn vị chủ trì", "Phối hợp",
 * "Thời gian thực hiện / hoàn thành / Thời hạn", "Kết quả, sản phẩm / Sản phẩm / Hình
 * thức" on their own lines or inline; tasks given only as numbered items; duties per
 * agency under "Tổ chức thực hiện"; task tables (STT | Nội dung | Chủ trì | Phối hợp |
 * Thời gian | Sản phẩm) written as pipe- or tab-separated rows. Keywords are matched
 * without diacritics and with some OCR tolerance; lines broken by a scan are joined back.
 * Agency names are resolved against a list of names (the directory's, or the built-in
 * list of {@link ./agency-names.ts}) to restore their diacritics.
 *
 * Pure code, no I/O. Never throws.
 */

import { buildResolverIndex, rankAgencies, tokenSimilarity, type ResolverEntry, type ResolverIndex } from './agency-resolver.ts';
import { builtinNameEntries, findProvince, issuerFromCode } from './agency-names.ts';
import { foldAccents, normalizeText } from './vietnamese.ts';

// ---------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------

/** Offsets [start, end) into the normalised text ({@link normalizePlanText}). */
export interface Span {
  start: number;
  end: number;
}

export type TimelineKind = 'recurring' | 'annual' | 'deadline' | 'period' | 'unspecified';

export interface Timeline {
  /** The timeline as written, or null when the task gives none. */
  text: string | null;
  kind: TimelineKind;
  /** ISO date of a deadline ("trước tháng 12/2024" → "2024-12-01"). */
  due: string | null;
  /** Start and end of a period: "2023", or "2024-06" for a month. */
  from: string | null;
  to: string | null;
}

export interface TaskSpans {
  ref: Span | null;
  title: Span | null;
  lead: Span[];
  coordinating: Span[];
  timeline: Span | null;
  outputs: Span | null;
}

/** How sure the parser is of each field, in [0, 1]; low values deserve a look in review. */
export interface TaskConfidence {
  title: number;
  lead: number;
  coordinating: number;
  timeline: number;
  outputs: number;
}

export interface ParsedTask {
  ref: string;
  title: string;
  lead: string[];
  coordinating: string[];
  timeline: Timeline;
  outputs: string | null;
  /** "Nội dung" field or the body of a task given as a plain item. */
  content: string | null;
  /** The part of the plan it comes from ("II"), or "PL" for an appendix table. */
  section: string | null;
  /** Agency mentions that matched no known name (printed as written). */
  unresolved: string[];
  spans: TaskSpans;
  confidence: TaskConfidence;
}

export interface Responsibility {
  agency: string;
  /** Section and item where the duty is given: "IV.2". */
  section: string;
  /** The duties text. */
  duties: string | null;
  span: Span | null;
  confidence: number;
}

export type Recurrence = 'annual' | 'semiannual' | 'quarterly' | 'monthly' | 'once' | 'ad_hoc';

export interface ReportingRule {
  /** Who reports (agencies joined with ", "). */
  who: string;
  /** To whom, or null when the text does not say. */
  to: string | null;
  month: number | null;
  day: number | null;
  recurrence: Recurrence;
  /** For a one-off report with a full date. */
  year: number | null;
  whoList: string[];
  span: Span | null;
}

export interface BasisDocument {
  number: string;
  date: string | null;
  /** "Chỉ thị", "Quyết định", "Kế hoạch"… from the number's kind code. */
  kind: string | null;
  span: Span | null;
}

export interface Signer {
  name: string | null;
  title: string | null;
}

export interface PlanSpans {
  number: Span | null;
  issuer: Span | null;
  place: Span | null;
  date: Span | null;
  title: Span | null;
  signerName: Span | null;
  signerTitle: Span | null;
}

export interface ParsedPlan {
  number: string | null;
  issuer: string | null;
  place: string | null;
  date: string | null;
  title: string | null;
  basis: BasisDocument[];
  tasks: ParsedTask[];
  responsibilities: Responsibility[];
  reporting: ReportingRule[];
  signer: Signer;
  warnings: string[];
  spans: PlanSpans;
  /** The text looks like an OCR scan that lost its diacritics. */
  lostDiacritics: boolean;
}

export interface ParseOptions {
  /** Names of the directory's agencies and groups (preferred over the built-in ones). */
  agencyNames?: string[];
  /** Also use the built-in list of agency names (default true). */
  builtinNames?: boolean;
}

// ---------------------------------------------------------------------------
// Text: normalisation, folding with the same length
// ---------------------------------------------------------------------------

/**
 * The text every span refers to: line breaks kept (CR/LF → LF), each line normalised
 * with {@link normalizeText} (NFC, tone placement, spaces collapsed), tab-separated cells
 * turned into " | " cells, markdown bold removed, runs of blank lines reduced to one.
 */
export function normalizePlanText(text: string): string {
  if (typeof text !== 'string' || text.length === 0) return '';
  const lines = text.replace(/\r\n?/g, '\n').replace(/[\u2028\u2029\u0085\v\f]/g, '\n').split('\n');
  const out: string[] = [];
  let pendingBlank = false;
  for (const raw of lines) {
    let line = raw;
    if (line.includes('\t')) {
      const cells = line.split('\t').map((c) => c.trim());
      while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
      if (cells.filter((c) => c.length > 0).length >= 2) line = cells.join(' | ');
    }
    line = normalizeText(line.replace(/\*\*|__/g, ''));
    if (!line) {
      pendingBlank = out.length > 0;
      continue;
    }
    if (pendingBlank) out.push('');
    pendingBlank = false;
    out.push(line);
  }
  return out.join('\n');
}

/** Folded code unit per UTF-16 code unit (0 = not computed yet). */
const FOLD_CODE = new Uint16Array(65536);
function foldCode(code: number): number {
  let f = FOLD_CODE[code] ?? 0;
  if (f !== 0) return f;
  if (code >= 65 && code <= 90) f = code + 32;
  else if (code < 128 || (code >= 0xd800 && code <= 0xdfff)) f = code;
  else {
    const ch = String.fromCharCode(code);
    const x = foldAccents(ch);
    const lower = ch.toLowerCase();
    f = x.length === 1 ? x.charCodeAt(0) : lower.length === 1 ? lower.charCodeAt(0) : code;
  }
  if (f === 0) f = code;
  FOLD_CODE[code] = f;
  return f;
}

/** Lower-case, strip diacritics, đ → d, keeping one output character per input UTF-16 unit. */
function foldKeep(s: string): string {
  const n = s.length;
  if (n === 0) return '';
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) out[i] = foldCode(s.charCodeAt(i));
  let res = '';
  for (let i = 0; i < n; i += 8192) res += String.fromCharCode(...out.subarray(i, Math.min(n, i + 8192)));
  return res;
}

/** Folded text reduced to letters, digits and single spaces (for keyword tests). */
function squeeze(folded: string): string {
  return folded
    .replace(/[^a-z0-9/ ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Characters OCR puts in place of letters inside words. */
const OCR_REPAIR: Record<string, string> = { '&': 'o', '6': 'o', '0': 'o', '¢': 'o', '4': 'a', $: 's', '€': 'e', '@': 'a', '1': 'l' };
/** Folded key of one word with OCR repairs (only inside words that have letters). */
const wordKeyMemo = new Map<string, string>();
function wordKey(word: string): string {
  const hit = wordKeyMemo.get(word);
  if (hit !== undefined) return hit;
  const out = computeWordKey(word);
  if (wordKeyMemo.size > 20000) wordKeyMemo.clear();
  wordKeyMemo.set(word, out);
  return out;
}

function computeWordKey(word: string): string {
  // "TT&TT", "KH&ĐT": an abbreviation, not OCR damage.
  if (/\p{Lu}&\p{Lu}/u.test(word)) return foldKeep(word).replace(/[^a-z0-9]/g, '');
  const f = foldKeep(word);
  if (!/[a-z]/.test(f)) return f.replace(/[^a-z0-9]/g, '');
  let out = '';
  for (const ch of f) {
    const r = Object.hasOwn(OCR_REPAIR, ch) ? OCR_REPAIR[ch] : undefined;
    if (r !== undefined) out += r;
    else if (/[a-z0-9]/.test(ch)) out += ch;
  }
  return out;
}

const isUpperStart = (w: string): boolean => /^[\p{Lu}]/u.test(w);
const isLowerStart = (w: string): boolean => /^[\p{Ll}]/u.test(w);

function cleanValue(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/^[\s\-–—+•*·:;,.]+/, '')
    .replace(/[\s;,:]+$/, '')
    .replace(/\.\/\.$/, '')
    .replace(/\.+$/, (m) => (m.length >= 3 ? m : ''))
    .trim();
}

function capitalise(s: string): string {
  const first = s.charAt(0);
  if (first && first !== first.toUpperCase() && /\p{Ll}/u.test(first)) return first.toUpperCase() + s.slice(1);
  return s;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function isoDate(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1945 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > last) return null;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

function lastDayOfMonth(y: number, m: number): string | null {
  if (m < 1 || m > 12) return null;
  return isoDate(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate());
}

function romanValue(s: string): number {
  const r = s.toUpperCase();
  if (!/^(?:X{0,3})(?:IX|IV|V?I{0,3})$/.test(r) || r === '') return 0;
  const v: Record<string, number> = { I: 1, V: 5, X: 10 };
  let total = 0;
  for (let i = 0; i < r.length; i++) {
    const cur = v[r.charAt(i)] ?? 0;
    const next = v[r.charAt(i + 1)] ?? 0;
    total += cur < next ? -cur : cur;
  }
  return total;
}

const ROMAN = ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX'];
const toRoman = (n: number): string => ROMAN[n] ?? String(n);

// ---------------------------------------------------------------------------
// Names: resolution against the directory / built-in list
// ---------------------------------------------------------------------------

interface Resolved {
  name: string;
  confidence: number;
  resolved: boolean;
}

interface NameIndex {
  index: ResolverIndex;
  canon: Map<string, string>;
}

/** The directory's and built-in names (place-independent), and the names carrying the plan's place. */
interface NameIndexes {
  base: NameIndex;
  place: NameIndex | null;
  /** Resolutions already computed with these indexes ("lost|mention" → result). */
  memo: Map<string, Resolved>;
}

function lruGet<V>(cache: Map<string, V>, key: string): V | undefined {
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
  }
  return hit;
}

function lruSet<V>(cache: Map<string, V>, key: string, value: V, max: number): void {
  cache.set(key, value);
  while (cache.size > max) {
    const first = cache.keys().next().value;
    if (first === undefined) break;
    cache.delete(first);
  }
}

const baseCache = new Map<string, NameIndex>();
const placeCache = new Map<string, NameIndex>();
const memoCache = new Map<string, Map<string, Resolved>>();

function buildNameIndex(entries: { name: string; aliases: string[]; kind: 'agency' | 'group' }[], prefix: string): NameIndex {
  const list: ResolverEntry[] = [];
  const canon = new Map<string, string>();
  entries.forEach((e, i) => {
    const id = `${prefix}${String(i).padStart(5, '0')}`;
    list.push({ id, kind: e.kind, names: [e.name, ...e.aliases], active: true });
    canon.set(id, e.name);
  });
  return { index: buildResolverIndex(list), canon };
}

function nameIndexFor(extra: readonly string[], builtin: boolean, place: { name: string; level: 'tỉnh' | 'thành phố' } | null): NameIndexes {
  const baseKey = `${builtin ? 1 : 0}|${extra.join('\u0001')}`;
  let base = lruGet(baseCache, baseKey);
  if (!base) {
    const entries: { name: string; aliases: string[]; kind: 'agency' | 'group' }[] = [];
    const seen = new Set<string>();
    for (const n of extra) {
      if (typeof n !== 'string') continue;
      const name = normalizeText(n);
      if (!name || seen.has(name)) continue;
      seen.add(name);
      const kind = /^(?:các|ubnd các|ủy ban nhân dân các)\s/iu.test(name) ? 'group' : 'agency';
      entries.push({ name, aliases: [], kind });
    }
    const list = [...entries.map((e, i) => ({ ...e, id: `a:${String(i).padStart(5, '0')}` })), ...(builtin ? builtinNameEntries(null).map((e, i) => ({ ...e, id: `b:${String(i).padStart(5, '0')}` })) : [])];
    // One index; the ids keep the directory's names ahead of the built-in ones on ties.
    base = {
      index: buildResolverIndex(list.map((e) => ({ id: e.id, kind: e.kind, names: [e.name, ...e.aliases], active: true }))),
      canon: new Map(list.map((e) => [e.id, e.name])),
    };
    lruSet(baseCache, baseKey, base, 4);
  }
  let placeIdx: NameIndex | null = null;
  if (builtin && place) {
    const placeKey = `${place.level} ${place.name}`;
    placeIdx = lruGet(placeCache, placeKey) ?? null;
    if (!placeIdx) {
      const templated = builtinNameEntries(place).slice(builtinNameEntries(null).length);
      placeIdx = buildNameIndex(templated, 'p:');
      lruSet(placeCache, placeKey, placeIdx, 16);
    }
  }
  const memoKey = `${baseKey}|${place ? `${place.level} ${place.name}` : ''}`;
  let memo = lruGet(memoCache, memoKey);
  if (!memo) {
    memo = new Map();
    lruSet(memoCache, memoKey, memo, 8);
  }
  return { base, place: placeIdx, memo };
}

const KEY_FILLERS = new Set(['va', 'cac', 'cua', 'co', 'nhung']);
/** Comparison key of a name: folded, OCR-repaired, punctuation and fillers dropped, UBND/HĐND joined. */
function nameKey(s: string): string {
  const words = s
    .split(/[^\p{L}\p{N}&$¢@€]+/u)
    .map(wordKey)
    .filter((w) => w.length > 0);
  const joined = ` ${words.join(' ')} `
    .replace(/ uy ban nhan dan /g, ' ubnd ')
    .replace(/ hoi dong nhan dan /g, ' hdnd ')
    .replace(/ tt&tt | tttt /g, ' thong tin truyen thong ');
  return joined
    .trim()
    .split(' ')
    .filter((w) => w && !KEY_FILLERS.has(w))
    .join(' ');
}

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + 2 <= s.length; i++) {
    const b = s.slice(i, i + 2);
    m.set(b, (m.get(b) ?? 0) + 1);
  }
  return m;
}

/** Dice coefficient of character bigrams (multiset), in [0, 1]. */
export function bigramDice(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const A = bigrams(a);
  const B = bigrams(b);
  let inter = 0;
  for (const [k, n] of A) inter += Math.min(n, B.get(k) ?? 0);
  return (2 * inter) / (a.length - 1 + b.length - 1);
}

/** A name written with an abbreviation ("Sở TT&TT", "Đài PT-TH tỉnh"); UBND/HĐND are how names are written. */
function isAbbreviated(name: string): boolean {
  if (name.includes('&')) return true;
  for (const w of name.split(/[\s,;()/-]+/)) {
    if (w.length >= 2 && /^[\p{Lu}\d]+$/u.test(w) && !/^(?:UBND|HĐND|MTTQ|VN|TP|ĐBQH)$/u.test(w)) return true;
  }
  return false;
}

class NameResolver {
  private readonly canon: Map<string, string>;
  constructor(
    private readonly idx: NameIndexes,
    private readonly lost: boolean,
  ) {
    this.canon = idx.place ? new Map([...idx.base.canon, ...idx.place.canon]) : idx.base.canon;
  }

  resolve(mention: string): Resolved {
    const clean = cleanMention(mention);
    const key = `${this.lost ? 1 : 0}|${clean}`;
    const hit = this.idx.memo.get(key);
    if (hit) return hit;
    const out = this.compute(clean);
    if (this.idx.memo.size > 20000) this.idx.memo.clear();
    this.idx.memo.set(key, out);
    return out;
  }

  private rank(clean: string): ReturnType<typeof rankAgencies> {
    try {
      const a = rankAgencies(this.idx.base.index, clean, 6);
      if (!this.idx.place) return a;
      const b = rankAgencies(this.idx.place.index, clean, 3);
      return [...a, ...b].sort((x, y) => y.confidence - x.confidence);
    } catch {
      return [];
    }
  }

  private compute(clean: string): Resolved {
    if (!clean || clean.length > 160) return { name: clean, confidence: 0, resolved: false };
    const ranked = this.rank(clean);
    let top = ranked[0];
    // Among near-equal names, the one spelled like the mention ("UBND các huyện, thành phố"
    // rather than "Ủy ban nhân dân các huyện, thành phố").
    if (top) {
      // Among near-equal names: full names before abbreviations ("Sở Thông tin và Truyền thông",
      // not "Sở TT&TT"); for an abbreviated mention the built-in official name; otherwise the
      // one spelled most like the mention ("UBND các huyện, thành phố", not "Ủy ban nhân dân…").
      const want = squeeze(foldKeep(clean));
      const best = top.confidence;
      const near = ranked.filter((c) => c.confidence >= best - 0.03);
      const full = near.filter((c) => !isAbbreviated(this.canon.get(c.id) ?? c.matchedName));
      const pool = full.length > 0 ? full : near;
      // The official name of an agency written with its fillers dropped ("Sở Thông tin Truyền
      // thông" → "Sở Thông tin và Truyền thông"), even when the directory lists that variant.
      const mk0 = nameKey(clean);
      const official = isAbbreviated(clean)
        ? pool.find((c) => c.id.startsWith('b:'))
        : pool.find((c) => c.kind === 'agency' && c.id.startsWith('b:') && nameKey(this.canon.get(c.id) ?? '') === mk0);
      if (official) top = official;
      else {
        let bestSim = -1;
        for (const c of pool) {
          const sim = bigramDice(want, squeeze(foldKeep(this.canon.get(c.id) ?? c.matchedName)));
          if (sim > bestSim) {
            bestSim = sim;
            top = c;
          }
        }
      }
    }
    if (!top || top.confidence < 0.5) return { name: clean, confidence: top?.confidence ?? 0, resolved: false };
    const canon = this.canon.get(top.id) ?? top.matchedName;
    const mk = nameKey(clean);
    // A group keeps its wording ("cơ quan thông tin, báo chí tỉnh"); only its diacritics and
    // punctuation are restored. An agency may also gain its fillers ("Sở Thông tin và Truyền thông").
    const sameWords =
      top.kind === 'group'
        ? squeeze(foldKeep(clean)) === squeeze(foldKeep(canon)) || squeeze(foldKeep(clean)) === squeeze(foldKeep(top.matchedName))
        : mk === nameKey(top.matchedName) || mk === nameKey(canon);
    const lostHere = this.lost || !/[^\p{ASCII}]/u.test(clean.replace(/[^\p{L}]/gu, ''));
    if (sameWords && top.confidence >= 0.75) return { name: canon, confidence: top.confidence, resolved: true };
    if (lostHere && top.confidence >= 0.6) return { name: canon, confidence: top.confidence, resolved: true };
    if (top.kind === 'agency' && top.confidence >= 0.85) {
      const have = new Set(nameKey(top.matchedName).split(' '));
      if (mk.split(' ').every((w) => have.has(w))) return { name: canon, confidence: top.confidence, resolved: true };
    }
    return { name: clean, confidence: top.confidence, resolved: true };
  }
}

/** Words in front of an agency that are not part of its name ("Đề nghị", "Chủ tịch", "Thủ trưởng"). */
const ROLE_PREFIXES = ['de nghi', 'giao', 'yeu cau', 'chu tich', 'pho chu tich', 'thu truong', 'giam doc', 'pho giam doc', 'lanh dao', 'nguoi dung dau'].map((p) => p.split(' '));
const JOIN_PREFIXES = ['va', 'voi', 'cung', 'la'].map((p) => [p]);
const MENTION_PREFIXES = [...ROLE_PREFIXES, ...JOIN_PREFIXES];

/**
 * Length in words of a prefix phrase at `i` (0 when none). One-word prefixes must match
 * exactly ("cùng" is not "Công"); longer ones tolerate OCR damage ("Thu truéng", "Chi tich").
 */
const prefixMemo = new Map<string, number>();
function prefixLength(words: readonly string[], i: number, prefixes: readonly string[][]): number {
  const w0 = wordKey(words[i] ?? '');
  if (!w0) return 0;
  const key = `${prefixes === ROLE_PREFIXES ? 'r' : 'm'}|${words.slice(i, i + 4).join(' ')}|${i + 4 >= words.length ? 1 : 0}`;
  const hit = prefixMemo.get(key);
  if (hit !== undefined) return hit;
  const out = computePrefixLength(words, i, prefixes, w0);
  if (prefixMemo.size > 20000) prefixMemo.clear();
  prefixMemo.set(key, out);
  return out;
}

function computePrefixLength(words: readonly string[], i: number, prefixes: readonly string[][], w0: string): number {
  let best = 0;
  for (const p of prefixes) {
    const first = p[0] as string;
    if (p.length === 1) {
      if (w0 === first && best < 1) best = 1;
      continue;
    }
    if (i + p.length >= words.length || w0.charAt(0) !== first.charAt(0)) continue;
    let joined = '';
    for (let k = 0; k < p.length; k++) joined += wordKey(words[i + k] ?? '');
    const target = p.join('');
    if (joined === target || (Math.abs(joined.length - target.length) <= 2 && tokenSimilarity(joined, target) >= 0.8)) best = Math.max(best, p.length);
  }
  return best;
}

function cleanMention(s: string): string {
  let t = s.replace(/\s+/g, ' ').trim();
  // Leading list markers and junk; trailing punctuation. OCR reads "C" as "(;" or "(".
  t = t.replace(/^(?:\d{1,2}(?:\.\d{1,2})*[.)]\s*|[-–—+•*·]\s*)/, '');
  t = t.replace(/^\(;?(?=\p{Ll})/u, 'C');
  t = t.replace(/^[^\p{L}\p{N}]+/u, '').replace(/[\s.,;:]+$/, '');
  for (let guard = 0; guard < 4; guard++) {
    const words = t.split(' ');
    const cut = prefixLength(words, 0, MENTION_PREFIXES);
    if (cut === 0 || cut >= words.length) break;
    t = words.slice(cut).join(' ');
  }
  return capitalise(t.trim());
}

// ---------------------------------------------------------------------------
// Agency lists: splitting "Sở Tư pháp, Sở Thông tin và Truyền thông" into two
// ---------------------------------------------------------------------------

interface Head {
  words: string[];
  needCap?: boolean;
}

const SPECIFIC_HEADS: Head[] = [
  { words: ['uy', 'ban'] },
  { words: ['ubnd'] },
  { words: ['hdnd'] },
  { words: ['ubmttq'] },
  { words: ['hoi', 'dong', 'nhan'] },
  { words: ['mat', 'tran'] },
  { words: ['so'], needCap: true },
  { words: ['bo'], needCap: true },
  { words: ['ban'], needCap: true },
  { words: ['bao'], needCap: true },
  { words: ['dai'], needCap: true },
  { words: ['van', 'phong'] },
  { words: ['vp'] },
  { words: ['cong', 'an'] },
  { words: ['tap', 'chi'], needCap: true },
  { words: ['trung', 'tam'] },
  { words: ['cong', 'thong'] },
  { words: ['cong', 'ttdt'] },
  { words: ['hoi'], needCap: true },
  { words: ['lien', 'doan'] },
  { words: ['lien', 'hiep'] },
  { words: ['doan'], needCap: true },
  { words: ['tinh', 'doan'] },
  { words: ['tinh', 'uy'] },
  { words: ['thanh', 'uy'] },
  { words: ['thanh', 'doan'] },
  { words: ['chi', 'cuc'] },
  { words: ['tong', 'cuc'] },
  { words: ['cuc'], needCap: true },
  { words: ['thanh', 'tra'] },
  { words: ['vien'], needCap: true },
  { words: ['toa', 'an'] },
  { words: ['kho', 'bac'] },
  { words: ['bao', 'hiem'] },
  { words: ['ngan', 'hang'] },
  { words: ['truong'], needCap: true },
  { words: ['phong'], needCap: true },
  { words: ['chinh', 'phu'] },
  { words: ['thong', 'tan'] },
  { words: ['thuong', 'truc'] },
  { words: ['thuong', 'vu'] },
];

/** Folded key of a word for head tests, with the OCR forms of "Sở" and "Đài". */
function headWordKey(word: string): string {
  const k = wordKey(word);
  if ((k === 'se' || k === 'sa' || k === 's') && /^S/.test(word)) return 'so';
  if (k === 'pai' && /^P/.test(word)) return 'dai';
  return k;
}

function isSoNumber(word: string): boolean {
  // "số" (number) folds like "sở" (department).
  return /^s[ốỐ]$/iu.test(word) || /^Số$/u.test(word);
}

const headMemo = new Map<string, number>();
/** Does the text start with an agency head ("Sở …", "UBND …", "Ban Tuyên giáo …")? Role words in front are skipped. */
function specificHeadLength(words: readonly string[], from = 0): number {
  const key = words.slice(from, from + 8).join(' ');
  const hit = headMemo.get(key);
  if (hit !== undefined) return hit;
  const out = computeHeadLength(words, from);
  if (headMemo.size > 20000) headMemo.clear();
  headMemo.set(key, out);
  return out;
}

function computeHeadLength(words: readonly string[], from: number): number {
  let i = from;
  // Skip role words: "Chủ tịch UBND…", "Thủ trưởng…", "Đề nghị…".
  for (let guard = 0; guard < 3 && i < words.length; guard++) {
    const n = prefixLength(words, i, ROLE_PREFIXES);
    if (n === 0) break;
    i += n;
  }
  for (const h of SPECIFIC_HEADS) {
    if (i + h.words.length > words.length) continue;
    let ok = true;
    for (let k = 0; k < h.words.length; k++) {
      const w = words[i + k] ?? '';
      const key = k === 0 ? headWordKey(w) : wordKey(w);
      if (key !== h.words[k]) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    const first = words[i] ?? '';
    if (h.words[0] === 'so' && isSoNumber(first)) continue;
    if (h.needCap) {
      const next = words[i + h.words.length];
      if (!next || !(isUpperStart(next) || /^\p{Lu}{2,}/u.test(next))) continue;
      // "Báo cáo", "Báo chí": not a newspaper.
      if (h.words[0] === 'bao' && /^(cao|chi)$/.test(wordKey(next))) continue;
      if (!isUpperStart(first) && !/^[sS]/.test(first)) continue;
    }
    return i - from + h.words.length;
  }
  return 0;
}

/** Does an agency (or a collective "các cơ quan…") start here, after any role words ("Thủ trưởng", "Chủ tịch")? */
function agencyStarts(words: readonly string[]): boolean {
  let i = 0;
  for (let guard = 0; guard < 3 && i < words.length; guard++) {
    const n = prefixLength(words, i, ROLE_PREFIXES);
    if (n === 0) break;
    i += n;
  }
  return specificHeadLength(words, i) > 0 || isCollectiveStart(words.slice(i));
}

function isCollectiveStart(words: readonly string[]): boolean {
  const k0 = wordKey(words[0] ?? '');
  const k1 = wordKey(words[1] ?? '');
  if (/^c[a-z]c$/.test(k0) && words.length >= 2) return true; // "các", OCR "céc"
  if ((k0 === 'co' && k1 === 'quan') || (k0 === 'don' && k1 === 'vi')) return true;
  return false;
}

interface Piece {
  start: number;
  end: number;
}

/**
 * Split an agency list into mentions (offsets relative to `text`). Commas and "và" inside
 * names stay ("Sở Văn hóa, Thể thao và Du lịch"), collective forms stay whole ("Các sở,
 * ban, ngành", "UBND các huyện, thị xã, thành phố"); a new mention starts at an agency
 * head ("Sở …", "UBND …", "Ban Tuyên giáo …") or at "các …" / "cơ quan …" after a
 * specific agency. Semicolons always separate.
 */
export function splitAgencyList(text: string): Piece[] {
  const out: Piece[] = [];
  if (!text) return out;
  const fold = foldKeep(text);
  // Atoms between separators outside parentheses.
  const atoms: { start: number; end: number; sep: ',' | ';' | 'va' | '' }[] = [];
  // Parentheses that close: separators inside them do not count ("(qua Sở TT&TT)"); a lone
  // "(" is OCR debris ("(;éc" for "Các").
  const inParen = new Uint8Array(text.length);
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (ch === '(') open.push(i);
    else if (ch === ')' && open.length > 0) {
      const o = open.pop() as number;
      inParen.fill(1, o, i + 1);
    }
  }
  let atomStart = 0;
  let sep: ',' | ';' | 'va' | '' = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (inParen[i]) continue;
    let cut = 0;
    let nextSep: ',' | ';' | 'va' = ',';
    if (ch === ',' || ch === ';') {
      cut = 1;
      nextSep = ch === ';' ? ';' : ',';
    } else if (ch === ' ' && fold.startsWith(' va ', i)) {
      cut = 4;
      nextSep = 'va';
    }
    if (cut > 0) {
      if (i > atomStart) atoms.push({ start: atomStart, end: i, sep });
      sep = nextSep;
      atomStart = i + cut;
      i += cut - 1;
    }
  }
  if (atomStart < text.length) atoms.push({ start: atomStart, end: text.length, sep });

  let cur: { start: number; end: number; specific: boolean } | null = null;
  for (const atom of atoms) {
    const raw = text.slice(atom.start, atom.end);
    const lead = raw.length - raw.trimStart().length;
    const start = atom.start + lead;
    const end = atom.start + raw.trimEnd().length;
    if (end <= start) continue;
    const words = text.slice(start, end).split(/\s+/);
    const specific = specificHeadLength(words) > 0;
    let startNew = cur === null || atom.sep === ';';
    if (!startNew && cur) {
      if (specific) startNew = true;
      else if (isCollectiveStart(words)) {
        startNew = /^c[a-z]c$/.test(wordKey(words[0] ?? '')) || cur.specific;
      }
    }
    if (startNew || !cur) {
      if (cur) out.push({ start: cur.start, end: cur.end });
      cur = { start, end, specific };
    } else {
      cur.end = end;
    }
  }
  if (cur) out.push({ start: cur.start, end: cur.end });
  return out.filter((p) => /\p{L}/u.test(text.slice(p.start, p.end)));
}

/** Does every part of this text look like an agency (so an unlabelled line is a list of agencies)? */
function looksLikeAgencyList(text: string, resolver: NameResolver): boolean {
  const pieces = splitAgencyList(text);
  if (pieces.length === 0) return false;
  if (text.split(/\s+/).length > 30) return false;
  return pieces.every((p) => {
    const t = text.slice(p.start, p.end);
    const words = t.split(/\s+/);
    if (words.length > 14) return false;
    if (specificHeadLength(words) > 0 || isCollectiveStart(words)) return true;
    const r = resolver.resolve(t);
    return r.resolved && r.confidence >= 0.7;
  });
}

// ---------------------------------------------------------------------------
// Timelines
// ---------------------------------------------------------------------------

const RE_RECURRING = /\b(?:thuong xuyen|lien tuc|hang ngay|hang tuan|hang thang|hang quy|moi thang|moi quy|dinh ky hang thang)\b/;
const RE_ANNUAL = /\b(?:h[aiu]ng n[aiu]m|moi nam|hang nam|tung nam|cac nam)\b/;

/** Parse a timeline text ("Thường xuyên", "Hoàn thành trước tháng 12/2024", "Năm 2023 -2024"). */
export function parseTimeline(text: string | null | undefined): Timeline {
  const raw = typeof text === 'string' ? cleanValue(text) : '';
  const none: Timeline = { text: raw || null, kind: 'unspecified', due: null, from: null, to: null };
  if (!raw) return none;
  const f = squeezeDates(foldKeep(raw));
  const deadline = (due: string | null): Timeline | null => (due ? { text: raw, kind: 'deadline', due, from: null, to: null } : null);

  // 1. "trước ngày 15/11/2024", "trước tháng 12/2024", "chậm nhất ngày …", "trước năm 2025".
  const before = /\b(?:truoc|cham nhat(?: la)?|han chot|khong muon hon|han)\b\s*(?:ngay\s*)?/g;
  for (const m of f.matchAll(before)) {
    const rest = f.slice((m.index ?? 0) + m[0].length);
    let d = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/.exec(rest);
    if (d) {
      const r = deadline(isoDate(+d[3]!, +d[2]!, +d[1]!));
      if (r) return r;
    }
    d = /^(\d{1,2})\s*thang\s*(\d{1,2})\s*(?:nam|\/)\s*(\d{4})/.exec(rest);
    if (d) {
      const r = deadline(isoDate(+d[3]!, +d[2]!, +d[1]!));
      if (r) return r;
    }
    d = /^thang\s*(\d{1,2})\s*(?:nam|\/|-)\s*(\d{4})/.exec(rest);
    if (d) {
      const r = deadline(isoDate(+d[2]!, +d[1]!, 1));
      if (r) return r;
    }
    d = /^quy\s*(i{1,3}|iv|[1-4])\s*(?:nam|\/|-)\s*(\d{4})/.exec(rest);
    if (d) {
      const q = /^\d$/.test(d[1]!) ? +d[1]! : romanValue(d[1]!);
      const r = deadline(isoDate(+d[2]!, (q - 1) * 3 + 1, 1));
      if (r) return r;
    }
    d = /^nam\s*(\d{4})/.exec(rest);
    if (d) {
      const r = deadline(isoDate(+d[1]!, 1, 1));
      if (r) return r;
    }
  }

  // 2. Recurring or annual, whichever the text says first.
  const rec = RE_RECURRING.exec(f);
  const ann = RE_ANNUAL.exec(f);
  if (rec || ann) {
    const kind: TimelineKind = rec && (!ann || rec.index <= ann.index) ? 'recurring' : 'annual';
    return { text: raw, kind, due: null, from: null, to: null };
  }

  // 3. An exact date: "ngày 30/6/2024", "30/6/2024".
  let d = /(?:^|[^\d/])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\b/.exec(f);
  if (d) {
    const r = deadline(isoDate(+d[3]!, +d[2]!, +d[1]!));
    if (r) return r;
  }
  d = /\bngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})/.exec(f);
  if (d) {
    const r = deadline(isoDate(+d[3]!, +d[2]!, +d[1]!));
    if (r) return r;
  }

  // 4. Periods of years: "năm 2023-2024", "giai đoạn 2023 - 2025", "từ năm 2023 đến năm 2025".
  const years = /\b((?:19|20|21)\d{2})\s*(?:-|–|—|den(?: het)?(?: nam)?|toi(?: nam)?)\s*(?:nam\s*)?((?:19|20|21)\d{2})\b/.exec(f);
  if (years) {
    return { text: raw, kind: 'period', due: null, from: years[1]!, to: years[2]! };
  }
  // Month ranges: "từ tháng 6/2024 đến tháng 12/2024", "tháng 6 - tháng 12/2024".
  const months = /\bthang\s*(\d{1,2})\s*(?:\/\s*((?:19|20|21)\d{2}))?\s*(?:-|–|den|toi)\s*(?:thang\s*)?(\d{1,2})\s*(?:\/|nam)\s*((?:19|20|21)\d{2})\b/.exec(f);
  if (months) {
    const m1 = +months[1]!;
    const m2 = +months[3]!;
    const y2 = +months[4]!;
    const y1 = months[2] ? +months[2] : y2;
    if (m1 >= 1 && m1 <= 12 && m2 >= 1 && m2 <= 12) {
      return { text: raw, kind: 'period', due: null, from: `${y1}-${pad2(m1)}`, to: `${y2}-${pad2(m2)}` };
    }
  }
  // "đến năm 2025", "đến hết năm 2025": a period ending then.
  const until = /\b(?:den|toi)(?: het| cuoi)?(?: nam)?\s*((?:19|20|21)\d{2})\b/.exec(f);
  if (until) return { text: raw, kind: 'period', due: null, from: null, to: until[1]! };
  // A month: "tháng 12/2024", "trong tháng 12 năm 2024" → end of the month.
  const month = /\bthang\s*(\d{1,2})\s*(?:\/|nam|-)\s*((?:19|20|21)\d{2})\b/.exec(f);
  if (month) {
    const r = deadline(lastDayOfMonth(+month[2]!, +month[1]!));
    if (r) return r;
  }
  // A quarter: "quý IV/2024" → end of the quarter.
  const quarter = /\bquy\s*(i{1,3}|iv|[1-4])\s*(?:\/|nam|-)\s*((?:19|20|21)\d{2})\b/.exec(f);
  if (quarter) {
    const q = /^\d$/.test(quarter[1]!) ? +quarter[1]! : romanValue(quarter[1]!);
    if (q >= 1 && q <= 4) {
      const r = deadline(lastDayOfMonth(+quarter[2]!, q * 3));
      if (r) return r;
    }
  }
  // "từ năm 2024": open period.
  const since = /\btu(?: nam)?\s*((?:19|20|21)\d{2})\b/.exec(f);
  if (since) return { text: raw, kind: 'period', due: null, from: since[1]!, to: null };
  // A single year: "năm 2024"; "hoàn thành trong năm 2024" is a deadline at its end.
  const year = /\b((?:19|20|21)\d{2})\b/.exec(f);
  if (year) {
    if (/\b(?:hoan thanh|xong|ket thuc)\b/.test(f)) {
      const r = deadline(isoDate(+year[1]!, 12, 31));
      if (r) return r;
    }
    return { text: raw, kind: 'period', due: null, from: year[1]!, to: year[1]! };
  }
  return none;
}

/** "30/32022" (a lost slash) and "1 /12" spacing: keep dates readable for the regexes. */
function squeezeDates(f: string): string {
  return f.replace(/\s+/g, ' ');
}

// ---------------------------------------------------------------------------
// Document structure
// ---------------------------------------------------------------------------

interface Line {
  start: number;
  end: number;
  text: string;
  fold: string;
}

type ParaKind = 'roman' | 'num' | 'letter' | 'dash' | 'row' | 'text';

interface Para {
  start: number;
  end: number;
  text: string;
  fold: string;
  kind: ParaKind;
  /** Numbering as written: "1.1", "a", "III". */
  ref: string;
  /** Absolute offset where the content after the marker starts. */
  contentStart: number;
  closing: boolean;
}

type SectionKind = 'purpose' | 'content' | 'organisation' | 'budget' | 'reporting' | 'appendix' | 'other' | 'closing';

interface Node {
  kind: 'root' | 'num' | 'letter' | 'dash';
  ref: string;
  depth: number;
  para: Para | null;
  children: Node[];
  body: Para[];
  parent: Node | null;
}

interface Section {
  roman: string | null;
  heading: string;
  kind: SectionKind;
  paras: Para[];
  root: Node;
}

const RE_ROMAN = /^([IVXivxl1]{1,6})\s*[.):]\s*(\S.*)$/u;
const RE_NUM = /^(\d{1,2}(?:\.\d{1,2}){0,3})(?:[.)]|(?<=\d\.\d{1,2})(?=\s))(?!\d)\s*(.*)$/u;
const RE_LETTER = /^([a-zđ])\)\s*(\S.*)$/u;
const RE_DASH = /^[-–—+•*·]\s*(.*)$/u;

/** Words of part headings ("MỤC ĐÍCH, YÊU CẦU", "Nội dung thực hiện", "Tổ chức thực hiện"). */
const RE_PART_WORDS = /\b(?:muc dich|yeu cau|muc tieu|quan diem|noi dung|nhiem vu|giai phap|to chuc thuc hien|trach nhiem|kinh phi|che do bao cao|phu luc|pham vi|doi tuong|hoat dong|de xuat|kien nghi)\b/;

/** A heading's text: mostly upper case, or a short line naming a usual part of a plan. */
function headingText(rest: string, allowKeyword: boolean): boolean {
  const letters = rest.replace(/[^\p{L}]/gu, '');
  if (letters.length < 3) return false;
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  if (upper / letters.length >= 0.7) return true;
  return allowKeyword && rest.length <= 100 && /^\p{Lu}/u.test(rest) && !/[.;]$/.test(rest) && RE_PART_WORDS.test(squeeze(foldKeep(rest)));
}

function romanHeading(text: string): { value: number; rest: string } | null {
  const m = RE_ROMAN.exec(text);
  if (!m) return null;
  const cand = m[1]!.replace(/1/g, 'I').replace(/l/g, 'I').toUpperCase();
  const value = romanValue(cand);
  if (value < 1 || value > 20) return null;
  const rest = m[2]!;
  // Lower-case roman letters only when OCR produced them ("I11"); a lone "v." is a word; "1." is a number.
  if (/^[vx]/.test(m[1]!) || !/[IVX]/.test(m[1]!)) return null;
  // Mixed-case headings ("II. Nội dung thực hiện") only for real roman numerals.
  if (!headingText(rest, /^[IVX]+$/.test(m[1]!))) return null;
  return { value, rest };
}

/** How the plan numbers its parts: I./II., A./B., or 1./2. in capitals; 'none' when it does not. */
type HeadingMode = 'roman' | 'letter' | 'numbered' | 'none';

function partHeading(text: string, mode: HeadingMode): { ref: string; rest: string } | null {
  if (mode === 'roman') {
    const r = romanHeading(text);
    return r ? { ref: toRoman(r.value), rest: r.rest } : null;
  }
  if (mode === 'letter') {
    const m = /^([A-H])\s*[.)]\s*(\S.*)$/u.exec(text);
    return m && headingText(m[2]!, true) ? { ref: m[1]!, rest: m[2]! } : null;
  }
  if (mode === 'numbered') {
    const m = /^(\d{1,2})\s*[.)]\s*(\S.*)$/u.exec(text);
    return m && headingText(m[2]!, false) && m[2]!.length <= 120 ? { ref: m[1]!, rest: m[2]! } : null;
  }
  return null;
}

function detectHeadingMode(lines: Line[]): HeadingMode {
  let roman = 0;
  let letter = 0;
  let numbered = 0;
  for (const l of lines) {
    if (!l.text || l.text.length > 160) continue;
    if (partHeading(l.text, 'roman')) roman++;
    else if (partHeading(l.text, 'letter')) letter++;
    else if (partHeading(l.text, 'numbered')) numbered++;
  }
  if (roman >= 2 || (roman === 1 && letter < 2 && numbered < 2)) return 'roman';
  if (letter >= 2) return 'letter';
  if (numbered >= 2) return 'numbered';
  return 'none';
}

function isTableRow(text: string): boolean {
  const pipes = text.split('|').length - 1;
  return pipes >= 2 && !/^\|?\s*$/.test(text);
}

function isRecipientsMarker(fold: string): boolean {
  return /^n[o0]i\s*nh[a-z]{1,2}n\b/.test(fold);
}

function isClosingMarker(fold: string): boolean {
  return isRecipientsMarker(fold) || /^tren day\b/.test(fold);
}

function isAppendixMarker(fold: string): boolean {
  return /^phu luc\b/.test(fold);
}

function classifySection(heading: string): SectionKind {
  const k = squeeze(foldKeep(heading));
  if (/\b(?:to chuc thuc hien|trach nhiem thuc hien|phan cong (?:nhiem vu|trach nhiem|thuc hien))\b/.test(k) || /^to chuc trien khai\b/.test(k)) return 'organisation';
  if (/\bphu luc\b/.test(k)) return 'appendix';
  if (/\bche do bao cao\b/.test(k) || /^(?:bao cao|thong tin bao cao)\b/.test(k)) return 'reporting';
  if (/\bkinh phi\b/.test(k) && !/\bnhiem vu\b/.test(k)) return 'budget';
  if (/\b(?:noi dung|nhiem vu|giai phap|hoat dong|cong viec|chuong trinh)\b/.test(k)) return 'content';
  if (/\b(?:muc dich|yeu cau|muc tieu|quan diem|chi tieu|pham vi|doi tuong)\b/.test(k)) return 'purpose';
  if (/\b(?:y|p)[a-z]?ch\b.*\byeu cau\b/.test(k)) return 'purpose';
  return 'other';
}

/** Split the body into lines, then paragraphs (OCR-broken lines joined back). */
function buildParagraphs(lines: Line[], from: number, to: number, norm: string, fold: string, wrapped: boolean, mode: HeadingMode): Para[] {
  const paras: Para[] = [];
  let cur: { start: number; end: number; lastText: string } | null = null;
  let blank = false;
  let closing = false;
  const flush = (): void => {
    if (!cur) return;
    paras.push(makePara(cur.start, cur.end, norm, fold, closing, mode));
    cur = null;
  };
  for (let i = from; i < to; i++) {
    const line = lines[i] as Line;
    if (line.text === '') {
      blank = true;
      continue;
    }
    if (isRecipientsMarker(line.fold)) {
      flush();
      closing = true;
    } else if (closing && isAppendixMarker(line.fold)) {
      flush();
      closing = false;
    }
    if (cur && shouldJoin((cur as { lastText: string }).lastText, line, blank, wrapped, mode)) {
      (cur as { end: number }).end = line.end;
      (cur as { lastText: string }).lastText = line.text;
    } else {
      flush();
      cur = { start: line.start, end: line.end, lastText: line.text };
    }
    blank = false;
  }
  flush();
  return paras;
}

function startsItem(text: string, mode: HeadingMode): boolean {
  return RE_NUM.test(text) || RE_LETTER.test(text) || RE_DASH.test(text) || partHeading(text, mode) !== null;
}

function shouldJoin(prev: string, line: Line, blank: boolean, wrapped: boolean, mode: HeadingMode): boolean {
  const cur = line.text;
  if (isTableRow(cur) || isTableRow(prev)) return false;
  if (isClosingMarker(line.fold) || isAppendixMarker(line.fold)) return false;
  const prevEnds = /[.;:!?]["”’)]?$/.test(prev) || /\.\/\.$/.test(prev);
  const first = cur.charAt(0);
  const lowerish = isLowerStart(cur) || /^[“"(]?\p{Ll}/u.test(cur);
  if (startsItem(cur, mode)) {
    // "- 2027 trên địa bàn…": a dash that continues a broken line, not a list item.
    if (!blank && !prevEnds && /^[-–]\s*\d/.test(cur)) return true;
    return false;
  }
  if (prevEnds) return !blank && lowerish && wrapped;
  if (/:$/.test(prev)) return false;
  if (blank) return lowerish;
  if (lowerish || /\d/.test(first) || /^[“"(]/.test(first)) return true;
  return wrapped && prev.length >= 40 && partHeading(prev, mode) === null;
}

function makePara(start: number, end: number, norm: string, fold: string, closing: boolean, mode: HeadingMode): Para {
  const text = norm.slice(start, end).replace(/\n/g, ' ');
  const f = fold.slice(start, end).replace(/\n/g, ' ');
  const base: Para = { start, end, text, fold: f, kind: 'text', ref: '', contentStart: start, closing };
  if (isTableRow(text)) return { ...base, kind: 'row' };
  const ph = partHeading(text, mode);
  if (ph) return { ...base, kind: 'roman', ref: ph.ref, contentStart: start + text.length - ph.rest.length };
  let m = RE_NUM.exec(text);
  if (m) {
    const rest = m[2] ?? '';
    return { ...base, kind: 'num', ref: m[1]!, contentStart: start + text.length - rest.length };
  }
  m = RE_LETTER.exec(text);
  if (m) return { ...base, kind: 'letter', ref: m[1]!, contentStart: start + text.length - (m[2] ?? '').length };
  m = RE_DASH.exec(text);
  if (m) return { ...base, kind: 'dash', contentStart: start + text.length - (m[1] ?? '').length };
  return base;
}

// ---------------------------------------------------------------------------
// Fields inside a task
// ---------------------------------------------------------------------------

type FieldKind = 'lead' | 'coordinating' | 'leadcoord' | 'timeline' | 'outputs' | 'content' | 'implementers' | 'budget';

interface Field {
  kind: FieldKind;
  /** Absolute offsets: label start, value start/end. */
  start: number;
  valueStart: number;
  valueEnd: number;
}

const LABEL_VOCAB = ['chu', 'tri', 'phoi', 'hop', 'thoi', 'gian', 'han', 'san', 'pham', 'ket', 'qua', 'hinh', 'thuc', 'noi', 'dung', 'co', 'quan', 'don', 'vi', 'hien', 'hoan', 'thanh', 'tien', 'do', 'kinh', 'phi', 'trach', 'nhiem', 'chiu', 'diem', 'trien', 'khai'];
const labelMemo = new Map<string, FieldKind | null>();

function classifyLabel(label: string): FieldKind | null {
  const raw = label.trim();
  if (!raw || raw.length > 70) return null;
  const memo = labelMemo.get(raw);
  if (memo !== undefined) return memo;
  const words = raw
    .split(/[^\p{L}\p{N}&$¢@€]+/u)
    .map(wordKey)
    .filter((w) => w.length > 0)
    .map((w) => {
      if (LABEL_VOCAB.includes(w)) return w;
      let best = w;
      let bestS = 0;
      for (const v of LABEL_VOCAB) {
        if (Math.abs(v.length - w.length) > 1) continue;
        const s = tokenSimilarity(w, v);
        if (s > bestS) {
          bestS = s;
          best = v;
        }
      }
      return bestS >= 0.75 ? best : w;
    });
  const k = words.join(' ');
  let out: FieldKind | null = null;
  if (words.length === 0 || words.length > 7 || /\bvoi\b/.test(k)) out = null;
  else if (/\bchu tri\b/.test(k) && /\bphoi hop\b/.test(k)) out = /^(?:co quan |don vi )?chu tri\b/.test(k) ? 'leadcoord' : null;
  else if (/\bphoi hop\b/.test(k)) out = 'coordinating';
  else if (/\bchu tri\b/.test(k) && !/\bphoi hop\b/.test(k)) out = 'lead';
  else if (/^(?:co quan |don vi )?chiu trach nhiem\b/.test(k)) out = 'lead';
  else if (/^(?:thoi gian|thoi han|tien do|thoi diem)\b/.test(k)) out = 'timeline';
  else if (/\b(?:san pham|ket qua)\b/.test(k) || /^hinh thuc\b/.test(k)) out = 'outputs';
  else if (/^noi dung\b/.test(k)) out = 'content';
  else if (/^(?:co quan|don vi|bo phan) (?:thuc hien|trien khai)\b/.test(k) || /^trach nhiem thuc hien\b/.test(k)) out = 'implementers';
  else if (/^(?:kinh phi|nguon kinh phi)\b/.test(k)) out = 'budget';
  if (labelMemo.size > 5000) labelMemo.clear();
  labelMemo.set(raw, out);
  return out;
}

/** Labelled fields in a paragraph, from absolute offset `from`. */
function scanFields(para: Para, from: number): Field[] {
  const text = para.text;
  const base = para.start;
  const lo0 = Math.max(0, from - base);
  const found: (Field & { paren: boolean })[] = [];
  let searchFrom = lo0;
  for (let guard = 0; guard < 30; guard++) {
    const c = text.indexOf(':', searchFrom);
    if (c < 0) break;
    searchFrom = c + 1;
    const lo = Math.max(lo0, c - 80);
    let b = -1;
    let paren = false;
    for (let k = c - 1; k >= lo; k--) {
      const ch = text.charAt(k);
      const next = text.charAt(k + 1);
      if (ch === ';' || ch === '(' || ch === ':' || (ch === '.' && next === ' ') || ((ch === '-' || ch === '–') && next === ' ' && (k === 0 || text.charAt(k - 1) === ' '))) {
        b = k + 1;
        paren = ch === '(';
        break;
      }
    }
    if (b < 0) {
      if (lo > lo0) continue;
      b = lo0;
    }
    const label = text.slice(b, c);
    if (label.trim().split(/\s+/).length > 7) continue;
    const kind = classifyLabel(label.replace(/^[\s\-–+•*·]+/, ''));
    if (!kind) continue;
    const lead = label.length - label.trimStart().length;
    found.push({ kind, start: base + b + lead, valueStart: base + c + 1, valueEnd: base + text.length, paren });
  }
  for (let i = 0; i < found.length; i++) {
    const f = found[i]!;
    const next = found[i + 1];
    let end = next ? next.start : base + text.length;
    if (f.paren) {
      const close = text.indexOf(')', f.valueStart - base);
      if (close >= 0 && base + close < end) end = base + close;
    }
    // The separator in front of the next label belongs to neither.
    while (end > f.valueStart && /[\s;(.\-–]/.test(text.charAt(end - 1 - base))) end--;
    f.valueEnd = Math.max(f.valueStart, end);
  }
  return found.map(({ kind, start, valueStart, valueEnd }) => ({ kind, start, valueStart, valueEnd }));
}

// ---------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------

interface Ctx {
  norm: string;
  fold: string;
  lines: Line[];
  warnings: string[];
  resolver: NameResolver;
  lost: boolean;
}

const span = (start: number, end: number): Span | null => (end > start ? { start, end } : null);

/** Trimmed sub-span of the normalised text with its cleaned value. */
function valueAt(ctx: Ctx, start: number, end: number): { text: string; span: Span | null } {
  let s = start;
  let e = end;
  while (s < e && /[\s\-–+•*·:;,]/.test(ctx.norm.charAt(s))) s++;
  while (e > s && /[\s;,:.(\-–]/.test(ctx.norm.charAt(e - 1))) e--;
  return { text: cleanValue(ctx.norm.slice(s, e).replace(/\n/g, ' ')), span: span(s, e) };
}

interface AgencyList {
  names: string[];
  spans: Span[];
  confidence: number;
  unresolved: string[];
}

function agenciesIn(ctx: Ctx, start: number, end: number): AgencyList {
  const text = ctx.norm.slice(start, end).replace(/\n/g, ' ');
  const out: AgencyList = { names: [], spans: [], confidence: 1, unresolved: [] };
  const seen = new Set<string>();
  for (const p of splitAgencyList(text)) {
    const mention = text.slice(p.start, p.end);
    const r = ctx.resolver.resolve(mention);
    if (!r.name || !/\p{L}{2,}/u.test(r.name)) continue;
    const key = r.name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.names.push(r.name);
    out.spans.push({ start: start + p.start, end: start + p.end });
    const generic = isCollectiveStart(r.name.split(/\s+/));
    const c = r.resolved ? r.confidence : generic ? 0.6 : 0.4;
    out.confidence = Math.min(out.confidence, c);
    if (!r.resolved && !generic) out.unresolved.push(r.name);
  }
  if (out.names.length === 0) out.confidence = 0;
  return out;
}

/** Lost diacritics: common words that always carry them are written without. */
function detectLostDiacritics(norm: string): boolean {
  const CHECK: Record<string, string> = { cua: 'của', va: 'và', cac: 'các', duoc: 'được', truyen: 'truyền', sach: 'sách', viec: 'việc', tren: 'trên', nhu: 'như' };
  let total = 0;
  let ok = 0;
  const sample = norm.length > 30000 ? norm.slice(0, 30000) : norm;
  for (const m of sample.matchAll(/[\p{L}]+/gu)) {
    const w = m[0].toLowerCase();
    if (w.length > 6) continue;
    const f = foldAccents(w);
    const want = Object.hasOwn(CHECK, f) ? CHECK[f] : undefined;
    if (!want) continue;
    total++;
    if (w === want) ok++;
  }
  return total >= 8 && ok / total < 0.7;
}

/** Wrapped text (a scan or a PDF): many lines continue on the next one. */
function detectWrapped(lines: Line[]): boolean {
  let pairs = 0;
  let cont = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    const a = lines[i] as Line;
    const b = lines[i + 1] as Line;
    if (!a.text || !b.text) continue;
    pairs++;
    if (!/[.;:!?]$/.test(a.text) && isLowerStart(b.text)) cont++;
  }
  return pairs >= 5 && cont / pairs > 0.15;
}

const DOC_KINDS: Record<string, string> = {
  CT: 'Chỉ thị',
  QĐ: 'Quyết định',
  QD: 'Quyết định',
  KH: 'Kế hoạch',
  NQ: 'Nghị quyết',
  NĐ: 'Nghị định',
  ND: 'Nghị định',
  TT: 'Thông tư',
  CV: 'Công văn',
  TB: 'Thông báo',
  HD: 'Hướng dẫn',
  QC: 'Quy chế',
  CTr: 'Chương trình',
  ĐA: 'Đề án',
  BC: 'Báo cáo',
  L: 'Luật',
};

/** Document numbers: "07/CT-TTg", "09/2017/NĐ-CP", "27-NQ/TW", "7/CT- -TTg" (OCR). */
const RE_DOCNUM =
  /(?<![\p{L}\d/])(\d{1,5})(?:\s*\/\s*((?:19|20)\d{2}))?\s*(?:(\/)|-\s*(?=\p{Lu}))\s*(\p{Lu}[\p{L}\d&]{0,9}(?:\s*[-–]\s*(?:[-–]\s*)?\p{Lu}[\p{L}\d&]{0,9}){0,3})(?:\s*\/\s*(\p{Lu}[\p{L}\d]{0,6}))?/gu;

interface DocRef {
  number: string;
  kindCode: string;
  issuerCode: string;
  start: number;
  end: number;
}

function docRefsIn(text: string, base: number): DocRef[] {
  const out: DocRef[] = [];
  for (const m of text.matchAll(RE_DOCNUM)) {
    const seq = m[1]!;
    const year = m[2];
    const slash = m[3];
    const code = m[4]!.replace(/\s+/g, '').replace(/[-–]+/g, '-');
    const tail = m[5];
    let number: string;
    let kindCode: string;
    let issuerCode: string;
    if (slash) {
      const parts = code.split('-');
      kindCode = parts[0] ?? '';
      issuerCode = parts.slice(1).join('-');
      number = `${seq}${year ? `/${year}` : ''}/${code}`;
      if (parts.length < 2) {
        // "27/TW"? Not a document number we understand.
        continue;
      }
    } else {
      // "27-NQ/TW"
      if (!tail) continue;
      kindCode = code;
      issuerCode = tail;
      number = `${seq}-${code}/${tail}`;
    }
    if (!/^[\p{Lu}][\p{L}]*$/u.test(kindCode)) continue;
    const start = base + (m.index ?? 0);
    out.push({ number, kindCode, issuerCode, start, end: start + m[0].length });
  }
  return out;
}

const KIND_WORDS: Record<string, string> = {
  'chi thi': 'Chỉ thị',
  'quyet dinh': 'Quyết định',
  'ke hoach': 'Kế hoạch',
  'nghi quyet': 'Nghị quyết',
  'nghi dinh': 'Nghị định',
  'thong tu': 'Thông tư',
  'cong van': 'Công văn',
  'thong bao': 'Thông báo',
  'huong dan': 'Hướng dẫn',
  'quy che': 'Quy chế',
  'chuong trinh': 'Chương trình',
  'de an': 'Đề án',
  luat: 'Luật',
  'bao cao': 'Báo cáo',
  'van ban': 'Văn bản',
  'ket luan': 'Kết luận',
};

/** The kind of document named just before its number: "Công văn số 2017/BTTTT-CBC". */
function kindBefore(fold: string, at: number): string | null {
  const m = /(chi thi|quyet dinh|ke hoach|nghi quyet|nghi dinh|thong tu|cong van|thong bao|huong dan|quy che|chuong trinh|de an|luat|bao cao|van ban|ket luan)\s*(?:s[o0-9&]?\s*)?$/.exec(fold.slice(Math.max(0, at - 30), at));
  return m && Object.hasOwn(KIND_WORDS, m[1]!) ? (KIND_WORDS[m[1]!] ?? null) : null;
}

/** A date right after a document number: "ngày 21 tháng 3 năm 2023", "ngày 21/3/2023". */
function dateAfter(fold: string, from: number): string | null {
  const window = fold.slice(from, from + 70);
  const m = /^[^;.]{0,25}?\bng[a-z]{1,2}y\s*(\d{1,2})\s*(?:\/|-|\.|\s+thang\s+)\s*(\d{1,2})\s*(?:\/|-|\.|\s+nam\s+)\s*((?:19|20)\d{2})/.exec(window);
  if (!m) return null;
  return isoDate(+m[3]!, +m[2]!, +m[1]!);
}

function emptyPlan(): ParsedPlan {
  return {
    number: null,
    issuer: null,
    place: null,
    date: null,
    title: null,
    basis: [],
    tasks: [],
    responsibilities: [],
    reporting: [],
    signer: { name: null, title: null },
    warnings: [],
    spans: { number: null, issuer: null, place: null, date: null, title: null, signerName: null, signerTitle: null },
    lostDiacritics: false,
  };
}

/**
 * Parse a plan's text. `opts.agencyNames` are the directory's names (preferred); the
 * built-in list is used too unless `builtinNames: false`. Never throws.
 */
export function parsePlan(text: string, opts: ParseOptions = {}): ParsedPlan {
  try {
    return parseUnsafe(typeof text === 'string' ? text : '', opts ?? {});
  } catch (err) {
    const plan = emptyPlan();
    plan.warnings.push(`Lỗi nội bộ khi đọc kế hoạch: ${err instanceof Error ? err.message : String(err)}`);
    return plan;
  }
}

function parseUnsafe(input: string, opts: ParseOptions): ParsedPlan {
  const plan = emptyPlan();
  const norm = normalizePlanText(input);
  if (!norm.trim()) {
    plan.warnings.push('Văn bản trống.');
    return plan;
  }
  const fold = foldKeep(norm);
  const lines: Line[] = [];
  let pos = 0;
  for (const t of norm.split('\n')) {
    lines.push({ start: pos, end: pos + t.length, text: t, fold: fold.slice(pos, pos + t.length) });
    pos += t.length + 1;
  }
  const lost = detectLostDiacritics(norm);
  plan.lostDiacritics = lost;

  // --- Header ------------------------------------------------------------
  const mode = detectHeadingMode(lines);
  const header = parseHeader(lines, norm, fold, plan, mode);
  const placeInfo = plan.place ? findProvince(plan.place) : null;
  const level: 'tỉnh' | 'thành phố' = header.level ?? placeInfo?.level ?? 'tỉnh';
  const extra = Array.isArray(opts.agencyNames) ? opts.agencyNames.filter((n): n is string => typeof n === 'string') : [];
  const idx = nameIndexFor(extra, opts.builtinNames !== false, plan.place ? { name: plan.place, level } : null);
  const ctx: Ctx = { norm, fold, lines, warnings: plan.warnings, resolver: new NameResolver(idx, lost), lost };
  if (lost) plan.warnings.push('Văn bản có vẻ là bản quét mất dấu; tên cơ quan đã được khôi phục dấu theo danh mục, các phần khác giữ nguyên như bản quét.');

  finishIssuer(ctx, plan, header, level);

  // --- Preamble: the documents it implements ----------------------------------
  const bodyStart = header.bodyLine;
  const seenBasis = new Set<string>();
  const basisFrom = header.titleStart >= 0 ? header.titleStart : header.afterHeaderOffset;
  const basisTo = bodyStart < lines.length ? (lines[bodyStart] as Line).start : norm.length;
  if (basisTo > basisFrom) {
    const pre = norm.slice(basisFrom, basisTo).replace(/\n/g, ' ');
    const preFold = fold.slice(basisFrom, basisTo).replace(/\n/g, ' ');
    for (const d of docRefsIn(pre, basisFrom)) {
      const key = d.number.replace(/^0+/, '').toUpperCase();
      if (seenBasis.has(key)) continue;
      if (plan.number && d.number === plan.number) continue;
      seenBasis.add(key);
      plan.basis.push({
        number: d.number,
        date: dateAfter(preFold, d.end - basisFrom),
        kind: kindBefore(preFold, d.start - basisFrom) ?? (Object.hasOwn(DOC_KINDS, d.kindCode) ? DOC_KINDS[d.kindCode] : undefined) ?? null,
        span: span(d.start, d.end),
      });
    }
  }

  // --- Body ------------------------------------------------------------------
  const wrapped = detectWrapped(lines);
  const paras = buildParagraphs(lines, bodyStart, lines.length, norm, fold, wrapped, mode);
  const sections = buildSections(paras);
  const tasks: ParsedTask[] = [];
  const contentSections = sections.filter((s) => s.kind === 'content' || s.kind === 'appendix');
  const taskSections = contentSections.length > 0 ? contentSections : sections.filter((s) => s.kind === 'other' && s.roman === null);
  for (const s of taskSections) tasks.push(...tasksOfSection(ctx, s));
  // Task tables anywhere (appendix tables often come after the signature).
  const tableTasks: ParsedTask[] = [];
  for (const s of sections) tableTasks.push(...tasksFromTables(ctx, s));
  const multiSections = new Set(tasks.map((t) => t.section)).size > 1;
  if (multiSections) for (const t of tasks) if (t.section && t.section !== 'PL' && !t.ref.startsWith(`${t.section}.`)) t.ref = `${t.section}.${t.ref}`;
  const refs = new Set(tasks.map((t) => t.ref));
  for (const t of tableTasks) {
    if (refs.has(t.ref)) t.ref = `PL.${t.ref}`;
    refs.add(t.ref);
    tasks.push(t);
  }

  // --- Responsibilities ("Tổ chức thực hiện") --------------------------------------
  const duties: { node: Node; section: Section; agencies: AgencyList; text: string }[] = [];
  for (const s of sections) {
    if (s.kind !== 'organisation') continue;
    collectDuties(ctx, s, s.root, duties);
  }
  for (const d of duties) {
    const sr = d.section.roman ?? '';
    const sectionRef = !d.node.ref ? sr : !sr || d.node.ref.startsWith(`${sr}.`) ? d.node.ref : `${sr}.${d.node.ref}`;
    d.agencies.names.forEach((agency, i) => {
      plan.responsibilities.push({
        agency,
        section: sectionRef,
        duties: d.text || null,
        span: d.agencies.spans[i] ?? null,
        confidence: round2(d.agencies.confidence),
      });
    });
  }
  // A plan whose tasks are only given as duties per agency.
  if (tasks.length === 0 && duties.length > 0) tasks.push(...tasksFromDuties(ctx, duties));

  plan.tasks = tasks;
  if (tasks.length === 0) plan.warnings.push('Không tìm thấy nhiệm vụ nào trong kế hoạch.');
  for (const t of tasks) {
    if (t.lead.length === 0) plan.warnings.push(`Nhiệm vụ ${t.ref}: chưa rõ cơ quan chủ trì.`);
    if (t.timeline.text && t.timeline.kind === 'unspecified') plan.warnings.push(`Nhiệm vụ ${t.ref}: không hiểu thời gian "${t.timeline.text}".`);
    for (const u of t.unresolved) plan.warnings.push(`Nhiệm vụ ${t.ref}: không tìm thấy cơ quan "${u}" trong danh mục.`);
  }

  // --- Reporting ---------------------------------------------------------------
  plan.reporting = reportingRules(ctx, sections, duties);

  // --- Signer ---------------------------------------------------------------------
  parseSigner(ctx, plan);
  if (!plan.signer.name) plan.warnings.push('Không tìm thấy người ký.');
  return plan;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

// ---------------------------------------------------------------------------
// Header
// ---------------------------------------------------------------------------

interface HeaderInfo {
  bodyLine: number;
  titleStart: number;
  afterHeaderOffset: number;
  issuerText: string | null;
  issuerSpan: Span | null;
  issuerCode: string | null;
  level: 'tỉnh' | 'thành phố' | null;
}

function parseHeader(lines: Line[], norm: string, fold: string, plan: ParsedPlan, mode: HeadingMode): HeaderInfo {
  const info: HeaderInfo = { bodyLine: lines.length, titleStart: -1, afterHeaderOffset: 0, issuerText: null, issuerSpan: null, issuerCode: null, level: null };
  // The body starts at the first part heading ("I. MỤC ĐÍCH", "A. …", "1. MỤC ĐÍCH").
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as Line;
    if (partHeading(l.text, mode)) {
      info.bodyLine = i;
      break;
    }
  }
  const headerEnd = Math.min(info.bodyLine, 80);

  // Number: "Số: 151/KH-UBND", "S6: 193 /KH-UBND", "Số: /KH-STNMT".
  let numberLine = -1;
  for (let i = 0; i < Math.min(headerEnd, 40); i++) {
    const l = lines[i] as Line;
    const m = /(?:^|[^a-z])s[o0-9&]?\s*:\s*(\d{0,6})\s*\/\s*([a-z0-9đ&]+(?:\s*[-–]\s*[a-z0-9đ&]+){0,3})/.exec(l.fold);
    if (!m) continue;
    numberLine = i;
    const codeStart = l.start + (m.index ?? 0) + m[0].length - m[2]!.length;
    const code = norm.slice(codeStart, codeStart + m[2]!.length).replace(/\s+/g, '').replace(/[–]/g, '-');
    const seq = m[1] ?? '';
    const numStart = l.start + (m.index ?? 0) + m[0].indexOf(seq || '/');
    if (seq) {
      plan.number = `${seq}/${code}`;
      plan.spans.number = span(numStart, codeStart + m[2]!.length);
    } else {
      plan.warnings.push(`Số văn bản chưa có số thứ tự ("/${code}"): có thể là bản dự thảo.`);
    }
    info.issuerCode = code.split('-').slice(1).join('-') || null;
    break;
  }
  if (numberLine < 0) plan.warnings.push('Không tìm thấy số văn bản (Số: …/KH-…).');

  // Place and date: "Bắc Giang, ngày 14 tháng 9 năm 2023".
  let dateLine = -1;
  for (let i = 0; i < Math.min(headerEnd, 40); i++) {
    const l = lines[i] as Line;
    const m = /,\s*ng[a-z]{1,2}y\s*(\d{0,2})\s*th[a-z]{1,2}ng\s*(\d{0,2})\s*n[a-z]{1,2}m\s*((?:19|20)\d{2})?/.exec(l.fold) ?? /,\s*ng[a-z]{1,2}y\s*(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*((?:19|20)\d{2})/.exec(l.fold);
    if (!m) continue;
    dateLine = i;
    const at = m.index ?? 0;
    let placeFrom = 0;
    if (i === numberLine) {
      const nm = /\/\s*[a-z0-9đ&]+(?:\s*[-–]\s*[a-z0-9đ&]+){0,3}/.exec(l.fold);
      if (nm) placeFrom = (nm.index ?? 0) + nm[0].length;
    }
    const before = l.text.slice(placeFrom, at);
    const words = before.trim().split(/\s+/).filter(Boolean).slice(-5);
    const placeRaw = words.join(' ').replace(/^[^\p{L}]+/u, '');
    if (placeRaw) {
      const prov = findProvince(placeRaw);
      const pStart = l.start + at - before.trimEnd().length + before.trimEnd().lastIndexOf(placeRaw.split(' ')[0] ?? '');
      if (prov && foldAccents(prov.name).length <= foldAccents(placeRaw).length + 4) plan.place = prov.name;
      else plan.place = placeRaw;
      plan.spans.place = span(Math.max(l.start, pStart), l.start + at);
    }
    const d = m[1] ? +m[1] : NaN;
    const mo = m[2] ? +m[2] : NaN;
    const y = m[3] ? +m[3] : NaN;
    const iso = isoDate(y, mo, d);
    if (iso) {
      plan.date = iso;
      plan.spans.date = span(l.start + at + 1, l.start + at + m[0].length);
    } else {
      plan.warnings.push(`Ngày ban hành chưa điền đủ ("${l.text.slice(at + 1).trim()}").`);
    }
    break;
  }
  if (dateLine < 0) plan.warnings.push('Không tìm thấy địa danh, ngày ban hành.');

  // "KẾ HOẠCH" and the title after it.
  let khLine = -1;
  for (let i = 0; i < headerEnd; i++) {
    const l = lines[i] as Line;
    if (/^k[eé]\s*ho[a-z]{1,2}ch\b/.test(squeeze(l.fold)) && squeeze(l.fold).length <= 12) {
      khLine = i;
      break;
    }
  }
  let titleFrom = -1;
  let titleSameLine: { start: number; end: number } | null = null;
  if (khLine < 0) {
    for (let i = 0; i < headerEnd; i++) {
      const l = lines[i] as Line;
      const m = /^ke hoach\s+(?=\S)/.exec(l.fold);
      if (m && l.text.slice(0, 8) === l.text.slice(0, 8).toUpperCase()) {
        khLine = i;
        titleSameLine = { start: l.start + m[0].length, end: l.end };
        break;
      }
    }
  }
  if (khLine >= 0) {
    const titleParts: { start: number; end: number }[] = [];
    if (titleSameLine) titleParts.push(titleSameLine);
    let i = khLine + 1;
    while (i < headerEnd && (lines[i] as Line).text === '' && titleParts.length === 0) i++;
    const PRE = /^(?:can cu|thuc hien|thi hanh|tren co so|theo de nghi|nham|de trien khai|de thuc hien)\b/;
    for (; i < headerEnd; i++) {
      const l = lines[i] as Line;
      if (l.text === '') break;
      if (titleParts.length > 0 && (PRE.test(l.fold) || startsItem(l.text, mode))) break;
      titleParts.push({ start: l.start, end: l.end });
      const len = titleParts.reduce((n, p) => n + p.end - p.start, 0);
      if (len > 400) break;
    }
    if (titleParts.length > 0) {
      const first = titleParts[0]!;
      const last = titleParts[titleParts.length - 1]!;
      plan.title = cleanValue(norm.slice(first.start, last.end).replace(/\n/g, ' '));
      plan.spans.title = span(first.start, last.end);
      titleFrom = first.start;
      info.afterHeaderOffset = last.end;
    } else info.afterHeaderOffset = (lines[khLine] as Line).end;
  }
  if (!plan.title) plan.warnings.push('Không tìm thấy tiêu đề kế hoạch.');
  info.titleStart = titleFrom;
  if (mode === 'none') {
    // No part headings: the body starts at the first item after the title (or the top).
    const from = info.afterHeaderOffset;
    info.bodyLine = 0;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i] as Line;
      if (l.start < from || !l.text) continue;
      if (startsItem(l.text, mode) || isTableRow(l.text)) {
        info.bodyLine = i;
        break;
      }
    }
    if (info.bodyLine === 0 && from > 0) info.bodyLine = lines.findIndex((l) => l.start >= from && l.text !== '');
    if (info.bodyLine < 0) info.bodyLine = lines.length;
  }

  // Issuer block: the left column above the number ("ỦY BAN NHÂN DÂN / TỈNH SÓC TRĂNG"),
  // mixed with the national motto on the right.
  const stop = numberLine >= 0 ? numberLine : khLine >= 0 ? khLine : Math.min(headerEnd, 6);
  const parts: { text: string; start: number; end: number }[] = [];
  for (let i = 0; i < stop; i++) {
    const l = lines[i] as Line;
    if (!l.text) continue;
    let end = l.text.length;
    for (const re of [/c[o0]ng\s*h[o0]a\s*x[a-z]\s*h[o0]/, /\b[dp][o0]c\s*l[a-z]p\b/, /\bt[uw]\s*do\b.*\bh[a-z]nh\s*ph/, /\bs[o0-9&]?\s*:/]) {
      const m = re.exec(l.fold);
      if (m && (m.index ?? 0) < end) end = m.index ?? 0;
    }
    const t = l.text.slice(0, end).trim().replace(/[-–—_]+$/, '').trim();
    if (t && /\p{L}{2,}/u.test(t)) parts.push({ text: t, start: l.start, end: l.start + t.length });
  }
  if (parts.length > 0) {
    info.issuerText = parts.map((p) => p.text).join(' ');
    info.issuerSpan = span(parts[0]!.start, parts[parts.length - 1]!.end);
  }
  // Level of the place ("tỉnh Bắc Giang" / "thành phố Huế") as the text says it.
  if (plan.place) {
    const pk = foldAccents(plan.place);
    const all = fold.slice(0, Math.min(fold.length, 20000));
    const tinh = all.indexOf(`tinh ${pk}`);
    const tp = all.indexOf(`thanh pho ${pk}`);
    if (tinh >= 0 || tp >= 0) info.level = tinh >= 0 && (tp < 0 || tinh <= tp) ? 'tỉnh' : 'thành phố';
  }
  return info;
}

function finishIssuer(ctx: Ctx, plan: ParsedPlan, header: HeaderInfo, level: 'tỉnh' | 'thành phố'): void {
  const placePart = plan.place ? ` ${level} ${plan.place}` : '';
  const fromText = header.issuerText ? issuerFromHeader(ctx, header.issuerText, plan.place) : null;
  if (fromText) {
    plan.issuer = fromText;
    plan.spans.issuer = header.issuerSpan;
    return;
  }
  const code = header.issuerCode;
  if (code) {
    const body = issuerFromCode(code);
    if (body === 'UBND' || body === 'HĐND') {
      plan.issuer = `${body}${placePart}`;
      plan.spans.issuer = plan.spans.number;
      return;
    }
    if (body) {
      plan.issuer = `${body}${placePart}`;
      plan.spans.issuer = plan.spans.number;
      return;
    }
    // An unknown code: look for "<agency> xây dựng/ban hành Kế hoạch" in the preamble.
  }
  const pre = ctx.norm.slice(0, Math.min(ctx.norm.length, 6000));
  const m = /([\p{Lu}][\p{L} ,&-]{3,80}?)\s+(?:xây dựng|ban hành)\s+(?:Kế hoạch|kế hoạch)/u.exec(pre);
  if (m) {
    const words = m[1]!.trim().split(/\s+/);
    for (let i = 0; i < words.length; i++) {
      if (specificHeadLength(words, i) > 0) {
        const r = ctx.resolver.resolve(words.slice(i).join(' '));
        if (r.resolved) {
          plan.issuer = /^(?:UBND|Ủy ban nhân dân)\b/u.test(r.name) ? r.name : `${r.name}${placePart}`;
          plan.spans.issuer = span((m.index ?? 0), (m.index ?? 0) + m[1]!.length);
          return;
        }
      }
    }
  }
  plan.warnings.push('Không xác định được cơ quan ban hành.');
}

function issuerFromHeader(ctx: Ctx, text: string, place: string | null): string | null {
  const key = squeeze(foldKeep(text));
  if (!key) return null;
  // "ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG" → "UBND tỉnh Sóc Trăng"; "UBND TỈNH X SỞ Y" → the last body.
  const bodies = text.split(/\s+(?=(?:SỞ|SO|S[Ởở]|BAN|VĂN PHÒNG|VAN PHONG|TRUNG TÂM|TRUNG TAM|CÔNG AN|CONG AN|BÁO|ĐÀI)\s)/u);
  const last = (bodies[bodies.length - 1] ?? text).trim();
  const lastKey = squeeze(foldKeep(last));
  const m = /^(?:uy ban nhan dan|ubnd)\s+(tinh|thanh pho|huyen|thi xa|quan|xa|phuong)\s+(.+)$/.exec(lastKey);
  if (m) {
    const lvl = { tinh: 'tỉnh', 'thanh pho': 'thành phố', huyen: 'huyện', 'thi xa': 'thị xã', quan: 'quận', xa: 'xã', phuong: 'phường' }[m[1]!] ?? m[1]!;
    const prov = findProvince(m[2]!);
    const name = prov ? prov.name : place && foldAccents(place) === m[2] ? place : titleCase(last.split(/\s+/).slice(-m[2]!.split(' ').length).join(' '));
    return `UBND ${lvl} ${name}`;
  }
  if (/^(?:uy ban nhan dan|ubnd)$/.test(lastKey)) return null;
  const r = ctx.resolver.resolve(titleCase(last));
  if (r.resolved && r.confidence >= 0.7) {
    const prov = bodies.length > 1 ? findProvince(bodies[0] ?? '') : null;
    const where = prov ? ` ${prov.level} ${prov.name}` : place ? ` tỉnh ${place}` : '';
    return `${r.name}${where}`;
  }
  return null;
}

/** "SÓC TRĂNG" → "Sóc Trăng"; "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG" → "Sở Tài Nguyên Và Môi Trường" (the resolver restores the usual case). */
function titleCase(s: string): string {
  return s
    .toLowerCase()
    .split(/\s+/)
    .map((w) => capitalise(w))
    .join(' ');
}

// ---------------------------------------------------------------------------
// Sections and items
// ---------------------------------------------------------------------------

function buildSections(paras: Para[]): Section[] {
  const sections: Section[] = [];
  const newRoot = (): Node => ({ kind: 'root', ref: '', depth: 0, para: null, children: [], body: [], parent: null });
  let cur: Section = { roman: null, heading: '', kind: 'other', paras: [], root: newRoot() };
  sections.push(cur);
  for (const p of paras) {
    if (p.closing) {
      if (cur.kind !== 'closing') {
        cur = { roman: null, heading: 'Nơi nhận', kind: 'closing', paras: [], root: newRoot() };
        sections.push(cur);
      }
      cur.paras.push(p);
      continue;
    }
    if (p.kind === 'roman') {
      const heading = p.text.slice(p.contentStart - p.start);
      cur = { roman: p.ref, heading, kind: classifySection(heading), paras: [], root: newRoot() };
      sections.push(cur);
      continue;
    }
    if (isAppendixMarker(p.fold) && p.text.length < 200) {
      cur = { roman: null, heading: p.text, kind: 'appendix', paras: [], root: newRoot() };
      sections.push(cur);
      continue;
    }
    if (cur.kind === 'closing') {
      cur = { roman: null, heading: '', kind: 'other', paras: [], root: newRoot() };
      sections.push(cur);
    }
    cur.paras.push(p);
  }
  for (const s of sections) buildTree(s);
  return sections.filter((s) => s.paras.length > 0 || s.roman !== null);
}

/** "Trên đây là Kế hoạch…", "Yêu cầu các cơ quan…": closing words of the plan, not of its last item. */
function isClosingParagraph(p: Para): boolean {
  return p.kind === 'text' && /^(?:tren day|trong qua trinh (?:to chuc )?(?:thuc hien|trien khai)|yeu cau (?:cac|thu truong)|ubnd tinh yeu cau)\b/.test(p.fold);
}

function buildTree(s: Section): void {
  const root = s.root;
  const stack: Node[] = [root];
  const top = (): Node => stack[stack.length - 1] as Node;
  for (const p of s.paras) {
    if (p.kind === 'row') {
      root.body.push(p);
      continue;
    }
    if (p.kind === 'num') {
      const depth = p.ref.split('.').length;
      while (stack.length > 1 && (top().kind === 'letter' || top().kind === 'dash' || top().depth >= depth)) stack.pop();
      const node: Node = { kind: 'num', ref: p.ref, depth, para: p, children: [], body: [], parent: top() };
      top().children.push(node);
      stack.push(node);
      continue;
    }
    if (p.kind === 'letter') {
      while (stack.length > 1 && (top().kind === 'letter' || top().kind === 'dash')) stack.pop();
      const parent = top();
      const node: Node = { kind: 'letter', ref: parent.ref ? `${parent.ref}.${p.ref}` : p.ref, depth: parent.depth + 0.5, para: p, children: [], body: [], parent };
      parent.children.push(node);
      stack.push(node);
      continue;
    }
    if (isClosingParagraph(p)) {
      while (stack.length > 1) stack.pop();
      root.body.push(p);
      continue;
    }
    top().body.push(p);
  }
}

/** Text of a node's heading after its number, and the fields in it. */
function headingOf(node: Node): { start: number; end: number } {
  const p = node.para;
  if (!p) return { start: 0, end: 0 };
  return { start: p.contentStart, end: p.end };
}

interface NodeFields {
  fields: Field[];
  /** Where the title ends (first inline field). */
  titleEnd: number;
  /** Paragraphs that are neither fields nor sub-tasks. */
  content: Para[];
  /** Unlabelled paragraphs that are only a list of agencies. */
  bareLists: Para[];
  /** Dash paragraphs that are tasks of their own ("- Tổ chức hội nghị… (Chủ trì: …)"). */
  dashTasks: { para: Para; fields: Field[] }[];
}

const nodeFieldsMemo = new WeakMap<Node, NodeFields>();

function nodeFields(ctx: Ctx, node: Node): NodeFields {
  const memo = nodeFieldsMemo.get(node);
  if (memo) return memo;
  const out: NodeFields = { fields: [], titleEnd: 0, content: [], bareLists: [], dashTasks: [] };
  if (node.para) {
    const h = headingOf(node);
    const f = scanFields(node.para, h.start);
    out.fields.push(...f);
    out.titleEnd = f.length > 0 ? f[0]!.start : h.end;
  }
  for (const p of node.body) {
    if (p.kind === 'row') continue;
    const f = scanFields(p, p.contentStart);
    if (f.length === 0) {
      if (p.kind === 'dash' && looksLikeAgencyList(p.text.slice(p.contentStart - p.start), ctx.resolver)) out.bareLists.push(p);
      else out.content.push(p);
      continue;
    }
    const lead = ctx.norm.slice(p.contentStart, f[0]!.start).replace(/\n/g, ' ').replace(/[\s(]+$/, '');
    if (lead.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length >= 3) out.dashTasks.push({ para: p, fields: f });
    else out.fields.push(...f);
  }
  nodeFieldsMemo.set(node, out);
  return out;
}

const TASK_FIELDS: FieldKind[] = ['lead', 'coordinating', 'leadcoord', 'timeline', 'outputs', 'implementers'];
const hasTaskFields = (fs: readonly Field[]): boolean => fs.some((f) => TASK_FIELDS.includes(f.kind));

function subtreeHasFields(ctx: Ctx, node: Node): boolean {
  for (const c of node.children) {
    const nf = nodeFields(ctx, c);
    if (hasTaskFields(nf.fields) || nf.dashTasks.length > 0 || subtreeHasFields(ctx, c)) return true;
  }
  return nodeFields(ctx, node).dashTasks.length > 0;
}

interface Defaults {
  fields: Field[];
}

function tasksOfSection(ctx: Ctx, s: Section): ParsedTask[] {
  const out: ParsedTask[] = [];
  const sectionRef = s.roman ?? (s.kind === 'appendix' ? 'PL' : null);
  const visit = (node: Node, defaults: Defaults): void => {
    const nf = nodeFields(ctx, node);
    const own = hasTaskFields(nf.fields);
    const deeper = subtreeHasFields(ctx, node);
    if (node.kind === 'root') {
      for (const c of node.children) visit(c, defaults);
      // Tasks given as dash items directly under the section heading.
      if (node.children.length === 0) {
        nf.dashTasks.forEach((dt, i) => out.push(makeTask(ctx, String(i + 1), dt.para, dt.para.contentStart, dt.fields[0]!.start, dt.fields, [], [], defaults, sectionRef)));
        if (nf.dashTasks.length === 0 && !own) {
          let k = 0;
          for (const p of node.body) {
            if (p.kind !== 'dash') continue;
            k++;
            out.push(makeTask(ctx, String(k), p, p.contentStart, p.end, [], [], [], defaults, sectionRef));
          }
        }
      }
      return;
    }
    // A heading that only names agencies ("1. Sở Tư pháp"): its dash items are that agency's tasks.
    if (!own && !deeper && node.kind === 'num' && node.children.length === 0 && isAgencyHeading(ctx, node)) {
      const h = headingOf(node);
      const agencies = agenciesIn(ctx, h.start, h.end);
      const leadField: Field = { kind: 'lead', start: h.start, valueStart: h.start, valueEnd: h.end };
      const items = node.body.filter((p) => p.kind === 'dash');
      if (items.length > 0 && agencies.names.length > 0) {
        items.forEach((p, i) => out.push(makeTask(ctx, `${node.ref}.${i + 1}`, p, p.contentStart, p.end, [leadField], [], [], defaults, sectionRef)));
        return;
      }
    }
    if (own && deeper) {
      const merged: Defaults = { fields: [...defaults.fields.filter((f) => !nf.fields.some((g) => g.kind === f.kind)), ...nf.fields] };
      for (const c of node.children) visit(c, merged);
      nf.dashTasks.forEach((dt, i) => out.push(makeTask(ctx, `${node.ref}.${node.children.length + i + 1}`, dt.para, dt.para.contentStart, dt.fields[0]!.start, dt.fields, [], [], merged, sectionRef)));
      return;
    }
    if (!own && node.children.length > 0) {
      for (const c of node.children) visit(c, defaults);
      nf.dashTasks.forEach((dt, i) => out.push(makeTask(ctx, `${node.ref}.${node.children.length + i + 1}`, dt.para, dt.para.contentStart, dt.fields[0]!.start, dt.fields, [], [], defaults, sectionRef)));
      return;
    }
    if (!own && nf.dashTasks.length > 0) {
      nf.dashTasks.forEach((dt, i) => out.push(makeTask(ctx, `${node.ref}.${i + 1}`, dt.para, dt.para.contentStart, dt.fields[0]!.start, dt.fields, [], [], defaults, sectionRef)));
      return;
    }
    // A task: its heading is the title, its fields and body the rest; children are its content.
    const h = headingOf(node);
    const childParas: Para[] = [];
    const walk = (n: Node): void => {
      for (const c of n.children) {
        if (c.para) childParas.push(c.para);
        childParas.push(...c.body.filter((p) => p.kind !== 'row'));
        walk(c);
      }
    };
    walk(node);
    out.push(makeTask(ctx, node.ref, node.para as Para, h.start, nf.titleEnd || h.end, nf.fields, [...nf.content, ...childParas], nf.bareLists, defaults, sectionRef));
  };
  visit(s.root, { fields: [] });
  return out;
}

function isAgencyHeading(ctx: Ctx, node: Node): boolean {
  const h = headingOf(node);
  const text = ctx.norm.slice(h.start, h.end).replace(/\n/g, ' ').replace(/[:.\s]+$/, '');
  if (!text || text.split(/\s+/).length > 24 || /[.;]\s/.test(text)) return false;
  if (!looksLikeAgencyList(text, ctx.resolver)) return false;
  // "Văn phòng Sở chịu trách nhiệm theo dõi": a sentence, unless every part is a known name
  // that happens to contain such a word ("Ban Quản lý Khu kinh tế").
  if (RE_PREDICATE.test(` ${foldKeep(text)}`)) {
    return splitAgencyList(text).every((p) => {
      const r = ctx.resolver.resolve(text.slice(p.start, p.end));
      return r.resolved && r.confidence >= 0.85;
    });
  }
  return true;
}

function makeTask(
  ctx: Ctx,
  ref: string,
  para: Para,
  titleStart: number,
  titleEnd: number,
  fields: Field[],
  contentParas: Para[],
  bareLists: Para[],
  defaults: Defaults,
  section: string | null,
): ParsedTask {
  const byKind = (k: FieldKind): Field | undefined => fields.find((f) => f.kind === k) ?? defaults.fields.find((f) => f.kind === k);
  const inherited = (k: FieldKind): boolean => !fields.some((f) => f.kind === k) && defaults.fields.some((f) => f.kind === k);
  const title = valueAt(ctx, titleStart, titleEnd);
  const contentField = fields.find((f) => f.kind === 'content');
  const contentParts: string[] = [];
  if (contentField) contentParts.push(valueAt(ctx, contentField.valueStart, contentField.valueEnd).text);
  for (const p of contentParas) contentParts.push(cleanValue(p.text.slice(p.contentStart - p.start)));
  let titleText = title.text;
  let titleSpan = title.span;
  let titleConf = titleText ? 0.9 : 0;
  if (!titleText && contentField) {
    const v = valueAt(ctx, contentField.valueStart, contentField.valueEnd);
    titleText = v.text;
    titleSpan = v.span;
    titleConf = 0.7;
  }
  const task: ParsedTask = {
    ref,
    title: titleText,
    lead: [],
    coordinating: [],
    timeline: parseTimeline(null),
    outputs: null,
    content: contentParts.filter(Boolean).join('\n') || null,
    section,
    unresolved: [],
    spans: { ref: span(para.start, Math.max(para.start, para.contentStart)), title: titleSpan, lead: [], coordinating: [], timeline: null, outputs: null },
    confidence: { title: titleConf, lead: 0.2, coordinating: 0.5, timeline: 0.5, outputs: 0.5 },
  };
  const both = byKind('leadcoord');
  const leadField = byKind('lead') ?? byKind('implementers') ?? both;
  if (leadField) {
    const l = agenciesIn(ctx, leadField.valueStart, leadField.valueEnd);
    // "Đơn vị chủ trì, phối hợp: A; B, C": the first leads, the others coordinate.
    const split = leadField.kind === 'leadcoord' && !byKind('coordinating') ? 1 : l.names.length;
    task.lead = l.names.slice(0, split);
    task.spans.lead = l.spans.slice(0, split);
    if (split < l.names.length) {
      task.coordinating = l.names.slice(split);
      task.spans.coordinating = l.spans.slice(split);
      task.confidence.coordinating = round2(l.confidence * 0.7);
    }
    task.confidence.lead = round2(l.confidence * (inherited(leadField.kind) ? 0.8 : 1) * (leadField.kind === 'lead' ? 1 : 0.8));
    task.unresolved.push(...l.unresolved);
  }
  const coordField = byKind('coordinating');
  if (coordField) {
    const c = agenciesIn(ctx, coordField.valueStart, coordField.valueEnd);
    task.coordinating = c.names;
    task.spans.coordinating = c.spans;
    task.confidence.coordinating = round2(c.confidence * (inherited('coordinating') ? 0.8 : 1));
    task.unresolved.push(...c.unresolved);
  } else if (bareLists.length > 0 && task.lead.length > 0) {
    // "- Các sở, ban, ngành; UBND huyện, thành phố;" under "Chủ trì": the coordinating agencies without their label.
    const p = bareLists[0]!;
    const c = agenciesIn(ctx, p.contentStart, p.end);
    task.coordinating = c.names;
    task.spans.coordinating = c.spans;
    task.confidence.coordinating = round2(Math.min(0.6, c.confidence));
    task.unresolved.push(...c.unresolved);
  } else if (leadField && task.coordinating.length === 0) task.confidence.coordinating = 0.7;
  const timeField = byKind('timeline');
  if (timeField) {
    const v = valueAt(ctx, timeField.valueStart, timeField.valueEnd);
    task.timeline = parseTimeline(v.text);
    task.spans.timeline = v.span;
    task.confidence.timeline = task.timeline.kind === 'unspecified' ? 0.3 : inherited('timeline') ? 0.75 : 0.95;
  }
  const outField = byKind('outputs');
  if (outField) {
    const v = valueAt(ctx, outField.valueStart, outField.valueEnd);
    task.outputs = v.text || null;
    task.spans.outputs = v.span;
    task.confidence.outputs = v.text ? 0.9 : 0.3;
  } else if (leadField) task.confidence.outputs = 0.7;
  if (!leadField) task.confidence.lead = 0.1;
  return task;
}

// ---------------------------------------------------------------------------
// Tables (appendix "STT | Nội dung | Chủ trì | Phối hợp | Thời gian | Sản phẩm")
// ---------------------------------------------------------------------------

type Col = 'ref' | 'title' | 'lead' | 'coordinating' | 'timeline' | 'outputs' | 'note' | 'other';

function classifyColumn(cell: string): Col {
  const k = squeeze(foldKeep(cell));
  if (!k) return 'other';
  if (/\bphoi hop\b/.test(k)) return 'coordinating';
  if (/\bchu tri\b|\bchiu trach nhiem\b|^(?:co quan|don vi) thuc hien\b|^trach nhiem\b/.test(k)) return 'lead';
  if (/^(?:thoi gian|thoi han|tien do|thoi diem)\b|\bhoan thanh\b/.test(k)) return 'timeline';
  if (/\b(?:san pham|ket qua)\b|^hinh thuc\b/.test(k)) return 'outputs';
  if (/^(?:stt|tt|so tt|so thu tu|s tt)$/.test(k)) return 'ref';
  if (/\b(?:noi dung|nhiem vu|cong viec|hoat dong)\b|^ten\b/.test(k)) return 'title';
  if (/^ghi chu\b/.test(k)) return 'note';
  return 'other';
}

interface Cell {
  text: string;
  start: number;
  end: number;
}

function cellsOf(p: Para): Cell[] {
  const cells: Cell[] = [];
  let from = 0;
  const t = p.text;
  for (let i = 0; i <= t.length; i++) {
    if (i === t.length || t.charAt(i) === '|') {
      const raw = t.slice(from, i);
      const lead = raw.length - raw.trimStart().length;
      const trimmed = raw.trim();
      cells.push({ text: trimmed, start: p.start + from + lead, end: p.start + from + lead + trimmed.length });
      from = i + 1;
    }
  }
  // Markdown pipes at both ends.
  if (cells.length > 0 && cells[0]!.text === '' && /^\s*\|/.test(t)) cells.shift();
  if (cells.length > 0 && cells[cells.length - 1]!.text === '' && /\|\s*$/.test(t)) cells.pop();
  return cells;
}

function tasksFromTables(ctx: Ctx, s: Section): ParsedTask[] {
  const out: ParsedTask[] = [];
  let cols: Col[] | null = null;
  let counter = 0;
  let group = '';
  const sectionRef = s.kind === 'appendix' ? 'PL' : s.roman;
  for (const p of s.paras) {
    if (p.kind !== 'row') {
      if (cols && !isTableRow(p.text)) cols = cols.length > 0 ? cols : null;
      continue;
    }
    const cells = cellsOf(p);
    if (cells.every((c) => /^[\s:\-–]*$/.test(c.text))) continue; // markdown separator
    const kinds = cells.map((c) => classifyColumn(c.text));
    const isHeader = kinds.includes('title') && kinds.some((k) => k === 'lead' || k === 'coordinating' || k === 'timeline' || k === 'outputs');
    if (isHeader) {
      cols = kinds;
      continue;
    }
    if (!cols) continue;
    const get = (col: Col): Cell | null => {
      const i = (cols as Col[]).indexOf(col);
      return i >= 0 ? (cells[i] ?? null) : null;
    };
    const refCell = get('ref');
    const titleCell = get('title') ?? cells.reduce<Cell | null>((best, c) => (!best || c.text.length > best.text.length ? c : best), null);
    const nonEmpty = cells.filter((c) => c.text).length;
    // Group rows: "I | Nhiệm vụ chung" or "A | …" with nothing else.
    if (refCell && /^(?:[IVX]+|[A-Z])\.?$/.test(refCell.text) && nonEmpty <= 2) {
      group = refCell.text.replace(/\.$/, '');
      continue;
    }
    if (!titleCell || !titleCell.text || nonEmpty < 2) continue;
    if (/^\d+$/.test(refCell?.text ?? '') === false && refCell && /^(?:\(\d+\)|\d+)$/.test(refCell.text) === false && nonEmpty <= 2) continue;
    counter++;
    const ref = refCell && /^\d{1,3}(?:\.\d{1,3})*\.?$/.test(refCell.text) ? refCell.text.replace(/\.$/, '') : String(counter);
    const fields: Field[] = [];
    const addField = (kind: FieldKind, col: Col): void => {
      const c = get(col);
      if (c && c.text) fields.push({ kind, start: c.start, valueStart: c.start, valueEnd: c.end });
    };
    addField('lead', 'lead');
    addField('coordinating', 'coordinating');
    addField('timeline', 'timeline');
    addField('outputs', 'outputs');
    const task = makeTask(ctx, group && !/^\d/.test(group) ? `${group}.${ref}` : ref, p, titleCell.start, titleCell.end, fields, [], [], { fields: [] }, sectionRef);
    task.spans.ref = refCell ? span(refCell.start, refCell.end) : null;
    out.push(task);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Duties per agency ("Tổ chức thực hiện")
// ---------------------------------------------------------------------------

/** Words that end an agency name at the start of a duty paragraph ("Văn phòng Sở là bộ phận…"). */
const RE_PREDICATE =
  /\s(?:la|co trach nhiem|chiu trach nhiem|chu tri|chu dong|thuong xuyen|can cu|phoi hop|to chuc|trien khai|thuc hien|xay dung|theo doi|tham muu|huong dan|cap nhat|bao cao|tong hop|nghien cuu|quan ly|tiep tuc|tang cuong|dam bao|bo tri|kiem tra|chi dao|cung cap|de xuat|khan truong|nghiem tuc|hoan thanh|duoc giao|dinh ky|hang nam|tham dinh|day manh)\b/;

function collectDuties(ctx: Ctx, s: Section, node: Node, out: { node: Node; section: Section; agencies: AgencyList; text: string }[]): void {
  for (const c of node.children) {
    const h = headingOf(c);
    const head = ctx.norm.slice(h.start, h.end).replace(/\n/g, ' ');
    let agencies: AgencyList | null = null;
    let rest = '';
    const cleaned = head.replace(/[:.\s]+$/, '');
    if (isAgencyHeading(ctx, c)) {
      agencies = agenciesIn(ctx, h.start, h.start + cleaned.length);
    } else {
      const words = head.split(/\s+/);
      if (specificHeadLength(words) > 0 || isCollectiveStart(words)) {
        const f = foldKeep(head);
        const m = RE_PREDICATE.exec(f.slice(0, 160));
        const colon = head.indexOf(':');
        let end = m ? (m.index ?? 0) : -1;
        if (colon > 0 && (end < 0 || colon < end)) end = colon;
        if (end > 0 && head.slice(0, end).split(/\s+/).length <= 14) {
          agencies = agenciesIn(ctx, h.start, h.start + end);
          rest = head.slice(end).replace(/^[\s:]+/, '');
        }
      }
    }
    if (agencies && agencies.names.length > 0) {
      const body = [rest, ...c.body.filter((p) => p.kind !== 'row').map((p) => p.text)].filter(Boolean).join('\n');
      out.push({ node: c, section: s, agencies, text: cleanValue(body.replace(/[ \t]+/g, ' ')) });
    } else {
      collectDuties(ctx, s, c, out);
    }
  }
  // "- Sở Tư pháp: chủ trì…" as dash items directly under the section.
  if (node.kind === 'root' && node.children.length === 0) {
    for (const p of node.body) {
      if (p.kind !== 'dash') continue;
      const t = p.text.slice(p.contentStart - p.start);
      const colon = t.indexOf(':');
      if (colon <= 0 || colon > 120) continue;
      const words = t.slice(0, colon).split(/\s+/);
      if (specificHeadLength(words) === 0 && !isCollectiveStart(words)) continue;
      const agencies = agenciesIn(ctx, p.contentStart, p.contentStart + colon);
      if (agencies.names.length === 0) continue;
      const fake: Node = { kind: 'dash', ref: '', depth: 1, para: p, children: [], body: [], parent: node };
      out.push({ node: fake, section: s, agencies, text: cleanValue(t.slice(colon + 1)) });
    }
  }
}

function tasksFromDuties(ctx: Ctx, duties: { node: Node; section: Section; agencies: AgencyList; text: string }[]): ParsedTask[] {
  const out: ParsedTask[] = [];
  duties.forEach((d, di) => {
    const baseRef = d.node.ref || String(di + 1);
    const h = headingOf(d.node);
    const leadField: Field = { kind: 'lead', start: h.start, valueStart: d.agencies.spans[0]?.start ?? h.start, valueEnd: d.agencies.spans[d.agencies.spans.length - 1]?.end ?? h.end };
    const items = d.node.body.filter((p) => p.kind === 'dash' || p.kind === 'text');
    const section = d.section.roman;
    if (items.length === 0) {
      if (!d.text) return;
      const p = d.node.para as Para;
      out.push(makeTask(ctx, baseRef, p, leadField.valueEnd, p.end, [leadField], [], [], { fields: [] }, section));
      return;
    }
    items.forEach((p, i) => {
      const fields = scanFields(p, p.contentStart);
      const titleEnd = fields[0]?.start ?? p.end;
      out.push(makeTask(ctx, items.length > 1 ? `${baseRef}.${i + 1}` : baseRef, p, p.contentStart, titleEnd, fields.length > 0 ? fields : [leadField], [], [], { fields: [leadField] }, section));
    });
  });
  return out;
}

// ---------------------------------------------------------------------------
// Reporting rules
// ---------------------------------------------------------------------------

const RE_REPORT = /\bb[a-z]{1,2}o\s*c[a-z]{1,2}o\b/;

function reportingRules(ctx: Ctx, sections: Section[], duties: { node: Node; agencies: AgencyList }[]): ReportingRule[] {
  const out: ReportingRule[] = [];
  const seen = new Set<string>();
  const ownerOf = new Map<Para, AgencyList>();
  for (const d of duties) {
    if (d.node.para) ownerOf.set(d.node.para, d.agencies);
    for (const p of d.node.body) ownerOf.set(p, d.agencies);
  }
  for (const s of sections) {
    if (s.kind === 'content' || s.kind === 'purpose' || s.kind === 'closing' || s.kind === 'appendix') continue;
    for (const p of s.paras) {
      if (p.kind === 'row' || !RE_REPORT.test(p.fold)) continue;
      // Sentences: ". " followed by an upper-case letter.
      const sentences: { start: number; end: number }[] = [];
      let from = 0;
      for (const m of p.text.matchAll(/[.!?]\s+(?=[\p{Lu}“"])/gu)) {
        const at = (m.index ?? 0) + 1;
        sentences.push({ start: from, end: at });
        from = at + m[0].length - 1;
      }
      sentences.push({ start: from, end: p.text.length });
      for (const sent of sentences) {
        const sFold = p.fold.slice(sent.start, sent.end);
        if (!RE_REPORT.test(sFold)) continue;
        let clauseFrom = 0;
        const clauses = sFold.split(';');
        for (const clause of clauses) {
          const cStart = sent.start + clauseFrom;
          clauseFrom += clause.length + 1;
          if (!RE_REPORT.test(clause)) continue;
          for (const rule of ruleFromClause(ctx, p, sent, cStart, clause, ownerOf.get(p) ?? null)) {
            const key = `${rule.who}|${rule.to}|${rule.month}|${rule.day}|${rule.recurrence}`;
            if (seen.has(key)) continue;
            seen.add(key);
            out.push(rule);
          }
        }
      }
    }
  }
  return out;
}

function ruleFromClause(ctx: Ctx, p: Para, sent: { start: number; end: number }, cStart: number, clause: string, owner: AgencyList | null): ReportingRule[] {
  // When: "trước ngày 15 tháng 11", "trước ngày 01/12", "(trước ngày 20/11)".
  let day: number | null = null;
  let month: number | null = null;
  let year: number | null = null;
  const dm = /\bng[a-z]{1,2}y\s*(\d{1,2})\s*(?:\/|-|\.|\s+th[a-z]{1,2}ng\s+)\s*(\d{1,2})(?:\s*(?:\/|-|\.|\s+n[a-z]{1,2}m\s+)\s*((?:19|20)\d{2}))?/.exec(clause) ??
    /\btruoc\s*(\d{1,2})\s*\/\s*(\d{1,2})(?:\s*\/\s*((?:19|20)\d{2}))?/.exec(clause);
  if (dm) {
    const d = +dm[1]!;
    const m = +dm[2]!;
    if (d >= 1 && d <= 31 && m >= 1 && m <= 12) {
      day = d;
      month = m;
      if (dm[3]) year = +dm[3];
    }
  }
  const recurrences: Recurrence[] = [];
  if (/\b(?:6|sau) thang\b/.test(clause)) recurrences.push('semiannual');
  if (RE_ANNUAL.test(clause)) recurrences.push('annual');
  if (/\b(?:hang quy|moi quy|dinh ky (?:hang )?quy|quy mot lan)\b/.test(clause)) recurrences.push('quarterly');
  if (/\b(?:hang thang|moi thang)\b/.test(clause)) recurrences.push('monthly');
  if (recurrences.length === 0) {
    if (year !== null) recurrences.push('once');
    else if (month !== null) recurrences.push('annual');
    else return [];
  }
  if (recurrences.includes('annual') && year !== null) year = null;
  if (month === null) {
    // Without a date, the period must be said next to "báo cáo" ("báo cáo định kỳ 6 tháng").
    let near = false;
    for (const m of clause.matchAll(new RegExp(RE_REPORT.source, 'g'))) {
      const at = m.index ?? 0;
      const around = clause.slice(Math.max(0, at - 40), at + m[0].length + 60);
      if (RE_ANNUAL.test(around) || /\b(?:6|sau) thang|hang quy|moi quy|hang thang|moi thang|dinh ky\b/.test(around)) near = true;
    }
    if (!near) return [];
  }

  // To whom: "gửi Sở …", "về Sở …", else "báo cáo UBND tỉnh".
  let to: string | null = null;
  const abs = p.start + cStart;
  const anchors = [...clause.matchAll(/\b(?:gui ve|gui|ve|den|len)\s+/g), ...clause.matchAll(/\bb[a-z]{1,2}o\s*c[a-z]{1,2}o\s+/g)];
  for (const m of anchors) {
    const at = (m.index ?? 0) + m[0].length;
    const rest = ctx.norm.slice(abs + at, abs + clause.length).replace(/\n/g, ' ');
    const words = rest.split(/\s+/);
    if (/^b[a-z]{1,2}o$/.test(wordKey(words[0] ?? '')) && /^c[a-z]{1,2}o$/.test(wordKey(words[1] ?? ''))) continue;
    if (specificHeadLength(words) === 0) continue;
    const restFold = foldKeep(rest);
    const stop = /\s*(?:\(|;|\.(?:\s|$)|\btruoc\b|\bde\b|\btong hop\b|\btheo\b|\bqua\b|\btrong\b|\bcham nhat\b|\bh[aiu]ng n[aiu]m\b|\bdinh ky\b|\bdong thoi\b|\bbao cao\b|\bva\s+(?:bao|gui|dong)\b)/.exec(restFold);
    const end = stop ? (stop.index ?? rest.length) : Math.min(rest.length, 120);
    const first = splitAgencyList(rest.slice(0, end))[0];
    if (!first) continue;
    const r = ctx.resolver.resolve(rest.slice(first.start, first.end));
    if (r.name) {
      to = r.name;
      break;
    }
  }

  // Who: the subject of the sentence, else the agency whose duties these are.
  let whoList: string[] = [];
  const sText = p.text.slice(sent.start, sent.end);
  const sFold = p.fold.slice(sent.start, sent.end);
  const words = sText.split(/\s+/);
  if (agencyStarts(words)) {
    const stop = /\s(?:b[a-z]{1,2}o c[a-z]{1,2}o|gui|h[aiu]ng n[aiu]m)\b/.exec(sFold) ?? RE_PREDICATE.exec(sFold);
    const pred = RE_PREDICATE.exec(sFold);
    if (stop && pred && (pred.index ?? 0) < (stop.index ?? 0)) stop.index = pred.index;
    if (stop) {
      const subj = agenciesIn(ctx, p.start + sent.start, p.start + sent.start + (stop.index ?? 0));
      whoList = subj.names;
    }
  }
  if (whoList.length === 0 && owner) whoList = owner.names;
  return recurrences.map((recurrence) => ({
    who: whoList.join(', '),
    to,
    month: recurrence === 'annual' || recurrence === 'once' ? month : null,
    day: recurrence === 'annual' || recurrence === 'once' ? day : null,
    recurrence,
    year: recurrence === 'once' ? year : null,
    whoList,
    span: span(p.start + sent.start, p.start + sent.end),
  }));
}

// ---------------------------------------------------------------------------
// Signer
// ---------------------------------------------------------------------------

const ROLE_TITLES: [RegExp, string][] = [
  [/\bpho chu tich\b/, 'Phó Chủ tịch'],
  [/\bchu tich\b/, 'Chủ tịch'],
  [/\bpho giam doc\b/, 'Phó Giám đốc'],
  [/\bgiam doc\b/, 'Giám đốc'],
  [/\bpho truong ban\b/, 'Phó Trưởng ban'],
  [/\btruong ban\b/, 'Trưởng ban'],
  [/\bpho chanh van phong\b/, 'Phó Chánh Văn phòng'],
  [/\bchanh van phong\b/, 'Chánh Văn phòng'],
  [/\bpho bi thu\b/, 'Phó Bí thư'],
  [/\bbi thu\b/, 'Bí thư'],
  [/\bpho vien truong\b/, 'Phó Viện trưởng'],
  [/\bvien truong\b/, 'Viện trưởng'],
  [/\bpho chanh thanh tra\b/, 'Phó Chánh Thanh tra'],
  [/\bchanh thanh tra\b/, 'Chánh Thanh tra'],
  [/\bpho truong phong\b/, 'Phó Trưởng phòng'],
  [/\btruong phong\b/, 'Trưởng phòng'],
];

function isRoleLine(fold: string): boolean {
  const k = squeeze(fold);
  if (!k || k.length > 60) return false;
  if (/^(?:tm|kt|tl|ttl|q|ktl)\b/.test(k)) return true;
  return ROLE_TITLES.some(([re]) => new RegExp(`^${re.source.replace(/\\b/g, '')}$`).test(k));
}

function isPersonName(text: string): boolean {
  const t = text.replace(/^[^\p{L}]+/u, '').replace(/[^\p{L}]+$/u, '');
  const words = t.split(/\s+/);
  if (words.length < 2 || words.length > 5 || t.length > 40) return false;
  if (/\d/.test(t)) return false;
  if (!words.every((w) => /^\p{Lu}[\p{Ll}\p{M}]*$/u.test(w))) return false;
  if (specificHeadLength(words) > 0) return false;
  const k = squeeze(foldKeep(t));
  if (/\b(?:noi nhan|ke hoach|luu|ubnd|tinh|chu tich|giam doc)\b/.test(k)) return false;
  return true;
}

function parseSigner(ctx: Ctx, plan: ParsedPlan): void {
  const lines = ctx.lines;
  let from = 0;
  for (let i = 0; i < lines.length; i++) {
    if (/^n[o0]i\s*nh[a-z]{1,2}n\b/.test((lines[i] as Line).fold)) from = i;
  }
  const windowStart = from > 0 ? Math.max(0, from - 12) : Math.max(0, lines.length - 40);
  const windowEnd = from > 0 ? Math.min(lines.length, from + 60) : lines.length;
  let lastRole = -1;
  for (let i = windowStart; i < windowEnd; i++) if (isRoleLine((lines[i] as Line).fold)) lastRole = i;
  if (lastRole >= 0) {
    const l = lines[lastRole] as Line;
    const k = squeeze(l.fold);
    for (const [re, title] of ROLE_TITLES) {
      const all = [...k.matchAll(new RegExp(re.source, 'g'))];
      if (all.length === 0) continue;
      plan.signer.title = title;
      plan.spans.signerTitle = span(l.start, l.end);
      break;
    }
    for (let i = lastRole + 1; i < Math.min(lines.length, lastRole + 12); i++) {
      const t = (lines[i] as Line).text;
      if (!t) continue;
      if (isPersonName(t)) {
        setSignerName(plan, lines[i] as Line);
        return;
      }
    }
  }
  // No signature block: the last name-like line after "Nơi nhận".
  for (let i = windowEnd - 1; i >= Math.max(from, windowStart); i--) {
    const l = lines[i] as Line;
    if (l.text && isPersonName(l.text)) {
      setSignerName(plan, l);
      return;
    }
  }
}

function setSignerName(plan: ParsedPlan, l: Line): void {
  const t = l.text;
  const lead = t.length - t.replace(/^[^\p{L}]+/u, '').length;
  const name = t.replace(/^[^\p{L}]+/u, '').replace(/[^\p{L}]+$/u, '');
  plan.signer.name = name;
  plan.spans.signerName = span(l.start + lead, l.start + lead + name.length);
}
