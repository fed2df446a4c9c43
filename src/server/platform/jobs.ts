import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Db, DbOrTx } from './db.ts';
import { jobs, jobSchedules } from './platform.tables.ts';

export interface JobContext<P> {
  payload: P;
  db: Db;
  log: Logger;
  attempt: number;
}

/** A typed job: the payload is validated when enqueued and again when run. */
export interface JobDefinition<P = unknown> {
  name: string;
  payload: z.ZodType<P>;
  maxAttempts?: number;
  run(ctx: JobContext<P>): Promise<void>;
}

export function defineJob<P>(def: JobDefinition<P>): JobDefinition<P> {
  return def;
}

export interface RecurringJob {
  name: string;
  intervalSeconds: number;
}

export interface EnqueueOptions {
  runAt?: Date;
  /** At most one queued or running job per key. */
  dedupeKey?: string;
  maxAttempts?: number;
}

export async function enqueueJob<P>(db: DbOrTx, def: JobDefinition<P>, payload: P, opts: EnqueueOptions = {}): Promise<void> {
  const checked = def.payload.parse(payload);
  await db
    .insert(jobs)
    .values({
      name: def.name,
      payload: checked as object,
      runAt: opts.runAt ?? new Date(),
      dedupeKey: opts.dedupeKey ?? null,
      maxAttempts: opts.maxAttempts ?? def.maxAttempts ?? 5,
    })
    .onConflictDoNothing();
}

/** Exponential backoff with jitter: 10 s, 20 s, 40 s … capped at one hour. */
export function backoffMs(attempt: number): number {
  const base = Math.min(3600_000, 10_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

interface ClaimedJob {
  id: number;
  name: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
}

/**
 * Runs durable jobs from the `jobs` table. Several runners (in the API process or in
 * `dongthuan worker` processes) may share one PostgreSQL server: claiming uses
 * FOR UPDATE SKIP LOCKED, so each job runs once.
 */
export class JobRunner {
  private readonly defs = new Map<string, JobDefinition<unknown>>();
  private readonly workerId = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    definitions: JobDefinition<never>[],
    private readonly recurring: RecurringJob[] = [],
  ) {
    for (const d of definitions) this.defs.set(d.name, d as unknown as JobDefinition<unknown>);
  }

  /** Registers recurring jobs; their first run is due now. */
  async installSchedules(): Promise<void> {
    for (const r of this.recurring) {
      await this.db
        .insert(jobSchedules)
        .values({ name: r.name, intervalSeconds: r.intervalSeconds, nextRunAt: new Date() })
        .onConflictDoUpdate({ target: jobSchedules.name, set: { intervalSeconds: r.intervalSeconds } });
    }
  }

  /** Enqueues every recurring job that is due; the conditional update makes this safe across processes. */
  async tickScheduler(now = new Date()): Promise<number> {
    const due = await this.db
      .update(jobSchedules)
      .set({ lastRunAt: now, nextRunAt: sql`${now.toISOString()}::timestamptz + make_interval(secs => ${jobSchedules.intervalSeconds})` })
      // Only schedules this runner can run: another process with more job kinds keeps its own ticks.
      .where(and(lte(jobSchedules.nextRunAt, now), inArray(jobSchedules.name, [...this.defs.keys()])))
      .returning({ name: jobSchedules.name });
    for (const row of due) {
      const def = this.defs.get(row.name);
      if (def) await enqueueJob(this.db, def, {}, { dedupeKey: `schedule:${row.name}` });
    }
    return due.length;
  }

  /** Puts back jobs whose runner died mid-run (locked for longer than 10 minutes). */
  async requeueStale(): Promise<void> {
    await this.db
      .update(jobs)
      .set({ status: 'queued', lockedAt: null, lockedBy: null })
      .where(and(eq(jobs.status, 'running'), sql`${jobs.lockedAt} < now() - interval '10 minutes'`));
  }

  private async claim(): Promise<ClaimedJob | undefined> {
    const result = await this.db.execute(sql`
      update jobs set status = 'running', locked_at = now(), locked_by = ${this.workerId}, attempts = attempts + 1
      where id = (
        select id from jobs where status = 'queued' and run_at <= now()
        order by run_at, id for update skip locked limit 1
      )
      returning id, name, payload, attempts, max_attempts`);
    return (result as unknown as { rows: ClaimedJob[] }).rows[0];
  }

  /** Runs due jobs until none is left (or `limit` ran). Returns how many ran. */
  async runDue(limit = 100): Promise<number> {
    let ran = 0;
    while (ran < limit) {
      const job = await this.claim();
      if (!job) break;
      ran++;
      await this.execute(job);
    }
    return ran;
  }

  private async execute(job: ClaimedJob): Promise<void> {
    const def = this.defs.get(job.name);
    const log = this.log.child({ job: job.name, jobId: job.id, attempt: job.attempts });
    try {
      if (!def) throw new Error(`Không có định nghĩa cho công việc "${job.name}"`);
      const payload = def.payload.parse(job.payload);
      await def.run({ payload, db: this.db, log, attempt: job.attempts });
      await this.db.update(jobs).set({ status: 'done', finishedAt: new Date(), lockedAt: null, lastError: null }).where(eq(jobs.id, job.id));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const final = job.attempts >= job.max_attempts;
      log.warn({ err: message, final }, 'job failed');
      await this.db
        .update(jobs)
        .set(
          final
            ? { status: 'failed', finishedAt: new Date(), lockedAt: null, lastError: message }
            : { status: 'queued', runAt: new Date(Date.now() + backoffMs(job.attempts)), lockedAt: null, lockedBy: null, lastError: message },
        )
        .where(eq(jobs.id, job.id));
    }
  }

  start(pollMs = 1000): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = async () => {
      try {
        await this.requeueStale();
        await this.tickScheduler();
        await this.runDue();
      } catch (err) {
        this.log.error({ err }, 'job loop error');
      }
      if (!this.stopped) this.timer = setTimeout(() => (this.running = loop()), pollMs);
    };
    this.running = loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
