/**
 * Vietnamese social-media text normalisation and tokenisation for the classifiers.
 *
 * Pipeline of {@link socialTokens} (pure, no I/O, never throws on any string):
 * 1. Unicode NFC; URLs, e-mails, @mentions, phone numbers, dates, percentages and
 *    other numbers become placeholders (`__url__`, `__email__`, `__user__`, `__phone__`,
 *    `__date__`, `__pct__`, `__num__`); emoticons become `__smile__`, `__sad__`, `__laugh__`,
 *    `__heart__`, `__wink__`, `__cry__`, `__tongue__`, `__surprise__`.
 * 2. Lower-casing; elongated letters are collapsed (`quáaaa` → `quá`, `đẹpppp` → `đẹp`) and
 *    the text gets an `__elong__` marker (emphasis is a signal for sentiment and toxicity).
 * 3. {@link normalizeText}: one tone-mark placement (`hoà` → `hòa`), spaces collapsed.
 * 4. Syllable tokens; emoji are kept as their own tokens (skin tones / variation selectors
 *    dropped); `!` and `?` are kept; teencode is expanded token by token (`k` → `không`,
 *    `đc` → `được`, `wá` → `quá`).
 */
import { foldAccents, normalizeText } from '../vietnamese.ts';

/** Teencode / chat abbreviations → standard Vietnamese. Only unambiguous, frequent forms. */
export const TEENCODE: Readonly<Record<string, string>> = {
  k: 'không', ko: 'không', khg: 'không', hok: 'không', hông: 'không',
  hem: 'không', khong: 'không', kô: 'không', khum: 'không', hăm: 'không', 'k0': 'không',
  đc: 'được', dc: 'được', đk: 'được', dk: 'được', dươc: 'được', đươc: 'được',
  j: 'gì', ji: 'gì', z: 'vậy', zậy: 'vậy', dzậy: 'vậy', vại: 'vậy',
  r: 'rồi', rùi: 'rồi', ròi: 'rồi', rầu: 'rồi',
  vs: 'với', vói: 'với',
  mn: 'mọi người', mng: 'mọi người',
  ng: 'người', ngta: 'người ta', nguoi: 'người',
  ntn: 'như thế nào',
  ms: 'mới', cx: 'cũng', cg: 'cũng', cũg: 'cũng',
  trc: 'trước', trk: 'trước',
  ck: 'chồng', vk: 'vợ', ae: 'anh em', ad: 'admin',
  iu: 'yêu', yeu: 'yêu', thik: 'thích', thíc: 'thích', thix: 'thích',
  wá: 'quá', wa: 'quá', qá: 'quá', lun: 'luôn', nhìu: 'nhiều', nhiu: 'nhiều',
  bít: 'biết', bik: 'biết', bjt: 'biết', hiu: 'hiểu',
  đt: 'điện thoại', đth: 'điện thoại',
  tks: 'cảm ơn', thanks: 'cảm ơn', thank: 'cảm ơn', thx: 'cảm ơn', camon: 'cảm ơn', cám: 'cảm',
  oke: 'ok', okie: 'ok', okê: 'ok', oki: 'ok', okela: 'ok', okay: 'ok',
  đag: 'đang', dag: 'đang', đg: 'đang',
  rep: 'trả lời', ib: 'nhắn tin', inbox: 'nhắn tin',
  ubnd: 'ủy ban nhân dân', hđnd: 'hội đồng nhân dân', csgt: 'cảnh sát giao thông',
  tp: 'thành phố', tphcm: 'thành phố hồ chí minh', hcm: 'hồ chí minh', sg: 'sài gòn', vn: 'việt nam',
  bhyt: 'bảo hiểm y tế', bhxh: 'bảo hiểm xã hội', gplx: 'giấy phép lái xe', cccd: 'căn cước công dân',
  hs: 'học sinh', sv: 'sinh viên', gv: 'giáo viên', bs: 'bác sĩ',
  hix: 'hic', huhu: 'hu hu', hjhj: 'hihi', hehe: 'hihi', kkk: 'haha', kaka: 'haha', hahaha: 'haha', hihihi: 'hihi',
};

