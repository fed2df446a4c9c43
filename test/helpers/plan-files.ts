/**
 * Plan files built in memory for the import and CLI tests: a .docx (hand-made zip with
 * paragraphs, automatic numbering and a task table), PDFs made with pdfkit (Vietnamese text
 * in DejaVu Sans, an image-only scan, a password-protected one) and broken files.
 */
import { existsSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import PDFDocument from 'pdfkit';

/** A TrueType font with Vietnamese glyphs (Debian package fonts-dejavu-core). */
export const VIETNAMESE_FONT = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/dejavu/DejaVuSans.ttf'].find((p) => existsSync(p)) ?? null;

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

export type DocxBlock = string | { numbered: string; level?: number } | { table: string[][] };

function para(text: string, numbered?: { level: number }): string {
  const numPr = numbered ? `<w:pPr><w:numPr><w:ilvl w:val="${numbered.level}"/><w:numId w:val="1"/></w:numPr></w:pPr>` : '';
  // Split into two runs to check that runs are joined.
  const mid = Math.floor(text.length / 2);
  return `<w:p>${numPr}<w:r><w:t xml:space="preserve">${esc(text.slice(0, mid))}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${esc(text.slice(mid))}</w:t></w:r></w:p>`;
}

/** A minimal .docx: paragraphs, paragraphs numbered by Word ("1.", "1.1."), tables. */
export function makeDocx(blocks: DocxBlock[]): Buffer {
  const body = blocks
    .map((b) => {
      if (typeof b === 'string') return para(b);
      if ('numbered' in b) return para(b.numbered, { level: b.level ?? 0 });
      const rows = b.table
        .map((r) => `<w:tr>${r.map((c) => `<w:tc><w:tcPr/>${c.split('\n').map((l) => para(l)).join('')}</w:tc>`).join('')}</w:tr>`)
        .join('');
      return `<w:tbl><w:tblPr/>${rows}</w:tbl>`;
    })
    .join('');
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}<w:sectPr/></w:body></w:document>`;
  const numbering = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering ${W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`;
  const types = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
  const rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8(types),
      '_rels/.rels': strToU8(rels),
      'word/document.xml': strToU8(document),
      'word/numbering.xml': strToU8(numbering),
    }),
  );
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** A PDF with a text layer: each string is a paragraph (long ones wrap, as in a real PDF). */
export async function makePdf(paragraphs: string[], opts: { userPassword?: string } = {}): Promise<Buffer> {
  if (!VIETNAMESE_FONT) throw new Error('Thiếu phông DejaVu Sans (gói Debian fonts-dejavu-core).');
  const doc = new PDFDocument({ size: 'A4', margin: 56, ...(opts.userPassword ? { userPassword: opts.userPassword, ownerPassword: 'owner' } : {}) });
  doc.font(VIETNAMESE_FONT).fontSize(12);
  for (const p of paragraphs) doc.text(p, { align: 'left' }).moveDown(0.6);
  return collect(doc);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

/** A small grey PNG (a "scanned page"). */
export function makePng(width = 64, height = 64): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = (x * 7 + y * 3) % 256;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A PDF that is only a picture of a page: no text layer. */
export async function makeImageOnlyPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 0 });
  doc.image(makePng(), 0, 0, { width: 595, height: 842 });
  doc.addPage().image(makePng(), 0, 0, { width: 595, height: 842 });
  return collect(doc);
}

/** The sample plan used across the format tests (short, every shape the parser reads). */
export const SAMPLE_PLAN = {
  header: ['ỦY BAN NHÂN DÂN TỈNH BẮC GIANG', 'Số: 151/KH-UBND', 'Bắc Giang, ngày 14 tháng 9 năm 2023'],
  title: 'Triển khai thực hiện Chỉ thị số 07/CT-TTg ngày 21/3/2023 của Thủ tướng Chính phủ',
  preamble: 'Thực hiện Chỉ thị số 07/CT-TTg ngày 21/3/2023 của Thủ tướng Chính phủ, UBND tỉnh ban hành Kế hoạch như sau:',
  task: 'Tham mưu UBND tỉnh tổ chức hội nghị phổ biến, quán triệt nâng cao nhận thức về truyền thông chính sách.',
  fields: ['- Chủ trì: Sở Thông tin và Truyền thông.', '- Phối hợp: Sở Tư pháp, Các sở, ban, ngành.', '- Thời gian thực hiện: Năm 2023 - 2024.'],
  table: [
    ['STT', 'Nội dung', 'Chủ trì', 'Phối hợp', 'Thời gian', 'Sản phẩm'],
    ['1', 'Xây dựng chuyên mục truyền thông chính sách', 'Sở Thông tin và Truyền thông', 'Sở Tư pháp\nCông an tỉnh', 'Trước tháng 12/2024', 'Chuyên mục'],
  ],
  signer: ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Mai Sơn'],
};
