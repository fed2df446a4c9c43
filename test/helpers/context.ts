import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { bootstrap, openContext, type OpenedContext } from '../../src/server/bootstrap.ts';
import { loadConfig, type Config } from '../../src/server/platform/config.ts';

/**
 * A fresh database for one test file: an in-memory PGlite, or — when DATABASE_URL is set —
 * a new database created on that PostgreSQL server and dropped afterwards.
 */
export interface TestContext {
  ctx: OpenedContext;
  config: Config;
  dataDir: string;
  close(): Promise<void>;
}

export async function createTestContext(overrides: Partial<Config> = {}): Promise<TestContext> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dongthuan-test-'));
  const serverUrl = process.env.DATABASE_URL;
  let databaseUrl: string | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (serverUrl) {
    const name = `dt_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  const config = { ...loadConfig({ dataDir, ...overrides }, { ...process.env, LOG_LEVEL: 'silent' }), databaseUrl, ...overrides };
  const ctx = await openContext(config, pino({ level: 'silent' }), { inMemory: !databaseUrl });
  return {
    ctx,
    config,
    dataDir,
    close: async () => {
      await ctx.close();
      await dropDatabase?.();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}


/** A test app over a fresh database with the province created (and the demo directory when asked). */
export async function createTestApp(opts: { demo?: boolean; config?: Partial<Config> } = {}) {
  const t = await createTestContext({ loadDemo: opts.demo ?? false, ...opts.config });
  const boot = await bootstrap(t.ctx);
  const app: FastifyInstance = await buildApp(t.ctx, { logger: false, serveWeb: false });
  return {
    ...t,
    app,
    tenantId: boot.tenantId,
    admin: boot.admin!,
    close: async () => {
      await app.close();
      await t.close();
    },
  };
}
export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