/** Emoticons (checked before punctuation is dropped), longest first. */
const EMOTICONS: readonly [RegExp, string][] = [
  [/(?:<3|♥|❤)+/gu, ' __heart__ '],
  [/(?:^|\s)[:;=xX]['’]?-?(?:\){2,}|\]{2,})/gu, ' __laugh__ '],
  [/(?:^|\s)=+\)+/gu, ' __laugh__ '],
  [/(?:^|\s)[:;=]-?[dD]+\b/gu, ' __laugh__ '],
  [/(?<![\p{L}\p{N}])[xX][dD]+(?![\p{L}\p{N}])/gu, ' __laugh__ '],
  [/(?:^|\s):['’]\(+/gu, ' __cry__ '],
  [/(?:^|\s)[:=]-?\(+/gu, ' __sad__ '],
  [/(?:^|\s)[:=]-?[)\]]+/gu, ' __smile__ '],
  [/(?:^|\s);-?[)\]]+/gu, ' __wink__ '],
  [/(?:^|\s)[:=]-?[pP]+\b/gu, ' __tongue__ '],
  [/(?:^|\s)[:=]-?[oO]\b/gu, ' __surprise__ '],
  [/(?:^|\s)[:=][vV]\b/gu, ' __laugh__ '],
  [/(?:^|\s)\^[_.]?\^/gu, ' __smile__ '],
  [/(?:^|\s)[-=]_+[-=]/gu, ' __sad__ '],
];

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"']+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|vn|net|org|info|gov|edu|io|ly|me)(?:\/[^\s<>"']*)?/giu;
const EMAIL_RE = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/gu;
const MENTION_RE = /(?:^|\s)@[\p{L}\p{N}_.]+/gu;
/** Vietnamese phone numbers: 0xx… or +84 / 84, 9–11 digits, with optional separators. */
const PHONE_RE = /(?<![\p{N}])(?:\+?84|0)(?:[\s.-]?\d){8,10}(?![\p{N}])/gu;
const DATE_RE = /(?<![\p{N}])\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?(?![\p{N}])/gu;
const PCT_RE = /(?<![\p{L}\p{N}])\d+(?:[.,]\d+)*\s?%/gu;
const NUM_RE = /(?<![\p{L}\p{N}])\d+(?:[.,]\d+)*(?![\p{L}\p{N}])/gu;
const EMOJI_EXTRAS = /(?:\u{FE0E}|\u{FE0F}|\u200D|\u{1F3FB}|\u{1F3FC}|\u{1F3FD}|\u{1F3FE}|\u{1F3FF})/gu;
/** One token: a placeholder, an emoji, a run of letters/marks/digits, or ! / ?. */
const TOKEN_RE = /__[a-z]+__|\p{Extended_Pictographic}|[\p{L}\p{M}\p{N}]+|[!?]/gu;

/** Does the string contain a Vietnamese-only letter (diacritic or đ)? */
function isVietnameseLooking(w: string): boolean {
  return foldAccents(w) !== w;
}

const foldCache = new Map<string, string>();
/** Base letter of one character (`á` → `a`, `đ` → `d`), cached. */
function baseOf(c: string): string {
  let b = foldCache.get(c);
  if (b === undefined) {
    b = foldAccents(c);
    if (foldCache.size < 4096) foldCache.set(c, b);
  }
  return b;
}

/**
 * Collapse elongated letters. Runs of 3+ letters with the same base letter become one
 * (the accented one wins: `quáaaa` → `quá`, `đẹpppp` → `đẹp`); a vowel followed by the
 * same vowel without accent also collapses (`quáa` → `quá`). Double letters of real
 * words (`xoong`, `quần soóc`) are kept. Expects NFC input.
 */
export function collapseElongation(s: string): { text: string; elongated: boolean } {
  let elongated = false;
  const text = s.replace(/\p{L}{2,}/gu, (word) => {
    const chars = Array.from(word);
    let suspicious = false;
    for (let i = 1; i < chars.length; i++) {
      if (baseOf(chars[i] as string) === baseOf(chars[i - 1] as string)) {
        suspicious = true;
        break;
      }
    }
    if (!suspicious) return word;
    const out: string[] = [];
    let i = 0;
    while (i < chars.length) {
      const c = chars[i] as string;
      const base = baseOf(c);
      let j = i + 1;
      let best = c;
      while (j < chars.length && baseOf(chars[j] as string) === base) {
        if ((chars[j] as string) !== base) best = chars[j] as string;
        j++;
      }
      const len = j - i;
      const mixed = len === 2 && c !== base && chars[i + 1] === base && 'aeiouy'.includes(base);
      if (len >= 3 || mixed) {
        elongated = true;
        out.push(best);
      } else {
        for (let k = i; k < j; k++) out.push(chars[k] as string);
      }
      i = j;
    }
    return out.join('');
  });
  return { text, elongated };
}

