import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { AppError } from '../../platform/errors.ts';
import { parsePlan } from '../../../nlp/plan-parser.ts';
import { MAX_PLAN_FILE_BYTES, decodeText, extractPlanText, parseXml, planFileKind } from './plan-import.ts';
import { SAMPLE_PLAN, VIETNAMESE_FONT, makeDocx, makeImageOnlyPdf, makePdf } from '../../../../test/helpers/plan-files.ts';

const seed = readFileSync(new URL('../../../../test/fixtures/seeds/003_caf80b94208427c6.txt', import.meta.url), 'utf8');

async function rejects(p: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof AppError, String(err));
    assert.equal(err.code, code, err.message);
    // A Vietnamese message: it has Vietnamese letters.
    assert.match(err.message, /[ăâđêôơưạ-ỹ]/u);
    if (message) assert.match(err.message, message);
    return true;
  });
}

/** Windows-1258 encoder for the test: a letter with a tone becomes the letter (ơ, ư, â… are one byte) plus the tone byte. */
function to1258(s: string): Buffer {
  const dec = new TextDecoder('windows-1258');
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) {
    const ch = dec.decode(Uint8Array.of(b));
    if (!table.has(ch)) table.set(ch, b);
  }
  const tones = /[\u0300\u0301\u0303\u0309\u0323]/u;
  const out: number[] = [];
  for (const ch of s.normalize('NFC')) {
    const direct = table.get(ch);
    if (direct !== undefined) {
      out.push(direct);
      continue;
    }
    const parts = [...ch.normalize('NFD')];
    const tone = parts.filter((c) => tones.test(c));
    const base = parts.filter((c) => !tones.test(c)).join('').normalize('NFC');
    const b = table.get(base);
    if (b === undefined || tone.length !== 1) throw new Error(`not encodable in Windows-1258: ${ch}`);
    out.push(b, table.get(tone[0] as string) as number);
  }
  return Buffer.from(out);
}

describe('.txt', () => {
  const text = 'Số: 151/KH-UBND\nBắc Giang, ngày 14 tháng 9 năm 2023\nKẾ HOẠCH\nSở Thông tin và Truyền thông';

  test('UTF-8, with and without BOM', async () => {
    assert.equal((await extractPlanText(Buffer.from(text, 'utf8'), 'kh.txt')).text, text);
    assert.equal((await extractPlanText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'kh.txt')).text, text);
  });

  test('UTF-16 with BOM (little and big endian) and without BOM', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    assert.equal((await extractPlanText(le, 'kh.txt')).text, text);
    const beBody = Buffer.from(text, 'utf16le').swap16();
    assert.equal((await extractPlanText(Buffer.concat([Buffer.from([0xfe, 0xff]), beBody]), 'kh.txt')).text, text);
    assert.equal((await extractPlanText(Buffer.from(text, 'utf16le'), 'kh.txt')).text, text);
  });

  test('Windows-1258 (legacy Vietnamese) is detected and decoded to NFC', async () => {
    const buf = to1258(text);
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(buf));
    const r = await extractPlanText(buf, 'kh.txt');
    assert.equal(r.text, text.normalize('NFC'));
    assert.ok(r.warnings.some((w) => w.includes('1258')));
  });

  test('Windows-1252 text (no Vietnamese letters) falls back to 1252', () => {
    const r = decodeText(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x61, 0x94]));
    assert.equal(r.text, 'Café “a”');
    assert.ok(r.warnings.some((w) => w.includes('1252')));
  });

  test('a seed read from .txt parses the same as the string', async () => {
    const r = await extractPlanText(Buffer.from(seed), '003.txt');
    assert.deepEqual(parsePlan(r.text).tasks.length, parsePlan(seed).tasks.length);
  });
});

