import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/server/platform/db.ts';
import { AppError } from '../src/server/platform/errors.ts';
import { login } from '../src/server/modules/accounts/accounts.service.ts';
import { demoAgencies } from '../src/server/modules/directory/demo-data.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/dongthuan.js …` as a user would, on PGlite (no DATA_DIR, no DATABASE_URL from this environment). */
function cli(args: string[], input?: string): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  delete env.DATA_DIR;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/dongthuan.js', ...args], { cwd: repoRoot, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    // Only a guard against a hung child, not a speed check.
    const guard = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => undefined); // the child may exit before reading stdin
    child.stdin.end(input ?? '');
  });
}

const show = (r: CliResult) => `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;

/** Opens the PGlite database the CLI wrote (the CLI process has exited, so the directory is free). */
async function withDb<T>(dir: string, fn: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
  const database = await openDatabase({ dataDir: dir });
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

const countAgencies = (dir: string) =>
  withDb(dir, async (db) => Number((await db.execute(sql`select count(*)::int as n from agencies`) as unknown as { rows: { n: number }[] }).rows[0]?.n));

async function tryLogin(dir: string, email: string, password: string) {
  return withDb(dir, async (db) => {
    try {
      return await login(db, { email, password, ip: null, userAgent: 'cli.test', ttlMs: 3600_000 });
    } catch (err) {
      if (err instanceof AppError) return err;
      throw err;
    }
  });
}

function adminPassword(stdout: string): string {
  assert.match(stdout, /┌─+┐/);
  assert.match(stdout, /└─+┘/);
  assert.match(stdout, /Email:\s+admin@dongthuan\.local/);
  assert.match(stdout, /Mật khẩu chỉ hiện một lần/);
  const m = /Mật khẩu: (\S+)/.exec(stdout);
  assert.ok(m, `no password in:\n${stdout}`);
  return m[1]!;
}

describe('dongthuan --help', () => {
  test('the program and each command list their flags', async () => {
    const [program, serve, migrate, worker, userCreate, demo] = await Promise.all([
      cli(['--help']),
      cli(['serve', '--help']),
      cli(['migrate', '--help']),
      cli(['worker', '--help']),
      cli(['user', 'create', '--help']),
      cli(['demo', '--help']),
    ]);
    for (const r of [program, serve, migrate, worker, userCreate, demo]) assert.equal(r.code, 0, show(r));

    assert.match(program.stdout, /Usage: dongthuan/);
    for (const command of ['serve', 'migrate', 'worker', 'user', 'demo']) assert.match(program.stdout, new RegExp(`^\\s+${command}\\b`, 'm'));

    assert.match(serve.stdout, /Usage: dongthuan serve/);
    assert.match(serve.stdout, /--port <port>/);
    assert.match(serve.stdout, /--data-dir <dir>/);
    assert.match(migrate.stdout, /Usage: dongthuan migrate/);
    assert.match(migrate.stdout, /--data-dir <dir>/);
    assert.match(worker.stdout, /Usage: dongthuan worker/);
    assert.match(worker.stdout, /--data-dir <dir>/);
    assert.match(userCreate.stdout, /Usage: dongthuan user create/);
    for (const flag of ['--email <email>', '--role <role>', '--agency <code>', '--data-dir <dir>']) assert.ok(userCreate.stdout.includes(flag), flag);
    for (const role of ['admin', 'coordinator', 'agency_editor', 'leader', 'press']) assert.ok(userCreate.stdout.includes(`"${role}"`), role);
    assert.match(userCreate.stdout, /stdin/);
    assert.match(demo.stdout, /Usage: dongthuan demo/);
    assert.match(demo.stdout, /--reset/);
    assert.match(demo.stdout, /--data-dir <dir>/);
  });
});

// One data directory, used by the tests below in order.
describe('dongthuan demo and user create', () => {
  let dir: string;
  let agencyCount = 0;
  let firstAdminPassword = '';
  const password = 'Lịch-họp-báo-2026';

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dongthuan-cli-'));
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('demo loads the demo province and prints a one-time admin password once', async () => {
    const r = await cli(['demo', '--data-dir', dir]);
    assert.equal(r.code, 0, show(r));
    assert.match(r.stdout, /Đã nạp dữ liệu mẫu thành phố Huế/);
    const first = adminPassword(r.stdout);
    firstAdminPassword = first;
    agencyCount = await countAgencies(dir);
    assert.equal(agencyCount, demoAgencies.length);
    assert.ok(agencyCount > 0);
    const signedIn = await tryLogin(dir, 'admin@dongthuan.local', first);
    assert.ok(!(signedIn instanceof AppError), String(signedIn));
    assert.equal(signedIn.user.role, 'admin');
    assert.equal(signedIn.user.mustChangePassword, true);
  });

  test('demo --reset reloads the province with a new admin password and the same agencies', async () => {
    const r = await cli(['demo', '--reset', '--data-dir', dir]);
    assert.equal(r.code, 0, show(r));
    assert.match(r.stdout, /Đã nạp dữ liệu mẫu thành phố Huế/);
    const second = adminPassword(r.stdout);
    assert.notEqual(second, firstAdminPassword);
    assert.equal(await countAgencies(dir), agencyCount);
    const signedIn = await tryLogin(dir, 'admin@dongthuan.local', second);
    assert.ok(!(signedIn instanceof AppError), String(signedIn));
    // The account was recreated: the password printed before the reset no longer works.
    const old = await tryLogin(dir, 'admin@dongthuan.local', firstAdminPassword);
    assert.ok(old instanceof AppError && old.code === 'invalid_credentials', String(old));
  });

  test('user create reads the password from stdin, and the new user can sign in', async () => {
    const r = await cli(['user', 'create', '--email', 'e@x.vn', '--role', 'agency_editor', '--agency', 'so-tu-phap', '--data-dir', dir], `${password}\n`);
    assert.equal(r.code, 0, show(r));
    assert.match(r.stdout, /Đã tạo tài khoản e@x\.vn \(agency_editor\)/);
    const signedIn = await tryLogin(dir, 'e@x.vn', password);
    assert.ok(!(signedIn instanceof AppError), String(signedIn));
    assert.equal(signedIn.user.role, 'agency_editor');
    assert.equal(signedIn.user.agencyName, 'Sở Tư pháp');
    // The password was set by the operator: no forced change at first sign-in.
    assert.equal(signedIn.user.mustChangePassword, false);
    const wrong = await tryLogin(dir, 'e@x.vn', `${password}x`);
    assert.ok(wrong instanceof AppError && wrong.code === 'invalid_credentials');
  });

  test('user create refuses an unknown agency, a weak password, a bad role and a duplicate email', async () => {
    const base = ['user', 'create', '--role', 'agency_editor', '--data-dir', dir];
    // Run one after the other: each opens the PGlite directory, which serves one process at a time.
    const unknownAgency = await cli([...base, '--email', 'f@x.vn', '--agency', 'khong-ton-tai'], `${password}\n`);
    assert.equal(unknownAgency.code, 1, show(unknownAgency));
    assert.match(unknownAgency.stderr, /Lỗi: Không có cơ quan mã "khong-ton-tai"/);

    const weak = await cli([...base, '--email', 'f@x.vn', '--agency', 'so-tu-phap'], 'ngan123\n');
    assert.equal(weak.code, 1, show(weak));
    assert.match(weak.stderr, /Lỗi: Mật khẩu phải có ít nhất 10 ký tự/);

    const badRole = await cli(['user', 'create', '--email', 'f@x.vn', '--role', 'commander', '--data-dir', dir], `${password}\n`);
    assert.notEqual(badRole.code, 0, show(badRole));
    assert.match(badRole.stderr, /'commander' is invalid/);
    assert.match(badRole.stderr, /admin, coordinator, agency_editor, leader, press/);

    const duplicate = await cli([...base, '--email', 'E@X.vn', '--agency', 'so-tu-phap'], `${password}\n`);
    assert.equal(duplicate.code, 1, show(duplicate));
    assert.match(duplicate.stderr, /Lỗi: Đã có bản ghi với email "e@x\.vn"/);

    const noPassword = await cli([...base, '--email', 'g@x.vn', '--agency', 'so-tu-phap'], '');
    assert.equal(noPassword.code, 1, show(noPassword));
    assert.match(noPassword.stderr, /Chưa nhập mật khẩu/);

    // None of the refused attempts created an account.
    const emails = await withDb(dir, async (db) =>
      (await db.execute(sql`select email from users order by email`) as unknown as { rows: { email: string }[] }).rows.map((r) => r.email),
    );
    assert.deepEqual(emails, ['admin@dongthuan.local', 'e@x.vn']);
  });
});