/** Expand one lower-case token (teencode, w→qu / f→ph / j→gi in Vietnamese-looking words). */
export function expandTeencode(tok: string): string {
  // Own keys only: a token such as "__proto__" or "constructor" must not reach Object.prototype.
  const direct = Object.hasOwn(TEENCODE, tok) ? TEENCODE[tok] : undefined;
  if (direct !== undefined) return direct;
  if (tok.length > 1 && isVietnameseLooking(tok)) {
    const first = tok.charAt(0);
    if (first === 'w') return 'qu' + tok.slice(1);
    if (first === 'f') return 'ph' + tok.slice(1);
    if (first === 'j') return 'gi' + tok.slice(1);
  }
  return tok;
}

/**
 * Replace URLs, e-mails, mentions, phones, dates, percentages, numbers and emoticons with
 * placeholders. Input must already be NFC. Case is kept.
 */
export function replacePlaceholders(s: string): string {
  // Cheap gates first: most comments have no URL, digit or emoticon character at all.
  let t = s;
  if (/[.@]/.test(t)) t = t.replace(EMAIL_RE, ' __email__ ').replace(URL_RE, ' __url__ ').replace(MENTION_RE, ' __user__ ');
  if (/[<♥❤:;=xX^_-]/u.test(t)) for (const [re, rep] of EMOTICONS) t = t.replace(re, rep);
  if (!/\d/.test(t)) return t;
  return t
    .replace(PHONE_RE, ' __phone__ ')
    .replace(DATE_RE, ' __date__ ')
    .replace(PCT_RE, ' __pct__ ')
    .replace(NUM_RE, ' __num__ ');
}

/**
 * Normalise social text to one canonical lower-case string: placeholders, elongation,
 * tone placement, teencode; tokens separated by one space. `"Dịch vụ k tốt quáaaa :(("`
 * → `"dịch vụ không tốt quá __sad__ __elong__"`.
 */
export function normalizeSocial(s: string): string {
  return socialTokens(s).join(' ');
}

const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/gu;

/** A bounded memo (cleared when full): syllable vocabularies are small, so hit rates are high. */
export class Memo {
  private map = new Map<string, string>();
  constructor(
    private readonly fn: (s: string) => string,
    private readonly max = 50_000,
  ) {}
  get(s: string): string {
    let v = this.map.get(s);
    if (v === undefined) {
      v = this.fn(s);
      if (this.map.size >= this.max) this.map.clear();
      this.map.set(s, v);
    }
    return v;
  }
}

/** Tone placement of one token via {@link normalizeText}, memoised (the per-word work is the slow part). */
const tonePlaced = new Memo((w) => normalizeText(w));
/** Accent folding of one token, memoised. */
export const foldedToken = new Memo((w) => foldAccents(w));

/** The token list of {@link normalizeSocial} (see the module comment for the pipeline). */
export function socialTokens(s: string): string[] {
  if (!s) return [];
  const nfc = s.normalize('NFC').replace(INVISIBLE, '').replace(/\u00D0/g, '\u0110');
  const placed = replacePlaceholders(nfc).toLowerCase();
  const { text, elongated } = collapseElongation(placed);
  const clean = text.replace(EMOJI_EXTRAS, '');
  const out: string[] = [];
  for (const m of clean.matchAll(TOKEN_RE)) {
    let tok = m[0];
    // eslint-disable-next-line no-control-regex
    if (/[^\u0000-\u007f]/.test(tok) && tok.length > 1) tok = tonePlaced.get(tok);
    const exp = expandTeencode(tok);
    if (exp === tok) out.push(tok);
    else for (const part of exp.split(' ')) out.push(part);
  }
  if (elongated) out.push('__elong__');
  return out;
}

/** Is this token a placeholder (`__num__`) or an emoji / punctuation token, not a syllable? */
export function isSpecialToken(tok: string): boolean {
  return tok.startsWith('__') || !/[\p{L}\p{N}]/u.test(tok);
}

/**
 * Syllable n-grams (n = 1..maxN) of a token list, joined by `_` as is usual for
 * Vietnamese words (`an toàn` → `an_toàn`). Placeholders take part like syllables.
 */
export function syllableNgrams(tokens: readonly string[], maxN = 2): string[] {
  const out: string[] = [];
  for (let n = 1; n <= maxN; n++) {
    for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join('_'));
  }
  return out;
}