describe('.docx', () => {
  test('paragraphs, Word numbering and a task table become parser text', async () => {
    const buf = makeDocx([
      { table: [[SAMPLE_PLAN.header.slice(0, 1).join('\n') + '\n' + SAMPLE_PLAN.header[1], 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n' + SAMPLE_PLAN.header[2]]] },
      'KẾ HOẠCH',
      SAMPLE_PLAN.title,
      SAMPLE_PLAN.preamble,
      'I. MỤC ĐÍCH, YÊU CẦU',
      'Bảo đảm hiệu quả.',
      'II. NỘI DUNG, NHIỆM VỤ',
      { numbered: 'Nâng cao nhận thức', level: 0 },
      { numbered: SAMPLE_PLAN.task, level: 1 },
      ...SAMPLE_PLAN.fields,
      'III. PHỤ LỤC NHIỆM VỤ',
      { table: SAMPLE_PLAN.table },
      { table: [['Nơi nhận:\n- Như trên;\n- Lưu: VT.', SAMPLE_PLAN.signer.join('\n')]] },
    ]);
    const r = await extractPlanText(buf, 'Kế hoạch 151.docx');
    assert.match(r.text, /^ỦY BAN NHÂN DÂN TỈNH BẮC GIANG\nSố: 151\/KH-UBND\nCỘNG HÒA/m);
    assert.match(r.text, /^1\. Nâng cao nhận thức$/m);
    assert.match(r.text, /^1\.1\. Tham mưu UBND tỉnh/m);
    assert.match(r.text, /^STT \| Nội dung \| Chủ trì \| Phối hợp \| Thời gian \| Sản phẩm$/m);
    assert.match(r.text, /^1 \| Xây dựng chuyên mục truyền thông chính sách \| Sở Thông tin và Truyền thông \| Sở Tư pháp; Công an tỉnh \| Trước tháng 12\/2024 \| Chuyên mục$/m);
    const p = parsePlan(r.text);
    assert.equal(p.number, '151/KH-UBND');
    assert.equal(p.issuer, 'UBND tỉnh Bắc Giang');
    assert.equal(p.date, '2023-09-14');
    assert.equal(p.tasks.find((t) => t.ref === '1.1')?.lead[0], 'Sở Thông tin và Truyền thông');
    const row = p.tasks.find((t) => t.title.startsWith('Xây dựng chuyên mục'));
    assert.ok(row, JSON.stringify(p.tasks.map((t) => t.ref)));
    assert.deepEqual(row.coordinating, ['Sở Tư pháp', 'Công an tỉnh']);
    assert.equal(row.timeline.due, '2024-12-01');
    assert.deepEqual(p.signer, { name: 'Mai Sơn', title: 'Phó Chủ tịch' });
  });

  test('XML entities, CDATA and stray tags do not break the reader', () => {
    const root = parseXml('<a x="1 &amp; 2"><b>&lt;Sở&gt; &#x1EA1;&#7841;</b><![CDATA[<raw>]]></c></a>');
    const a = root.children[0];
    assert.ok(a && typeof a === 'object');
    assert.equal(a.attrs.x, '1 & 2');
    assert.deepEqual(a.children.slice(1), ['<raw>']);
  });

  test('corrupt, encrypted, empty and oversized files are refused', async () => {
    await rejects(extractPlanText(Buffer.from('PK\u0003\u0004 hỏng hỏng'), 'a.docx'), 'unprocessable', /docx/);
    await rejects(extractPlanText(Buffer.from('không phải zip'), 'a.docx'), 'unprocessable');
    // An encrypted .docx is an OLE2 container.
    await rejects(extractPlanText(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]), 'a.docx'), 'unprocessable', /mật khẩu/);
    // A zip without word/document.xml.
    await rejects(extractPlanText(Buffer.from(zipSync({ 'x.txt': strToU8('x') })), 'a.docx'), 'unprocessable');
    await rejects(extractPlanText(Buffer.alloc(0), 'a.docx'), 'unprocessable', /trống/);
    await rejects(extractPlanText(Buffer.alloc(MAX_PLAN_FILE_BYTES + 1, 0x61), 'a.txt'), 'payload_too_large', /20 MB/);
  });
});

describe('.pdf', { skip: VIETNAMESE_FONT || process.env.CI ? false : 'cần phông DejaVu Sans (fonts-dejavu-core)' }, () => {
  test('the text layer of a Vietnamese PDF, wrapped lines included, parses into tasks', async () => {
    const pdf = await makePdf([
      ...SAMPLE_PLAN.header,
      'KẾ HOẠCH',
      SAMPLE_PLAN.title,
      SAMPLE_PLAN.preamble,
      'I. MỤC ĐÍCH, YÊU CẦU',
      'II. NỘI DUNG, NHIỆM VỤ',
      `1.1. ${SAMPLE_PLAN.task}`,
      ...SAMPLE_PLAN.fields,
      ...SAMPLE_PLAN.signer,
    ]);
    const r = await extractPlanText(pdf, 'ke-hoach.pdf');
    assert.match(r.text, /Sở Thông tin và Truyền thông/);
    const p = parsePlan(r.text);
    assert.equal(p.number, '151/KH-UBND');
    assert.equal(p.date, '2023-09-14');
    assert.equal(p.title, SAMPLE_PLAN.title);
    const t = p.tasks.find((x) => x.ref === '1.1');
    assert.ok(t, JSON.stringify(p.tasks));
    assert.equal(t.title, SAMPLE_PLAN.task.replace(/\.$/, ''));
    assert.deepEqual(t.lead, ['Sở Thông tin và Truyền thông']);
    assert.deepEqual(t.coordinating, ['Sở Tư pháp', 'Các sở, ban, ngành']);
    assert.deepEqual([t.timeline.kind, t.timeline.from, t.timeline.to], ['period', '2023', '2024']);
  });

  test('an image-only PDF, an encrypted PDF and a corrupt PDF are refused', async () => {
    await rejects(makeImageOnlyPdf().then((b) => extractPlanText(b, 'scan.pdf')), 'unprocessable', /lớp chữ/);
    await rejects(makePdf(['Bí mật'], { userPassword: 'matkhau' }).then((b) => extractPlanText(b, 'mat.pdf')), 'unprocessable', /mật khẩu/);
    await rejects(extractPlanText(Buffer.from('%PDF-1.4\nkhông phải pdf thật'), 'hong.pdf'), 'unprocessable', /hỏng/);
    const good = await makePdf(['Sở Tư pháp']);
    await rejects(extractPlanText(good.subarray(0, Math.floor(good.length / 3)), 'cut.pdf'), 'unprocessable');
    await rejects(extractPlanText(Buffer.from('xin chào'), 'gia.pdf'), 'unprocessable', /PDF/);
  });
});

describe('types', () => {
  test('unknown types are 415, old Word is explained, content is sniffed without an extension', async () => {
    await rejects(extractPlanText(Buffer.from('MZ\u0000\u0001binary'), 'virus.exe'), 'unsupported_media_type');
    await rejects(extractPlanText(Buffer.from('abc'), 'cu.doc'), 'unsupported_media_type', /\.docx/);
    assert.equal(planFileKind(Buffer.from('%PDF-1.7'), 'tai-lieu'), 'pdf');
    assert.equal(planFileKind(Buffer.from('Kế hoạch số 1'), 'ke-hoach'), 'txt');
    assert.equal(planFileKind(Buffer.from('x'), 'KE-HOACH.TXT'), 'txt');
  });
});
