import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/server/platform/config.ts';
import { startServer as start } from '../../src/server/main.ts';

/** The real server on a free port over a fresh PGlite data directory (browser tests). */
export async function startServer(opts: { port?: number; dataDir?: string; demo?: boolean } = {}) {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'dongthuan-e2e-'));
  const config = loadConfig(
    { port: opts.port ?? 0, dataDir, loadDemo: opts.demo ?? true, inProcessWorker: false, host: '127.0.0.1' },
    { ...process.env, DATABASE_URL: undefined, LOG_LEVEL: 'silent' },
  );
  const server = await start(config, { quiet: true });
  return {
    url: server.url,
    adminEmail: server.admin?.email ?? config.adminEmail,
    adminPassword: server.admin?.password ?? '',
    close: async () => {
      await server.close();
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
