import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** One type for both drivers: services never know which one they run on. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction is a Db too; services take `tx` and pass it on. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../db/migrations');

export interface OpenOptions {
  /** postgres://… — use a PostgreSQL server. */
  databaseUrl?: string | undefined;
  /** Directory for PGlite data; `null` keeps the database in memory (tests). */
  dataDir?: string | null;
  poolSize?: number;
  /** Told when an idle pooled connection dies; the next query simply uses a new one. */
  onIdleError?: (err: Error) => void;
}

export class DataDirLockedError extends Error {
  constructor(dir: string) {
    super(
      `Thư mục dữ liệu ${dir} đang được một tiến trình Đồng Thuận khác sử dụng. ` +
        'PGlite chỉ phục vụ một tiến trình: hãy dừng tiến trình kia, hoặc dùng máy chủ PostgreSQL (DATABASE_URL) để chạy nhiều tiến trình. ' +
        `(The data directory ${dir} is in use by another Đồng Thuận process.)`,
    );
    this.name = 'DataDirLockedError';
  }
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle connection that the server drops (restart, failover, admin termination) emits 'error'
    // on the pool; without a listener that would crash the process. The pool replaces the client.
    pool.on('error', (err) => opts.onIdleError?.(err));
    // Fail fast with a readable error if the server is unreachable.
    const client = await pool.connect().catch(async (err: Error) => {
      await pool.end().catch(() => undefined);
      throw new Error(`Không kết nối được PostgreSQL (DATABASE_URL): ${err.message}`);
    });
    client.release();
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return { db, kind: 'postgres', close: () => pool.end() };
  }

  let release: (() => Promise<void>) | undefined;
  let client: PGlite;
  if (opts.dataDir) {
    const dir = path.resolve(opts.dataDir);
    fs.mkdirSync(dir, { recursive: true });
    const lockTarget = path.join(dir, 'dongthuan.lock');
    fs.closeSync(fs.openSync(lockTarget, 'a'));
    try {
      // proper-lockfile keeps the lock fresh and treats a lock left by a crashed process as stale.
      release = await lockfile.lock(lockTarget, { stale: 15_000, update: 5_000, retries: 0 });
    } catch (err) {
      if ((err as { code?: string }).code === 'ELOCKED') throw new DataDirLockedError(dir);
      throw err;
    }
    try {
      client = new PGlite(path.join(dir, 'pgdata'), { extensions: { unaccent, pg_trgm } });
      await client.waitReady;
    } catch (err) {
      // Give the directory back, or the next attempt in this process would wrongly report it as in use.
      await release().catch(() => undefined);
      // PGlite's file-system errors are not Error objects (`{ name: 'ErrnoError', errno }`): make them readable.
      if (err instanceof Error) throw err;
      const e = err as { name?: string; errno?: number };
      throw new Error(`Không mở được cơ sở dữ liệu PGlite trong ${path.join(dir, 'pgdata')} (${e.name ?? 'lỗi'}${e.errno !== undefined ? ` ${e.errno}` : ''}).`);
    }
  } else {
    client = new PGlite({ extensions: { unaccent, pg_trgm } });
  }
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await client.close();
      if (release) await release();
    },
  };
}

export async function runMigrations(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder });
  } else {
    // Serialise concurrent starters (API and workers) on one server.
    await database.db.execute(sql`select pg_advisory_lock(727274)`);
    try {
      await migratePg(database.db as never, { migrationsFolder });
    } finally {
      await database.db.execute(sql`select pg_advisory_unlock(727274)`);
    }
  }
}
