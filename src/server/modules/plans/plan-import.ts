/**
 * Plan files → text for the plan parser: .txt (UTF-8, UTF-16 with BOM, Windows-1258 or
 * Windows-1252 when not UTF-8), .docx (paragraphs with Word's automatic numbering, and
 * tables: a task table comes out as rows of cells separated by " | ", a layout table of one
 * or two columns — the header or signature block — as its lines), .pdf (the text layer).
 *
 * Refused with an AppError and a Vietnamese message, before anything is imported: an
 * empty file or one over 20 MB, an unknown type, a corrupt or password-protected file, a
 * PDF without a text layer (a scanned image). Nothing is downloaded at run time.
 */

import { unzipSync, type Unzipped } from 'fflate';
import { AppError } from '../../platform/errors.ts';

/** Largest plan file accepted. */
export const MAX_PLAN_FILE_BYTES = 20 * 1024 * 1024;
/** Largest uncompressed part of a .docx we are willing to inflate (zip bombs). */
const MAX_DOCX_PART_BYTES = 100 * 1024 * 1024;

export interface ExtractedText {
  text: string;
  warnings: string[];
}

export type PlanFileKind = 'txt' | 'docx' | 'pdf';

const unprocessable = (message: string): AppError => new AppError('unprocessable', message);

function startsWith(buf: Uint8Array, bytes: number[]): boolean {
  if (buf.length < bytes.length) return false;
  return bytes.every((b, i) => buf[i] === b);
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function hasPdfMagic(buf: Uint8Array): boolean {
  const head = Buffer.from(buf.subarray(0, Math.min(buf.length, 1024))).toString('latin1');
  return head.includes('%PDF-');
}

/** The kind of a plan file, from its name and its first bytes. */
export function planFileKind(buf: Uint8Array, fileName: string): PlanFileKind {
  const ext = (/\.([a-z0-9]{1,5})$/i.exec(fileName.trim())?.[1] ?? '').toLowerCase();
  if (ext === 'pdf') return 'pdf';
  if (ext === 'docx') return 'docx';
  if (ext === 'txt' || ext === 'text' || ext === 'md') return 'txt';
  if (ext === 'doc' || ext === 'rtf' || ext === 'odt') {
    throw new AppError(
      'unsupported_media_type',
      `Chưa hỗ trợ định dạng .${ext}. Hãy mở tệp bằng Word rồi lưu thành .docx hoặc PDF và tải lên lại.`,
    );
  }
  // No usable extension: look at the content.
  if (hasPdfMagic(buf)) return 'pdf';
  if (startsWith(buf, ZIP)) return 'docx';
  if (!ext && looksLikeText(buf)) return 'txt';
  throw new AppError(
    'unsupported_media_type',
    `Không đọc được loại tệp${ext ? ` .${ext}` : ''}. Chỉ nhận kế hoạch dạng .txt, .docx hoặc .pdf.`,
  );
}

function looksLikeText(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 4096);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i] as number;
    if (b === 0 || (b < 0x09 && b !== 0x1b) || (b > 0x0d && b < 0x20)) control++;
  }
  return control / n < 0.01 || startsWith(buf, [0xff, 0xfe]) || startsWith(buf, [0xfe, 0xff]);
}

/**
 * Read a plan file's text. Throws AppError: 'payload_too_large' (over 20 MB),
 * 'unsupported_media_type' (not .txt/.docx/.pdf), 'unprocessable' (empty, corrupt,
 * encrypted, or a PDF without text).
 */
export async function extractPlanText(buffer: Buffer | Uint8Array, fileName: string): Promise<ExtractedText> {
  const buf = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  if (buf.length > MAX_PLAN_FILE_BYTES) {
    throw new AppError('payload_too_large', `Tệp lớn hơn ${MAX_PLAN_FILE_BYTES / 1024 / 1024} MB, không thể nhập.`);
  }
  if (buf.length === 0) throw unprocessable('Tệp trống, không có nội dung để đọc.');
  const kind = planFileKind(buf, typeof fileName === 'string' ? fileName : '');
  let out: ExtractedText;
  if (kind === 'txt') out = decodeText(buf);
  else if (kind === 'docx') out = docxText(buf);
  else out = await pdfText(buf);
  const text = out.text.normalize('NFC').replace(/\r\n?/g, '\n');
  if (!/\p{L}{2,}/u.test(text)) {
    throw unprocessable(kind === 'pdf' ? noTextLayerMessage : 'Tệp không có chữ nào đọc được.');
  }
  return { text, warnings: out.warnings };
}

