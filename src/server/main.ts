import closeWithGrace from 'close-with-grace';
import pino from 'pino';
import { buildApp } from './app.ts';
import { bootstrap, openContext, printAdminPassword } from './bootstrap.ts';
import type { Config } from './platform/config.ts';
import { JobRunner } from './platform/jobs.ts';
import { jobDefinitions, recurringJobs } from './jobs.ts';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
  admin: { email: string; password: string } | null;
}

/** `dongthuan serve`: API + web UI, and by default the job runner in the same process. */
export async function startServer(config: Config, opts: { quiet?: boolean; installSignals?: boolean } = {}): Promise<RunningServer> {
  const log = pino({ level: opts.quiet ? 'silent' : config.logLevel });
  const ctx = await openContext(config, log);
  let runner: JobRunner | undefined;
  try {
    const boot = await bootstrap(ctx);
    const app = await buildApp(ctx, { logger: opts.quiet ? false : { level: config.logLevel } });
    if (config.inProcessWorker) {
      runner = new JobRunner(ctx.db, log.child({ component: 'jobs' }), jobDefinitions, recurringJobs);
      await runner.installSchedules();
      runner.start();
    }
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://localhost:${port}`;
    if (boot.demoLoaded && !opts.quiet) process.stdout.write('Đã nạp dữ liệu mẫu: thành phố Huế (demo province loaded).\n');
    if (boot.admin && !opts.quiet) printAdminPassword(boot.admin);
    if (!opts.quiet) process.stdout.write(`Đồng Thuận đang chạy tại ${url} (cơ sở dữ liệu: ${ctx.database.kind}).\n`);
    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        await app.close();
        await runner?.stop();
        await ctx.close();
      })());
    if (opts.installSignals) {
      closeWithGrace({ delay: 10_000 }, async ({ err }) => {
        if (err) log.error({ err }, 'shutting down after error');
        await close();
      });
    }
    return { url, close, admin: boot.admin };
  } catch (err) {
    await runner?.stop();
    await ctx.close();
    throw err;
  }
}

/** `dongthuan worker`: runs jobs only (share a PostgreSQL server with the API processes). */
export async function startWorker(config: Config): Promise<{ close(): Promise<void> }> {
  const log = pino({ level: config.logLevel });
  const ctx = await openContext(config, log);
  const runner = new JobRunner(ctx.db, log.child({ component: 'jobs' }), jobDefinitions, recurringJobs);
  await runner.installSchedules();
  runner.start();
  log.info({ database: ctx.database.kind }, 'worker started');
  const close = async () => {
    await runner.stop();
    await ctx.close();
  };
  closeWithGrace({ delay: 10_000 }, async () => close());
  return { close };
}
