// `dongthuan nlp train | eval | classify`, run as a user runs them (child processes, no database,
// no ../shared/datasets), on a tiny in-repo dataset with arbitrary string labels.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'dongthuan.js');
let dir = '';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], stdin = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DONGTHUAN_DATASETS: path.join(os.tmpdir(), 'dongthuan-no-such-datasets') };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [bin, 'nlp', ...args], { cwd: dir, env });
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
    child.stdin.end(stdin);
  });
}

/** A one-line Vietnamese error on stderr. */
function assertFails(r: Run, pattern: RegExp): void {
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0] as string, /^Lỗi: /);
  assert.match(lines[0] as string, pattern);
}

// Citizens' comments about public services: praise, complaint, question (labels with diacritics on purpose).
const subjects = ['Dịch vụ công trực tuyến', 'Cán bộ phường', 'Bệnh viện tỉnh', 'Trường học', 'Con đường mới', 'Chính sách hỗ trợ', 'Thủ tục cấp phép', 'Trung tâm hành chính', 'Xe buýt nội thành', 'Cổng thông tin'];
const tails: Record<string, string[]> = {
  khen: ['rất tốt, cảm ơn nhiều', 'làm việc nhanh gọn, tuyệt vời', 'thân thiện và chu đáo quá', 'đẹp và sạch sẽ, rất hài lòng'],
  chê: ['quá tệ, chờ mãi không xong', 'thái độ kém, rất bực mình', 'xuống cấp, bẩn thỉu, thất vọng', 'chậm chạp và phiền hà quá'],
  hỏi: ['làm thế nào để đăng ký vậy?', 'mở cửa lúc mấy giờ ạ?', 'cần giấy tờ gì không ạ?', 'ở đâu và liên hệ ai vậy?'],
};
function examples(pick: (i: number, j: number) => boolean): { text: string; label: string }[] {
  const out: { text: string; label: string }[] = [];
  for (const [label, ts] of Object.entries(tails)) subjects.forEach((s, i) => ts.forEach((t, j) => pick(i, j) && out.push({ text: `${s} ${t}`, label })));
  return out;
}
const jsonl = (rows: object[]): string => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
// 60 training lines; dev and test are other subject/phrase combinations (never trained on).
const trainRows = examples((i, j) => (i + j) % 2 === 0);
const devRows = examples((i, j) => (i + j) % 2 === 1 && i % 2 === 0);
const testRows = examples((i, j) => (i + j) % 2 === 1 && i % 2 === 1);