// ---------------------------------------------------------------------------
// .txt
// ---------------------------------------------------------------------------

/** Letters only Vietnamese uses (after Windows-1258 decoding): ă â đ ê ô ơ ư and the tone marks. */
const VIETNAMESE_MARKS = /[ăâđêôơưĂÂĐÊÔƠƯ]|[\u0300\u0301\u0303\u0309\u0323]/gu;

/** Windows-1252 bytes 0x80–0x9F (Node's decoder treats the label as Latin-1). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function decode1252(buf: Uint8Array): string {
  let out = '';
  for (let i = 0; i < buf.length; i += 8192) {
    const chunk = buf.subarray(i, i + 8192);
    out += Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charAt(b - 0x80) : String.fromCharCode(b))).join('');
  }
  return out;
}

/** Decode a text file: BOMs, UTF-8, UTF-16 without BOM, then Windows-1258 / Windows-1252. */
export function decodeText(buf: Uint8Array): ExtractedText {
  const warnings: string[] = [];
  if (startsWith(buf, [0xef, 0xbb, 0xbf])) return { text: new TextDecoder('utf-8').decode(buf.subarray(3)), warnings };
  if (startsWith(buf, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(buf.subarray(2)), warnings };
  if (startsWith(buf, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(buf.subarray(2)), warnings };
  // UTF-16 without BOM: every other byte is zero.
  const n = Math.min(buf.length, 2000) & ~1;
  if (n >= 8) {
    let evenZero = 0;
    let oddZero = 0;
    for (let i = 0; i < n; i += 2) {
      if (buf[i] === 0) evenZero++;
      if (buf[i + 1] === 0) oddZero++;
    }
    if (oddZero / (n / 2) > 0.3 && evenZero / (n / 2) < 0.05) return { text: new TextDecoder('utf-16le').decode(buf), warnings };
    if (evenZero / (n / 2) > 0.3 && oddZero / (n / 2) < 0.05) return { text: new TextDecoder('utf-16be').decode(buf), warnings };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), warnings };
  } catch {
    // Not UTF-8: a legacy Windows code page.
  }
  if (!looksLikeText(buf)) throw unprocessable('Tệp không phải là văn bản (có ký tự nhị phân), không đọc được.');
  const vi = new TextDecoder('windows-1258').decode(buf).normalize('NFC');
  const west = decode1252(buf);
  const viScore = (vi.match(VIETNAMESE_MARKS) ?? []).length;
  if (viScore > 0) {
    warnings.push('Tệp không ở dạng UTF-8; đã đọc theo bảng mã Windows-1258 (tiếng Việt). Hãy kiểm tra lại dấu tiếng Việt.');
    return { text: vi, warnings };
  }
  warnings.push('Tệp không ở dạng UTF-8; đã đọc theo bảng mã Windows-1252. Nếu chữ tiếng Việt bị lỗi, hãy lưu lại tệp dạng UTF-8.');
  return { text: west, warnings };
}

