/**
 * Labelled data files for the classifiers: JSON Lines (`{"text": …, "label": …}` per line)
 * or CSV with a header containing `text` and `label` columns (RFC 4180: quoted fields,
 * doubled quotes, newlines inside quotes). Labels are arbitrary strings (numbers are
 * turned into strings). A malformed line is reported with its line number.
 */
import type { Example } from './classifier.ts';

export class DataFileError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`dòng ${line}: ${message}`);
    this.name = 'DataFileError';
  }
}

/** Parse CSV text into rows of fields, each row with the 1-based line number where it starts. */
export function parseCsv(text: string): { fields: string[]; line: number }[] {
  const rows: { fields: string[]; line: number }[] = [];
  let field = '';
  let fields: string[] = [];
  let inQuotes = false;
  let line = 1;
  let rowLine = 1;
  let fieldStarted = false;
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (inQuotes) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      inQuotes = true;
      fieldStarted = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      fieldStarted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      fields.push(field);
      if (!(fields.length === 1 && fields[0] === '')) rows.push({ fields, line: rowLine });
      fields = [];
      field = '';
      fieldStarted = false;
      line++;
      rowLine = line;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (inQuotes) throw new DataFileError('dấu ngoặc kép chưa đóng', rowLine);
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    rows.push({ fields, line: rowLine });
  }
  return rows;
}

function labelString(v: unknown, line: number): string {
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return String(v);
  throw new DataFileError('thiếu "label" (chuỗi hoặc số)', line);
}

/** Parse JSON Lines of `{text, label}`; blank lines are skipped. */
export function parseJsonlExamples(text: string): Example[] {
  const out: Example[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] as string).trim();
    if (raw === '') continue;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch {
      throw new DataFileError('không phải JSON hợp lệ', i + 1);
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw new DataFileError('cần một đối tượng JSON {"text", "label"}', i + 1);
    const o = obj as Record<string, unknown>;
    if (typeof o.text !== 'string') throw new DataFileError('thiếu "text" (chuỗi)', i + 1);
    out.push({ text: o.text, label: labelString(o.label, i + 1) });
  }
  return out;
}

/** Parse CSV with `text` and `label` columns (any order, other columns ignored). */
export function parseCsvExamples(text: string): Example[] {
  const rows = parseCsv(text);
  const header = rows[0];
  if (!header) return [];
  const cols = header.fields.map((f) => f.trim().toLowerCase());
  const ti = cols.indexOf('text');
  const li = cols.indexOf('label');
  if (ti < 0 || li < 0) throw new DataFileError('tiêu đề CSV cần các cột "text" và "label"', header.line);
  const out: Example[] = [];
  for (const r of rows.slice(1)) {
    if (r.fields.length !== cols.length) throw new DataFileError(`có ${r.fields.length} cột, tiêu đề có ${cols.length}`, r.line);
    out.push({ text: r.fields[ti] as string, label: labelString(r.fields[li], r.line) });
  }
  return out;
}

/** Parse a data file's content; the format is chosen by file name (`.csv`, else JSON Lines). */
export function parseExamples(content: string, fileName: string): Example[] {
  return fileName.toLowerCase().endsWith('.csv') ? parseCsvExamples(content) : parseJsonlExamples(content);
}
