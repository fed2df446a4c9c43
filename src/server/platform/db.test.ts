import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createTestContext, type TestContext } from '../../../test/helpers/context.ts';
import { DataDirLockedError, openDatabase, runMigrations, type Database } from './db.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const LOCKED_MESSAGE = 'đang được một tiến trình Đồng Thuận khác sử dụng';

const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** Runs the real CLI in its own process, on PGlite whatever this test process is configured with. */
function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  delete env.DATA_DIR;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/dongthuan.js', ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    // Only a guard against a hung child, not a speed check.
    const guard = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('PGlite data directory lock', () => {
  // These tests always use a PGlite data directory of their own (no databaseUrl), even when DATABASE_URL is set.
  let dir: string;
  const open: Database[] = [];
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dongthuan-db-lock-'));
  });
  after(async () => {
    for (const d of open.splice(0)) await d.close().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a second openDatabase on the same directory fails with DataDirLockedError, and works again once the first closes', async () => {
    const first = await openDatabase({ dataDir: dir });
    open.push(first);
    assert.equal(first.kind, 'pglite');
    await first.db.execute(sql`create table ghi_chu (id int primary key, noi_dung text)`);
    await first.db.execute(sql`insert into ghi_chu values (1, 'Sở Tư pháp')`);

    await assert.rejects(openDatabase({ dataDir: dir }), (err: unknown) => {
      assert.ok(err instanceof DataDirLockedError);
      assert.equal(err.name, 'DataDirLockedError');
      assert.ok(err.message.includes(LOCKED_MESSAGE), err.message);
      assert.ok(err.message.includes(path.resolve(dir)));
      return true;
    });
    // The refused open did not disturb the first one.
    assert.equal(rows<{ noi_dung: string }>(await first.db.execute(sql`select noi_dung from ghi_chu`))[0]?.noi_dung, 'Sở Tư pháp');

    await first.close();
    open.splice(open.indexOf(first), 1);

    const second = await openDatabase({ dataDir: dir });
    open.push(second);
    // The data survived: it is the same database, now owned by the second opener.
    assert.equal(rows<{ noi_dung: string }>(await second.db.execute(sql`select noi_dung from ghi_chu where id = 1`))[0]?.noi_dung, 'Sở Tư pháp');
    await assert.rejects(openDatabase({ dataDir: dir }), DataDirLockedError);
    await second.close();
    open.splice(open.indexOf(second), 1);
  });

  test('another process (dongthuan migrate) is refused while the directory is open, and succeeds after', async () => {
    const held = await openDatabase({ dataDir: dir });
    open.push(held);
    await runMigrations(held);
    const refused = await runCli(['migrate', '--data-dir', dir]);
    assert.equal(refused.code, 1, `stdout: ${refused.stdout}\nstderr: ${refused.stderr}`);
    assert.ok(refused.stderr.includes(LOCKED_MESSAGE), refused.stderr);
    assert.match(refused.stderr, /^Lỗi: /m);
    assert.doesNotMatch(refused.stdout, /Đã áp dụng migration/);
    // Still usable here.
    assert.ok(rows(await held.db.execute(sql`select 1 as ok`)).length === 1);

    await held.close();
    open.splice(open.indexOf(held), 1);
    const ok = await runCli(['migrate', '--data-dir', dir]);
    assert.equal(ok.code, 0, `stdout: ${ok.stdout}\nstderr: ${ok.stderr}`);
    assert.match(ok.stdout, /Đã áp dụng migration \(pglite\)/);
    // …and the child released the lock when it exited.
    const again = await openDatabase({ dataDir: dir });
    open.push(again);
    await again.close();
    open.splice(open.indexOf(again), 1);
  });
});

describe('PGlite open failures', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dongthuan-db-bad-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a data directory PGlite cannot open gives a readable error and releases the lock', async () => {
    // `pgdata` is a file instead of a directory: PGlite cannot start there.
    fs.writeFileSync(path.join(dir, 'pgdata'), 'không phải thư mục');
    await assert.rejects(openDatabase({ dataDir: dir }), (err: unknown) => {
      assert.ok(err instanceof Error, `a real Error, got ${String(err)}`);
      assert.ok(!(err instanceof DataDirLockedError));
      assert.ok(err.message.length > 0 && !err.message.includes('[object Object]'), err.message);
      return true;
    });
    // Once the problem is fixed, the same process can open the directory: the failed attempt did not keep the lock.
    fs.rmSync(path.join(dir, 'pgdata'));
    const database = await openDatabase({ dataDir: dir });
    try {
      assert.equal((await database.db.execute(sql`select 1 as ok`) as unknown as { rows: unknown[] }).rows.length, 1);
    } finally {
      await database.close();
    }
  });
});

describe('database extensions', () => {
  // Runs on in-memory PGlite, or on the PostgreSQL server in DATABASE_URL.
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());

  test('unaccent strips Vietnamese diacritics, including đ/Đ', async () => {
    const [r] = rows<{ a: string; b: string }>(
      await t.ctx.db.execute(sql`select unaccent('Đà Nẵng') as a, unaccent('Sở Tư pháp thành phố Huế, đường Đống Đa') as b`),
    );
    assert.equal(r?.a, 'Da Nang');
    assert.equal(r?.b, 'So Tu phap thanh pho Hue, duong Dong Da');
  });

  test('pg_trgm similarity ranks a close spelling above an unrelated one', async () => {
    const [r] = rows<{ close: number; far: number; op: boolean }>(
      await t.ctx.db.execute(sql`
        select similarity(unaccent('Sở Tư pháp'), 'so tu phap') as close,
               similarity(unaccent('Sở Tư pháp'), 'benh vien') as far,
               unaccent('Thừa Thiên Huế') % 'thua thien hue' as op`),
    );
    assert.ok(Number(r?.close) > 0, `similarity ${r?.close}`);
    assert.ok(Number(r?.close) > Number(r?.far));
    assert.equal(r?.op, true);
  });
});

test('a PostgreSQL server dropping idle connections does not crash the process; the next query reconnects', { skip: !process.env.DATABASE_URL && 'needs a PostgreSQL server (DATABASE_URL)' }, async () => {
  const t = await createTestContext();
  try {
    await t.ctx.db.execute(sql`select 1`);
    const dbName = new URL(t.config.databaseUrl!).pathname.slice(1);
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [dbName]);
    await admin.end();
    // Give the pool a moment to notice; an unhandled 'error' would have crashed the test process.
    await new Promise((r) => setTimeout(r, 200));
    const result = await t.ctx.db.execute(sql`select 2 as two`);
    assert.equal((result as unknown as { rows: { two: number }[] }).rows[0]!.two, 2);
  } finally {
    await t.close();
  }
});