// ---------------------------------------------------------------------------
// .docx
// ---------------------------------------------------------------------------

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: (XmlNode | string)[];
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (m, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

/** A small XML reader: elements, attributes and text; enough for WordprocessingML. */
export function parseXml(xml: string): XmlNode {
  const root: XmlNode = { name: '#root', attrs: {}, children: [] };
  const stack: XmlNode[] = [root];
  const re = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
  let last = 0;
  for (const m of xml.matchAll(re)) {
    const at = m.index ?? 0;
    const top = stack[stack.length - 1] as XmlNode;
    if (at > last) {
      const text = xml.slice(last, at);
      if (text) top.children.push(decodeEntities(text));
    }
    last = at + m[0].length;
    if (m[1] !== undefined) {
      top.children.push(m[1]);
      continue;
    }
    const name = m[3];
    if (!name) continue;
    if (m[2] === '/') {
      // Close the nearest open element of that name (tolerates stray tags).
      for (let k = stack.length - 1; k > 0; k--) {
        if ((stack[k] as XmlNode).name === name) {
          stack.length = k;
          break;
        }
      }
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (m[4] ?? '').matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[a[1] as string] = decodeEntities(a[2] ?? a[3] ?? '');
    const node: XmlNode = { name, attrs, children: [] };
    top.children.push(node);
    if (m[5] !== '/') stack.push(node);
  }
  if (last < xml.length) (stack[stack.length - 1] as XmlNode).children.push(decodeEntities(xml.slice(last)));
  return root;
}

const el = (n: XmlNode | string | undefined): n is XmlNode => typeof n === 'object' && n !== null;
const local = (name: string): string => name.slice(name.indexOf(':') + 1);
const child = (n: XmlNode, name: string): XmlNode | undefined => n.children.find((c): c is XmlNode => el(c) && local(c.name) === name);
const attr = (n: XmlNode | undefined, name: string): string | undefined => {
  if (!n) return undefined;
  for (const [k, v] of Object.entries(n.attrs)) if (local(k) === name) return v;
  return undefined;
};

interface NumLevel {
  start: number;
  fmt: string;
  text: string;
}

/** Word's automatic numbering: numId → levels (from word/numbering.xml). */
class Numbering {
  private readonly levels = new Map<string, NumLevel[]>();
  private readonly counters = new Map<string, number[]>();
  private readonly abstractOf = new Map<string, string>();

  constructor(xml: string | null) {
    if (!xml) return;
    const root = parseXml(xml);
    const numbering = root.children.find(el);
    if (!numbering) return;
    const abstracts = new Map<string, NumLevel[]>();
    for (const c of numbering.children) {
      if (!el(c)) continue;
      if (local(c.name) === 'abstractNum') {
        const lv: NumLevel[] = [];
        for (const l of c.children) {
          if (!el(l) || local(l.name) !== 'lvl') continue;
          const ilvl = Number(attr(l, 'ilvl') ?? '0');
          if (!Number.isInteger(ilvl) || ilvl < 0 || ilvl > 8) continue;
          lv[ilvl] = {
            start: Number(attr(child(l, 'start'), 'val') ?? '1') || 1,
            fmt: attr(child(l, 'numFmt'), 'val') ?? 'decimal',
            text: attr(child(l, 'lvlText'), 'val') ?? '',
          };
        }
        abstracts.set(attr(c, 'abstractNumId') ?? '', lv);
      }
    }
    for (const c of numbering.children) {
      if (!el(c) || local(c.name) !== 'num') continue;
      const id = attr(c, 'numId') ?? '';
      const abs = attr(child(c, 'abstractNumId'), 'val') ?? '';
      const lv = abstracts.get(abs);
      if (lv) {
        this.levels.set(id, lv);
        this.abstractOf.set(id, abs);
      }
    }
  }

  /** The label Word shows in front of a paragraph ("1.", "1.2.", "a)", "-"). */
  label(numId: string, ilvl: number): string {
    const lv = this.levels.get(numId);
    const level = lv?.[ilvl];
    if (!lv || !level || numId === '0') return '';
    // Counters are shared by the lists of one abstract definition (as Word continues them).
    const key = this.abstractOf.get(numId) ?? numId;
    const counters = this.counters.get(key) ?? [];
    for (let i = 0; i < ilvl; i++) if (counters[i] === undefined) counters[i] = (lv[i]?.start ?? 1);
    counters[ilvl] = counters[ilvl] === undefined ? level.start : (counters[ilvl] as number) + 1;
    counters.length = ilvl + 1;
    this.counters.set(key, counters);
    if (level.fmt === 'bullet') return '-';
    if (level.fmt === 'none') return '';
    return level.text.replace(/%(\d)/g, (_, d: string) => {
      const i = Number(d) - 1;
      return formatNumber(counters[i] ?? lv[i]?.start ?? 1, lv[i]?.fmt ?? 'decimal');
    });
  }
}

function toRoman(n: number): string {
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  let x = Math.max(1, Math.min(3999, Math.floor(n)));
  for (const [v, s] of table) {
    while (x >= v) {
      out += s;
      x -= v;
    }
  }
  return out;
}

function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case 'upperRoman':
      return toRoman(n);
    case 'lowerRoman':
      return toRoman(n).toLowerCase();
    case 'upperLetter':
      return String.fromCharCode(64 + (((n - 1) % 26) + 1));
    case 'lowerLetter':
      return String.fromCharCode(96 + (((n - 1) % 26) + 1));
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    default:
      return String(n);
  }
}

interface DocxContext {
  numbering: Numbering;
}

