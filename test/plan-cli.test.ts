// `dongthuan plan parse FILE [--json]`, run as a user runs it (a child process, no database).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SAMPLE_PLAN, VIETNAMESE_FONT, makeDocx, makeImageOnlyPdf, makePdf } from './helpers/plan-files.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'dongthuan.js');
let dir = '';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [bin, 'plan', 'parse', ...args], { cwd: dir, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const planLines = [
  ...SAMPLE_PLAN.header,
  'KẾ HOẠCH',
  SAMPLE_PLAN.title,
  SAMPLE_PLAN.preamble,
  'I. MỤC ĐÍCH, YÊU CẦU',
  'II. NỘI DUNG, NHIỆM VỤ',
  `1.1. ${SAMPLE_PLAN.task}`,
  ...SAMPLE_PLAN.fields,
  ...SAMPLE_PLAN.signer,
];

/** The parts of the output contract every format must give. */
function assertContract(stdout: string): Record<string, unknown> {
  const p = JSON.parse(stdout) as {
    number: string;
    issuer: string;
    place: string;
    date: string;
    title: string;
    basis: { number: string; date: string }[];
    tasks: { ref: string; title: string; lead: string[]; coordinating: string[]; timeline: { text: string; kind: string; due: null; from: string; to: string }; outputs: null }[];
    responsibilities: unknown[];
    reporting: unknown[];
    signer: { name: string; title: string };
  };
  assert.equal(p.number, '151/KH-UBND');
  assert.equal(p.issuer, 'UBND tỉnh Bắc Giang');
  assert.equal(p.place, 'Bắc Giang');
  assert.equal(p.date, '2023-09-14');
  assert.equal(p.title, SAMPLE_PLAN.title);
  assert.deepEqual(
    p.basis.map((b) => ({ number: b.number, date: b.date })),
    [{ number: '07/CT-TTg', date: '2023-03-21' }],
  );
  const t = p.tasks.find((x) => x.ref === '1.1');
  assert.ok(t, stdout.slice(0, 2000));
  assert.deepEqual(t.lead, ['Sở Thông tin và Truyền thông']);
  assert.deepEqual(t.coordinating, ['Sở Tư pháp', 'Các sở, ban, ngành']);
  assert.equal(t.timeline.kind, 'period');
  assert.equal(t.timeline.from, '2023');
  assert.equal(t.timeline.to, '2024');
  assert.equal(t.outputs, null);
  assert.ok(Array.isArray(p.responsibilities) && Array.isArray(p.reporting));
  assert.deepEqual(p.signer, { name: 'Mai Sơn', title: 'Phó Chủ tịch' });
  return p as unknown as Record<string, unknown>;
}

before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dongthuan-plan-cli-'));
  writeFileSync(path.join(dir, 'ke-hoach.txt'), planLines.join('\n\n'));
  copyFileSync(path.join(root, 'test', 'fixtures', 'seeds', '001_c91647890d245485.txt'), path.join(dir, 'soc-trang-ocr.txt'));
  writeFileSync(
    path.join(dir, 'ke-hoach.docx'),
    makeDocx([...SAMPLE_PLAN.header, 'KẾ HOẠCH', SAMPLE_PLAN.title, SAMPLE_PLAN.preamble, 'I. MỤC ĐÍCH, YÊU CẦU', 'II. NỘI DUNG, NHIỆM VỤ', { numbered: 'Nâng cao nhận thức' }, { numbered: SAMPLE_PLAN.task, level: 1 }, ...SAMPLE_PLAN.fields, ...SAMPLE_PLAN.signer]),
  );
  writeFileSync(path.join(dir, 'hong.docx'), 'PK\u0003\u0004 không phải docx');
  writeFileSync(path.join(dir, 'hong.pdf'), '%PDF-1.4\nkhông phải pdf thật');
  writeFileSync(path.join(dir, 'chuong-trinh.exe'), Buffer.from([0x4d, 0x5a, 0x00, 0x01, 0x02]));
  writeFileSync(path.join(dir, 'trong.txt'), '');
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('dongthuan plan parse', () => {
  test('.txt --json prints exactly the parsed object, warnings on stderr', async () => {
    const r = await run('ke-hoach.txt', '--json');
    assert.equal(r.code, 0, r.stderr);
    assertContract(r.stdout);
    assert.ok(r.stdout.trim().startsWith('{') && r.stdout.trim().endsWith('}'));
  });

  test('.docx --json', async () => {
    const r = await run('ke-hoach.docx', '--json');
    assert.equal(r.code, 0, r.stderr);
    assertContract(r.stdout);
  });

  test('.pdf --json', { skip: VIETNAMESE_FONT || process.env.CI ? false : 'cần phông DejaVu Sans (fonts-dejavu-core)' }, async () => {
    writeFileSync(path.join(dir, 'ke-hoach.pdf'), await makePdf(planLines));
    const r = await run('ke-hoach.pdf', '--json');
    assert.equal(r.code, 0, r.stderr);
    assertContract(r.stdout);
  });

  test('an OCR scan: agencies come out with their diacritics, warnings go to stderr', async () => {
    const r = await run('soc-trang-ocr.txt', '--json');
    assert.equal(r.code, 0, r.stderr);
    const p = JSON.parse(r.stdout) as { issuer: string; responsibilities: { agency: string }[]; warnings: string[] };
    assert.equal(p.issuer, 'UBND tỉnh Sóc Trăng');
    assert.ok(p.responsibilities.some((x) => x.agency === 'Sở Tư pháp'));
    assert.ok(p.warnings.length > 0);
    assert.match(r.stderr, /^Cảnh báo: /m);
  });

  test('without --json: a readable Vietnamese summary', async () => {
    const r = await run('ke-hoach.txt');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Kế hoạch: 151\/KH-UBND ngày 14\/09\/2023$/m);
    assert.match(r.stdout, /Nhiệm vụ \(1\):/);
    assert.match(r.stdout, /Chủ trì: Sở Thông tin và Truyền thông/);
    assert.match(r.stdout, /Người ký: Phó Chủ tịch Mai Sơn/);
  });

  const bad: [string, RegExp][] = [
    ['khong-co.txt', /Không tìm thấy tệp/],
    ['hong.docx', /docx/],
    ['hong.pdf', /PDF/],
    ['chuong-trinh.exe', /\.txt, \.docx hoặc \.pdf/],
    ['trong.txt', /trống/],
    ['.', /thư mục|Không đọc được/],
  ];
  for (const [file, message] of bad) {
    test(`unreadable: ${file} → exit 1, one Vietnamese line "Lỗi: …" on stderr`, async () => {
      const r = await run(file, '--json');
      assert.equal(r.code, 1);
      assert.equal(r.stdout, '');
      const lines = r.stderr.split('\n').filter((l) => l.length > 0);
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0] as string, /^Lỗi: /);
      assert.match(lines[0] as string, message);
    });
  }

  test('an image-only PDF is refused: no text layer', { skip: VIETNAMESE_FONT || process.env.CI ? false : 'pdfkit' }, async () => {
    writeFileSync(path.join(dir, 'scan.pdf'), await makeImageOnlyPdf());
    const r = await run('scan.pdf');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^Lỗi: Tệp PDF không có lớp chữ/);
  });
});
