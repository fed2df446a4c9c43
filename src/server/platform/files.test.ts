import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../../test/helpers/context.ts';
import { AppError, type ErrorCode } from './errors.ts';
import { detectFileType, FileStore } from './files.ts';
import { storedFiles } from './platform.tables.ts';

/** A tiny but well-formed one-page PDF. */
function tinyPdf(text = 'Đồng Thuận'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>',
  ];
  const stream = `BT /F1 12 Tf 20 100 Td (${Buffer.from(text, 'utf8').toString('hex')}) Tj ET`;
  objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(24, 1)]);
const MB = 1024 * 1024;

let t: TestContext;
let store: FileStore;
let root: string;

before(async () => {
  t = await createTestContext();
  root = path.join(t.dataDir, 'files');
  store = new FileStore(root);
});
after(async () => t.close());

/** Every regular file under the store's root. */
function filesOnDisk(): string[] {
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((p) => fs.statSync(path.join(root, p)).isFile());
}

function isAppError(code: ErrorCode) {
  return (err: unknown) => {
    assert.ok(err instanceof AppError, `expected AppError, got ${String(err)}`);
    assert.equal(err.code, code);
    assert.ok(err.message.length > 0);
    return true;
  };
}

describe('FileStore', () => {
  test('stores a PDF under its SHA-256 path and records it', async () => {
    const pdf = tinyPdf();
    const sha = createHash('sha256').update(pdf).digest('hex');
    const stored = await store.store(t.ctx.db, { data: pdf, originalName: 'Quyết định 12.PDF', tenantId: null, createdBy: null, maxBytes: MB });
    assert.deepEqual(stored, { sha256: sha, size: pdf.length, mimeType: 'application/pdf', originalName: 'Quyết định 12.PDF' });
    const expectedPath = path.join(root, sha.slice(0, 2), sha.slice(2, 4), sha);
    assert.equal(store.pathFor(sha), expectedPath);
    assert.ok(fs.readFileSync(expectedPath).equals(pdf));
    assert.ok((await store.read(sha)).equals(pdf));
    const [row] = await t.ctx.db.select().from(storedFiles).where(eq(storedFiles.sha256, sha));
    assert.equal(row?.size, pdf.length);
    assert.equal(row?.mimeType, 'application/pdf');
    assert.equal(row?.originalName, 'Quyết định 12.PDF');
    // No temporary file is left behind.
    assert.ok(!filesOnDisk().some((f) => f.endsWith('.tmp')));
  });

  test('the same content stored twice is one file and one row', async () => {
    const pdf = tinyPdf('cùng nội dung');
    const sha = createHash('sha256').update(pdf).digest('hex');
    const before = filesOnDisk().length;
    const first = await store.store(t.ctx.db, { data: pdf, originalName: 'a.pdf', tenantId: null, createdBy: null, maxBytes: MB });
    const second = await store.store(t.ctx.db, { data: Buffer.from(pdf), originalName: 'ban-sao.pdf', tenantId: null, createdBy: null, maxBytes: MB });
    assert.equal(first.sha256, sha);
    assert.equal(second.sha256, sha);
    assert.equal(filesOnDisk().length, before + 1);
    assert.equal(filesOnDisk().filter((f) => path.basename(f) === sha).length, 1);
    const rows = await t.ctx.db.select().from(storedFiles).where(eq(storedFiles.sha256, sha));
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.originalName, 'a.pdf', 'the first record is kept');
  });

  test('a .pdf whose bytes are not a PDF is refused', async () => {
    const fake = Buffer.from('MZ\x90\x00 this is really an executable', 'latin1');
    const rowsBefore = (await t.ctx.db.select().from(storedFiles)).length;
    const filesBefore = filesOnDisk().length;
    await assert.rejects(
      store.store(t.ctx.db, { data: fake, originalName: 'bao-cao.pdf', tenantId: null, createdBy: null, maxBytes: MB }),
      isAppError('unsupported_media_type'),
    );
    // A real PDF renamed to .png is refused too: the name and the bytes must agree.
    await assert.rejects(
      store.store(t.ctx.db, { data: tinyPdf('x'), originalName: 'anh.png', tenantId: null, createdBy: null, maxBytes: MB }),
      isAppError('unsupported_media_type'),
    );
    // A known type that this upload does not allow.
    await assert.rejects(
      store.store(t.ctx.db, { data: PNG, originalName: 'anh.png', tenantId: null, createdBy: null, maxBytes: MB, allowed: ['application/pdf'] }),
      isAppError('unsupported_media_type'),
    );
    assert.equal((await t.ctx.db.select().from(storedFiles)).length, rowsBefore);
    assert.equal(filesOnDisk().length, filesBefore);
    assert.equal(await store.store(t.ctx.db, { data: PNG, originalName: 'anh.png', tenantId: null, createdBy: null, maxBytes: MB }).then((f) => f.mimeType), 'image/png');
  });

  test('an empty file and a file over maxBytes are refused', async () => {
    const filesBefore = filesOnDisk().length;
    await assert.rejects(
      store.store(t.ctx.db, { data: Buffer.alloc(0), originalName: 'rong.pdf', tenantId: null, createdBy: null, maxBytes: MB }),
      isAppError('validation_failed'),
    );
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2 * MB, 0x20)]);
    await assert.rejects(
      store.store(t.ctx.db, { data: big, originalName: 'lon.pdf', tenantId: null, createdBy: null, maxBytes: MB }),
      (err: unknown) => isAppError('payload_too_large')(err) && (err as AppError).status === 413,
    );
    // Exactly maxBytes is allowed.
    const exact = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1000 - 9, 0x20)]);
    assert.equal(exact.length, 1000);
    const ok = await store.store(t.ctx.db, { data: exact, originalName: 'vua.pdf', tenantId: null, createdBy: null, maxBytes: 1000 });
    assert.equal(ok.size, 1000);
    assert.equal(filesOnDisk().length, filesBefore + 1);
  });

  test('reading an unknown or malformed hash is not_found, with no path traversal', async () => {
    // A secret next to the store that a crafted name could reach.
    fs.writeFileSync(path.join(t.dataDir, 'secret.txt'), 'bí mật');
    const unknown = createHash('sha256').update('chưa từng lưu').digest('hex');
    for (const bad of [
      unknown,
      '../../etc/passwd',
      '../secret.txt',
      '..%2F..%2Fetc%2Fpasswd',
      '/etc/passwd',
      unknown.toUpperCase(),
      `${unknown}/../../secret.txt`,
      unknown.slice(0, 63),
      '',
    ]) {
      await assert.rejects(store.read(bad), isAppError('not_found'), `read(${JSON.stringify(bad)})`);
    }
  });

  test('detectFileType trusts the bytes, not the name', () => {
    assert.equal(detectFileType(tinyPdf(), 'x.pdf'), 'application/pdf');
    assert.equal(detectFileType(tinyPdf(), 'x'), undefined);
    assert.equal(detectFileType(PNG, 'x.pdf'), undefined);
    assert.equal(detectFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'anh.JPG'), 'image/jpeg');
    assert.equal(detectFileType(Buffer.from('mã,tên\nstp,Sở Tư pháp\n'), 'co-quan.csv'), 'text/plain');
    assert.equal(detectFileType(Buffer.from([0x61, 0x00, 0x62]), 'nhi-phan.txt'), undefined);
  });
});