/** Text of a paragraph (runs, tabs, breaks), with its automatic number in front. */
function paragraphText(p: XmlNode, ctx: DocxContext): string {
  let out = '';
  const walk = (n: XmlNode): void => {
    for (const c of n.children) {
      if (!el(c)) continue;
      const name = local(c.name);
      if (name === 't') out += c.children.filter((x): x is string => typeof x === 'string').join('');
      else if (name === 'tab') out += '\t';
      else if (name === 'br' || name === 'cr') out += '\n';
      else if (name === 'noBreakHyphen') out += '-';
      else if (name === 'delText' || name === 'instrText' || name === 'pPr' || name === 'rPr' || name === 'Fallback' || name === 'del') continue;
      else walk(c);
    }
  };
  walk(p);
  const numPr = child(child(p, 'pPr') ?? { name: '', attrs: {}, children: [] }, 'numPr');
  if (numPr) {
    const numId = attr(child(numPr, 'numId'), 'val') ?? '';
    const ilvl = Number(attr(child(numPr, 'ilvl'), 'val') ?? '0') || 0;
    const label = ctx.numbering.label(numId, ilvl);
    if (label) out = `${label} ${out}`;
  }
  return out;
}

/** Block-level content (paragraphs and tables) as lines of text. */
function blocks(n: XmlNode, ctx: DocxContext, out: string[]): void {
  for (const c of n.children) {
    if (!el(c)) continue;
    const name = local(c.name);
    if (name === 'p') out.push(...paragraphText(c, ctx).split('\n'));
    else if (name === 'tbl') tableText(c, ctx, out);
    else if (name === 'sdt' || name === 'sdtContent' || name === 'customXml' || name === 'body' || name === 'ins' || name === 'smartTag') blocks(c, ctx, out);
  }
}

function cellLines(tc: XmlNode, ctx: DocxContext): string[] {
  const lines: string[] = [];
  blocks(tc, ctx, lines);
  return lines.map((l) => l.replace(/\s+/g, ' ').trim()).filter((l) => l.length > 0);
}

/** Paragraphs of one cell joined: short lines (one agency each) with "; ", a broken sentence with a space. */
function joinCell(lines: string[]): string {
  let out = '';
  for (const l of lines) {
    if (!out) out = l;
    else if (/[.;:,]$/.test(out) || !(out.length <= 80 && l.length <= 80 && /^\p{Lu}/u.test(l))) out += ` ${l}`;
    else out += `; ${l}`;
  }
  return out.replace(/\|/g, '/');
}

function tableText(tbl: XmlNode, ctx: DocxContext, out: string[]): void {
  const rows = tbl.children.filter((r): r is XmlNode => el(r) && local(r.name) === 'tr');
  const grid = rows.map((r) => r.children.filter((c): c is XmlNode => el(c) && (local(c.name) === 'tc' || local(c.name) === 'sdt')));
  const columns = Math.max(0, ...grid.map((r) => r.length));
  if (columns < 3) {
    // A layout table (national motto beside the issuer, recipients beside the signature):
    // its text in reading order, left column first.
    for (let col = 0; col < columns; col++) {
      for (const r of grid) {
        const cell = r[col];
        if (cell) out.push(...cellLines(cell, ctx));
      }
    }
    out.push('');
    return;
  }
  out.push('');
  for (const r of grid) {
    const cells = r.map((tc) => {
      // A vertically merged continuation cell stays empty.
      const merge = child(child(tc, 'tcPr') ?? { name: '', attrs: {}, children: [] }, 'vMerge');
      if (merge && (attr(merge, 'val') ?? 'continue') === 'continue') return '';
      return joinCell(cellLines(tc, ctx));
    });
    if (cells.every((c) => c === '')) continue;
    out.push(cells.join(' | '));
  }
  out.push('');
}

/** Text of a .docx: paragraphs in order, tables as " | " rows. */
export function docxText(buf: Uint8Array): ExtractedText {
  if (startsWith(buf, OLE2)) {
    throw unprocessable(
      'Tệp Word được bảo vệ bằng mật khẩu (mã hóa) hoặc là định dạng .doc cũ. Hãy mở bằng Word, bỏ mật khẩu và lưu lại thành .docx.',
    );
  }
  if (!startsWith(buf, ZIP)) throw unprocessable('Tệp .docx bị hỏng hoặc không phải là tài liệu Word.');
  let files: Unzipped;
  try {
    files = unzipSync(buf, {
      filter: (f) => (f.name === 'word/document.xml' || f.name === 'word/numbering.xml') && f.originalSize <= MAX_DOCX_PART_BYTES,
    });
  } catch {
    throw unprocessable('Tệp .docx bị hỏng (không giải nén được).');
  }
  const doc = files['word/document.xml'];
  if (!doc) throw unprocessable('Tệp .docx không có nội dung văn bản (thiếu word/document.xml) hoặc quá lớn.');
  const decoder = new TextDecoder('utf-8');
  const numXml = files['word/numbering.xml'];
  const ctx: DocxContext = { numbering: new Numbering(numXml ? decoder.decode(numXml) : null) };
  const root = parseXml(decoder.decode(doc));
  const body = root.children.filter(el).map((d) => child(d, 'body')).find((b) => b !== undefined);
  if (!body) throw unprocessable('Tệp .docx bị hỏng (không có phần thân văn bản).');
  const lines: string[] = [];
  blocks(body, ctx, lines);
  return { text: lines.join('\n').replace(/\n{3,}/g, '\n\n').trim(), warnings: [] };
}

