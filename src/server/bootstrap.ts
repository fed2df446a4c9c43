import path from 'node:path';
import { sql } from 'drizzle-orm';
import pino, { type Logger } from 'pino';
import { systemActor } from './platform/actor.ts';
import type { Config } from './platform/config.ts';
import type { AppContext } from './platform/context.ts';
import { openDatabase, runMigrations, type Db } from './platform/db.ts';
import { FileStore } from './platform/files.ts';
import { configureMail } from './platform/mail.ts';
import { countUsers, createUser, ensureTenant, firstTenant } from './modules/accounts/accounts.service.ts';
import { demoTenant } from './modules/directory/demo-data.ts';
import { hasAgencies, loadDemoDirectory } from './modules/directory/directory.demo.ts';
import { loadDemoPlans } from './modules/plans/plans.demo.ts';

export interface OpenedContext extends AppContext {
  setTenant(id: string): void;
  close(): Promise<void>;
}

/** Opens the database (PGlite under dataDir, or the server in DATABASE_URL), applies migrations, and builds the context. */
export async function openContext(
  config: Config,
  log: Logger = pino({ level: config.logLevel }),
  opts: { inMemory?: boolean } = {},
): Promise<OpenedContext> {
  // In memory (tests): PGlite without a data directory, isolated and leaving nothing behind.
  const dataDir = config.databaseUrl || opts.inMemory ? null : config.dataDir;
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir,
    onIdleError: (err) => log.warn({ err: err.message }, 'idle database connection closed by the server'),
  });
  try {
    await runMigrations(database);
  } catch (err) {
    await database.close();
    throw err;
  }
  configureMail(config.smtpUrl, config.mailFrom);
  let tenantId = (await firstTenant(database.db))?.id;
  const ctx: OpenedContext = {
    config,
    database,
    db: database.db,
    files: new FileStore(path.join(config.dataDir, 'files')),
    log,
    tenantId: () => {
      if (!tenantId) throw new Error('Chưa có tỉnh/thành phố nào trong cơ sở dữ liệu.');
      return tenantId;
    },
    setTenant: (id: string) => {
      tenantId = id;
    },
    close: () => database.close(),
  };
  return ctx;
}

export interface BootstrapResult {
  tenantId: string;
  demoLoaded: boolean;
  admin: { email: string; password: string } | null;
}

/**
 * First start on an empty database: create the province, load the demo directory (unless
 * LOAD_DEMO=false) and the first administrator with a one-time password.
 */
export async function bootstrap(ctx: OpenedContext, opts: { createAdmin?: boolean } = {}): Promise<BootstrapResult> {
  const db = ctx.db;
  const tenantId = await ensureTenant(db, demoTenant.code, demoTenant.name);
  ctx.setTenant(tenantId);
  let demoLoaded = false;
  if (ctx.config.loadDemo && !(await hasAgencies(db, tenantId))) {
    await loadDemoDirectory(db, systemActor(tenantId));
    await loadDemoPlans(ctx, systemActor(tenantId));
    demoLoaded = true;
  }
  let admin: BootstrapResult['admin'] = null;
  // The first administrator is created whenever the province has none (not merely no users), so an
  // account made with `user create` before the first start does not hide the admin's one-time password.
  if (opts.createAdmin !== false && (await countUsers(db, tenantId, 'admin')) === 0) {
    const { temporaryPassword } = await createUser(db, systemActor(tenantId), {
      email: ctx.config.adminEmail,
      fullName: 'Quản trị viên',
      role: 'admin',
    });
    admin = { email: ctx.config.adminEmail, password: temporaryPassword! };
  }
  return { tenantId, demoLoaded, admin };
}

/** `dongthuan demo --reset`: wipes the province's data (keeping the province) and loads the demo again. */
export async function resetDemo(ctx: OpenedContext): Promise<BootstrapResult> {
  const tenantId = await ensureTenant(ctx.db, demoTenant.code, demoTenant.name);
  await wipeTenant(ctx.db, tenantId);
  return bootstrap({ ...ctx, config: { ...ctx.config, loadDemo: true } } as OpenedContext);
}

async function wipeTenant(db: Db, tenantId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`update plans set parent_plan_id = null where tenant_id = ${tenantId}`);
    for (const table of [
      'label_corrections',
      'model_versions',
      'task_updates',
      'task_milestones',
      'task_assignments',
      'plan_tasks',
      'plan_imports',
      'sessions',
      'api_tokens',
      'users',
      'people',
      'agency_group_members',
      'agency_groups',
      'agency_successions',
    ]) {
      await tx.execute(sql`delete from ${sql.identifier(table)} where tenant_id = ${tenantId}`);
    }
    await tx.execute(sql`delete from plans where tenant_id = ${tenantId}`);
    await tx.execute(sql`update agencies set parent_id = null where tenant_id = ${tenantId}`);
    await tx.execute(sql`delete from agencies where tenant_id = ${tenantId}`);
    await tx.execute(sql`delete from audit_log where tenant_id = ${tenantId}`);
  });
}

export function printAdminPassword(admin: { email: string; password: string }, out: NodeJS.WritableStream = process.stdout): void {
  const lines = [
    'Tài khoản quản trị đầu tiên / First administrator',
    `  Email:    ${admin.email}`,
    `  Mật khẩu: ${admin.password}`,
    'Mật khẩu chỉ hiện một lần; hãy đổi sau khi đăng nhập.',
    'This one-time password is shown once; change it after signing in.',
  ];
  const width = Math.max(...lines.map((l) => l.length)) + 2;
  out.write(`\n┌${'─'.repeat(width)}┐\n${lines.map((l) => `│ ${l.padEnd(width - 1)}│`).join('\n')}\n└${'─'.repeat(width)}┘\n\n`);
}
