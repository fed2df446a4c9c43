import path from 'node:path';
import { z } from 'zod';

/** Settings come from the environment; command-line flags override the ones they name. */
const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Đồng Thuận <no-reply@dongthuan.local>'),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ADMIN_EMAIL: z.string().email().default('admin@dongthuan.local'),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  IN_PROCESS_WORKER: z.enum(['true', 'false']).default('true'),
  LOAD_DEMO: z.enum(['true', 'false']).default('true'),
  MAX_UPLOAD_MB: z.coerce.number().positive().default(20),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  publicUrl: string;
  logLevel: string;
  adminEmail: string;
  sessionTtlMs: number;
  inProcessWorker: boolean;
  loadDemo: boolean;
  maxUploadBytes: number;
  cookieSecure: boolean;
}

export function loadConfig(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Cấu hình không hợp lệ (biến môi trường): ${issues}`);
  }
  const e = parsed.data;
  const port = overrides.port ?? e.PORT;
  const publicUrl = overrides.publicUrl ?? e.PUBLIC_URL ?? `http://localhost:${port}`;
  const base: Config = {
    port,
    host: e.HOST,
    dataDir: path.resolve(overrides.dataDir ?? e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicUrl,
    logLevel: e.LOG_LEVEL,
    adminEmail: e.ADMIN_EMAIL,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    inProcessWorker: e.IN_PROCESS_WORKER === 'true',
    loadDemo: e.LOAD_DEMO === 'true',
    maxUploadBytes: e.MAX_UPLOAD_MB * 1024 * 1024,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? publicUrl.startsWith('https://') : e.COOKIE_SECURE === 'true',
  };
  return { ...base, ...overrides, dataDir: base.dataDir, publicUrl };
}