// ---------------------------------------------------------------------------
// .pdf
// ---------------------------------------------------------------------------

const noTextLayerMessage =
  'Tệp PDF không có lớp chữ (là ảnh quét). Hãy chạy nhận dạng chữ (OCR) hoặc xuất lại PDF từ Word rồi tải lên lại.';

interface PdfItem {
  str: string;
  x: number;
  y: number;
  w: number;
  h: number;
  eol: boolean;
}

/** Text layer of a PDF, line by line; a blank line where the vertical gap shows a new paragraph. */
export async function pdfText(buf: Uint8Array): Promise<ExtractedText> {
  if (!hasPdfMagic(buf)) throw unprocessable('Tệp .pdf bị hỏng hoặc không phải là PDF.');
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc;
  try {
    doc = await getDocument({
      data: new Uint8Array(buf),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
      verbosity: 0,
    }).promise;
  } catch (err) {
    const name = (err as { name?: string }).name ?? '';
    if (name === 'PasswordException') throw unprocessable('Tệp PDF được bảo vệ bằng mật khẩu. Hãy gỡ mật khẩu rồi tải lên lại.');
    throw unprocessable('Tệp PDF bị hỏng, không đọc được.');
  }
  const warnings: string[] = [];
  const pages: string[] = [];
  let chars = 0;
  try {
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      const items: PdfItem[] = [];
      for (const it of content.items) {
        if (!('str' in it)) continue;
        const t = it.transform as number[];
        items.push({ str: it.str, x: t[4] ?? 0, y: t[5] ?? 0, w: it.width, h: Math.abs(it.height || t[3] || 0), eol: it.hasEOL });
      }
      const text = pdfPageLines(items);
      chars += text.replace(/\s+/g, '').length;
      pages.push(text);
      page.cleanup();
    }
  } catch {
    throw unprocessable('Tệp PDF bị hỏng, không đọc được nội dung.');
  } finally {
    await doc.destroy().catch(() => undefined);
  }
  if (chars < Math.max(20, pages.length * 10)) throw unprocessable(noTextLayerMessage);
  return { text: pages.join('\n\n'), warnings };
}

/** Lines of one page from its text items (reading order of the content stream, split on y). */
function pdfPageLines(items: PdfItem[]): string {
  const lines: { y: number; h: number; parts: PdfItem[] }[] = [];
  for (const it of items) {
    if (it.str === '' && !it.eol) continue;
    const cur = lines[lines.length - 1];
    const tol = Math.max(2, (it.h || cur?.h || 10) * 0.5);
    if (cur && Math.abs(cur.y - it.y) <= tol) cur.parts.push(it);
    else lines.push({ y: it.y, h: it.h, parts: [it] });
  }
  const out: string[] = [];
  let prev: { y: number; h: number } | null = null;
  for (const line of lines) {
    const parts = [...line.parts].sort((a, b) => a.x - b.x);
    let text = '';
    let end = -Infinity;
    let bigGaps = 0;
    const pieces: string[] = [];
    for (const p of parts) {
      const gap = p.x - end;
      const size = p.h || line.h || 10;
      if (text && gap > size * 2.5) {
        bigGaps++;
        pieces.push(text);
        text = p.str;
      } else text += text && gap > size * 0.15 && !/\s$/.test(text) && !/^\s/.test(p.str) ? ` ${p.str}` : p.str;
      end = p.x + p.w;
    }
    pieces.push(text);
    // Three or more columns far apart: a table row.
    const joined = bigGaps >= 2 ? pieces.map((s) => s.trim()).join(' | ') : pieces.map((s) => s.trim()).join(' ');
    if (prev && prev.y - line.y > Math.max(prev.h, line.h, 8) * 1.8) out.push('');
    out.push(joined.replace(/\s+/g, ' ').trim());
    prev = line;
  }
  return out.join('\n');
}