before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dongthuan-nlp-cli-'));
  writeFileSync(path.join(dir, 'train.jsonl'), jsonl(trainRows));
  writeFileSync(path.join(dir, 'dev.jsonl'), jsonl(devRows));
  writeFileSync(path.join(dir, 'test.jsonl'), jsonl(testRows));
  writeFileSync(path.join(dir, 'empty.jsonl'), '\n\n');
  writeFileSync(path.join(dir, 'one-label.jsonl'), jsonl(trainRows.filter((r) => r.label === 'khen')));
  writeFileSync(path.join(dir, 'bad-line.jsonl'), jsonl(trainRows.slice(0, 3)) + '{"text": "thiếu nhãn"}\n');
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('dongthuan nlp', () => {
  test('train with --dev, eval --json, classify --model return the trained labels', async () => {
    assert.equal(trainRows.length, 60);
    const tr = await run(['train', '--task', 'y_kien', '--data', 'train.jsonl', '--dev', 'dev.jsonl', '--out', 'out/y-kien.dtlm']);
    assert.equal(tr.code, 0, tr.stderr);
    assert.match(tr.stdout, /60 mẫu, 3 nhãn/);
    assert.match(tr.stdout, /Dev \(30 mẫu\): macro-F1 \d+\.\d\d/);
    assert.ok(existsSync(path.join(dir, 'out', 'y-kien.dtlm')));
    const card = readFileSync(path.join(dir, 'out', 'y-kien.card.md'), 'utf8');
    assert.match(card, /Model card — y_kien/);
    assert.match(card, /Examples: 60/);

    const ev = await run(['eval', '--model', 'out/y-kien.dtlm', '--data', 'test.jsonl', '--json']);
    assert.equal(ev.code, 0, ev.stderr);
    const report = JSON.parse(ev.stdout) as { n: number; accuracy: number; macroF1: number; labels: string[]; perClass: { label: string; precision: number; recall: number; f1: number; support: number }[]; confusion: number[][] };
    assert.equal(report.n, 30);
    assert.deepEqual([...report.labels].sort(), ['chê', 'hỏi', 'khen']);
    assert.ok(report.accuracy >= 0.9, `accuracy ${report.accuracy}`);
    assert.ok(report.macroF1 >= 0.9, `macro-F1 ${report.macroF1}`);
    assert.equal(report.perClass.length, 3);
    assert.equal(report.confusion.flat().reduce((a, b) => a + b, 0), 30);

    const input = [
      { id: 'a1', text: 'Bệnh viện mới rất sạch sẽ, cảm ơn các bác sĩ' },
      { id: 2, text: 'Làm hồ sơ ở đâu vậy ạ?' },
      { id: 'a3', text: 'Chờ cả buổi sáng, thái độ kém quá' },
    ];
    const cl = await run(['classify', '--model', 'out/y-kien.dtlm'], jsonl(input) + '\n' + 'không phải JSON\n' + '{"id":"a5"}\n');
    assert.equal(cl.code, 1, 'bad lines make the exit code non-zero');
    assert.match(cl.stderr.trim(), /^Lỗi: 2\/5 dòng đầu vào không hợp lệ \(dòng 5, 6\)/);
    const out = cl.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: unknown; label?: string; scores?: Record<string, number>; explanation?: string[]; line?: number; error?: string });
    assert.equal(out.length, 5, 'one output line per non-blank input line, in order');
    assert.deepEqual(out.map((o) => o.id), ['a1', 2, 'a3', null, 'a5']);
    for (const o of out.slice(0, 3)) {
      assert.ok(['khen', 'chê', 'hỏi'].includes(o.label as string), String(o.label));
      assert.deepEqual(Object.keys(o.scores ?? {}).sort(), ['chê', 'hỏi', 'khen']);
      const sum = Object.values(o.scores ?? {}).reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(sum - 1) < 1e-4, `scores sum ${sum}`);
      assert.ok(Array.isArray(o.explanation) && o.explanation.length > 0);
    }
    assert.deepEqual(
      out.slice(0, 3).map((o) => o.label),
      ['khen', 'hỏi', 'chê'],
    );
    assert.deepEqual(out[3], { id: null, line: 5, error: 'dòng 5: không phải JSON hợp lệ' });
    assert.deepEqual(out[4], { id: 'a5', line: 6, error: 'dòng 6: thiếu "text" (chuỗi)' });
  });

  test('classify --task topic uses the shipped model, without ../shared/datasets, from any directory', async () => {
    const r = await run(['classify', '--task', 'topic'], jsonl([{ id: 'x', text: 'Đội tuyển bóng đá Việt Nam thắng 3-0 ở vòng loại World Cup' }, { id: 'y', text: 'Bộ Y tế khuyến cáo tiêm vắc xin phòng cúm cho trẻ em và người cao tuổi tại bệnh viện' }]));
    assert.equal(r.code, 0, r.stderr);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; label: string; scores: Record<string, number> });
    assert.deepEqual(out.map((o) => o.id), ['x', 'y']);
    assert.equal(out[0]?.label, 'van_hoa_the_thao');
    assert.equal(out[1]?.label, 'y_te');
    assert.ok(Object.keys(out[0]?.scores ?? {}).includes('kinh_te'));
  });

  test('bad inputs fail with one Vietnamese line and exit 1', async () => {
    const wrongVersion = readFileSync(path.join(root, 'models', 'topic-vntc-v1.dtlm'));
    wrongVersion.writeUInt32LE(99, 4);
    writeFileSync(path.join(dir, 'v99.dtlm'), wrongVersion);
    const corrupted = readFileSync(path.join(root, 'models', 'topic-vntc-v1.dtlm'));
    corrupted[corrupted.length - 10] = (corrupted[corrupted.length - 10] as number) ^ 0xff;
    writeFileSync(path.join(dir, 'corrupt.dtlm'), corrupted);
    const [missing, empty, oneLabel, badLine, corrupt, version, noShipped] = await Promise.all([
      run(['train', '--task', 't', '--data', 'khong-co.jsonl', '--out', 'x.dtlm']),
      run(['train', '--task', 't', '--data', 'empty.jsonl', '--out', 'x.dtlm']),
      run(['train', '--task', 't', '--data', 'one-label.jsonl', '--out', 'x.dtlm']),
      run(['train', '--task', 't', '--data', 'bad-line.jsonl', '--out', 'x.dtlm']),
      run(['classify', '--model', 'corrupt.dtlm'], '{"id":1,"text":"a"}\n'),
      run(['eval', '--model', 'v99.dtlm', '--data', 'test.jsonl']),
      run(['classify', '--task', 'khong_co_tac_vu'], '{"id":1,"text":"a"}\n'),
    ]);
    assertFails(missing, /Không tìm thấy tệp dữ liệu "khong-co\.jsonl"/);
    assertFails(empty, /không có mẫu nào/);
    assertFails(oneLabel, /chỉ có một nhãn \("khen"\)/);
    assertFails(badLine, /dòng 4: thiếu "label"/);
    assertFails(corrupt, /corrupt\.dtlm.*Tệp mô hình hỏng: tổng kiểm tra SHA-256/);
    assertFails(version, /phiên bản 99/);
    assertFails(noShipped, /Chưa có mô hình kèm sẵn cho tác vụ "khong_co_tac_vu"/);
    assert.equal(existsSync(path.join(dir, 'x.dtlm')), false);
  });
});
