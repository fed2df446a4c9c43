import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { z } from 'zod';
import { createTestContext, type TestContext } from '../../../test/helpers/context.ts';
import { openDatabase, type Database, type Db } from './db.ts';
import { defineJob, enqueueJob, JobRunner, type JobDefinition, type RecurringJob } from './jobs.ts';
import { jobs, jobSchedules } from './platform.tables.ts';

const log = pino({ level: 'silent' });

let t: TestContext;
let db: Db;
/** A second connection to the same database when it lives on a server (a second process would do the same). */
let other: Database | undefined;
let otherDb: Db;

before(async () => {
  t = await createTestContext();
  db = t.ctx.db;
  if (t.ctx.database.kind === 'postgres') {
    other = await openDatabase({ databaseUrl: t.config.databaseUrl, poolSize: 5 });
    otherDb = other.db;
  } else {
    // One PGlite serves one process: the second runner shares the connection (its queries are serialised).
    otherDb = db;
  }
});
after(async () => {
  await other?.close();
  await t.close();
});

beforeEach(async () => {
  await db.delete(jobs);
  await db.delete(jobSchedules);
});

const defs = (...d: JobDefinition<never>[]) => d;
const jobsNamed = (name: string) => db.select().from(jobs).where(eq(jobs.name, name)).orderBy(jobs.id);
/** Makes every queued job due now, as if its backoff had elapsed. */
const makeDue = () => db.update(jobs).set({ runAt: sql`now() - interval '1 second'` }).where(eq(jobs.status, 'queued'));

describe('running jobs', () => {
  test('a job runs with its validated payload and is marked done', async () => {
    const seen: { n: number; attempt: number }[] = [];
    const job = defineJob({
      name: 'test.ok',
      payload: z.object({ n: z.number().int() }),
      async run({ payload, attempt }) {
        seen.push({ n: payload.n, attempt });
      },
    });
    await enqueueJob(db, job, { n: 7 });
    const [queued] = await jobsNamed('test.ok');
    assert.equal(queued?.status, 'queued');
    assert.equal(queued?.attempts, 0);

    const runner = new JobRunner(db, log, defs(job as JobDefinition<never>));
    assert.equal(await runner.runDue(), 1);
    assert.deepEqual(seen, [{ n: 7, attempt: 1 }]);
    const [row] = await jobsNamed('test.ok');
    assert.equal(row?.status, 'done');
    assert.equal(row?.attempts, 1);
    assert.ok(row?.finishedAt instanceof Date);
    assert.equal(row?.lockedAt, null);
    assert.equal(row?.lastError, null);
    // Nothing left to do: a done job never runs again.
    assert.equal(await runner.runDue(), 0);
    assert.equal(seen.length, 1);
  });

  test('a job scheduled for later is not run before its time', async () => {
    let ran = 0;
    const job = defineJob({ name: 'test.later', payload: z.object({}), run: async () => void ran++ });
    await enqueueJob(db, job, {}, { runAt: new Date(Date.now() + 3600_000) });
    const runner = new JobRunner(db, log, defs(job as JobDefinition<never>));
    assert.equal(await runner.runDue(), 0);
    assert.equal(ran, 0);
    await makeDue();
    assert.equal(await runner.runDue(), 1);
    assert.equal(ran, 1);
  });

  test('a failing job is retried with backoff, keeps its last error, and is marked failed after maxAttempts', async () => {
    let calls = 0;
    const job = defineJob({
      name: 'test.flaky',
      payload: z.object({}),
      maxAttempts: 3,
      async run() {
        calls++;
        throw new Error(`máy chủ không trả lời (lần ${calls})`);
      },
    });
    await enqueueJob(db, job, {});
    const runner = new JobRunner(db, log, defs(job as JobDefinition<never>));

    // Attempt 1 fails: back in the queue, pushed into the future by at least 10 s − 20 % jitter.
    let before = Date.now();
    assert.equal(await runner.runDue(), 1);
    let [row] = await jobsNamed('test.flaky');
    assert.equal(row?.status, 'queued');
    assert.equal(row?.attempts, 1);
    assert.equal(row?.lastError, 'máy chủ không trả lời (lần 1)');
    assert.equal(row?.lockedAt, null);
    assert.equal(row?.lockedBy, null);
    assert.ok(row!.runAt.getTime() >= before + 8_000, `run_at ${row!.runAt.toISOString()} should be ≥ 8 s later`);
    // Not due yet, so another pass does not pick it up.
    assert.equal(await runner.runDue(), 0);
    assert.equal(calls, 1);

    // Attempt 2: the backoff doubles (20 s − 20 %).
    await makeDue();
    before = Date.now();
    assert.equal(await runner.runDue(), 1);
    [row] = await jobsNamed('test.flaky');
    assert.equal(row?.status, 'queued');
    assert.equal(row?.attempts, 2);
    assert.equal(row?.lastError, 'máy chủ không trả lời (lần 2)');
    assert.ok(row!.runAt.getTime() >= before + 16_000);

    // Attempt 3 is the last one allowed.
    await makeDue();
    assert.equal(await runner.runDue(), 1);
    [row] = await jobsNamed('test.flaky');
    assert.equal(row?.status, 'failed');
    assert.equal(row?.attempts, 3);
    assert.equal(row?.lastError, 'máy chủ không trả lời (lần 3)');
    assert.ok(row?.finishedAt instanceof Date);

    await makeDue();
    assert.equal(await runner.runDue(), 0);
    assert.equal(calls, 3);
  });

  test('a job with no definition in this runner fails instead of looping', async () => {
    const job = defineJob({ name: 'test.unknown', payload: z.object({}), maxAttempts: 1, run: async () => undefined });
    await enqueueJob(db, job, {});
    const runner = new JobRunner(db, log, []);
    assert.equal(await runner.runDue(), 1);
    const [row] = await jobsNamed('test.unknown');
    assert.equal(row?.status, 'failed');
    assert.match(row?.lastError ?? '', /test\.unknown/);
  });
});

describe('enqueueing', () => {
  const typed = defineJob({
    name: 'test.typed',
    payload: z.strictObject({ agencyId: z.uuid(), count: z.number().int().positive() }),
    run: async () => undefined,
  });

  test('the payload is validated when enqueued: a bad payload throws and nothing is queued', async () => {
    await assert.rejects(() => enqueueJob(db, typed, { agencyId: 'không-phải-uuid', count: 1 }), (err: Error) => err instanceof z.ZodError);
    await assert.rejects(() => enqueueJob(db, typed, { agencyId: '3f1c2a9e-0d7b-4c55-9a43-2b1e8f6a7c10', count: -2 }), z.ZodError);
    await assert.rejects(() => enqueueJob(db, typed, { extra: true } as never), z.ZodError);
    assert.equal((await jobsNamed('test.typed')).length, 0);
    await enqueueJob(db, typed, { agencyId: '3f1c2a9e-0d7b-4c55-9a43-2b1e8f6a7c10', count: 2 });
    const rows = await jobsNamed('test.typed');
    assert.equal(rows.length, 1);
    assert.deepEqual(rows[0]?.payload, { agencyId: '3f1c2a9e-0d7b-4c55-9a43-2b1e8f6a7c10', count: 2 });
  });

  test('the payload is validated again when run: a row edited to a bad payload fails', async () => {
    let ran = 0;
    const job = defineJob({ name: 'test.recheck', payload: z.object({ n: z.number() }), maxAttempts: 1, run: async () => void ran++ });
    await db.insert(jobs).values({ name: 'test.recheck', payload: { n: 'bảy' }, maxAttempts: 1 });
    assert.equal(await new JobRunner(db, log, defs(job as JobDefinition<never>)).runDue(), 1);
    assert.equal(ran, 0);
    const [row] = await jobsNamed('test.recheck');
    assert.equal(row?.status, 'failed');
    assert.ok(row?.lastError);
  });

  test('a dedupeKey keeps one queued job, and allows a new one once it has run', async () => {
    let ran = 0;
    const job = defineJob({ name: 'test.dedupe', payload: z.object({ v: z.number() }), run: async () => void ran++ });
    await enqueueJob(db, job, { v: 1 }, { dedupeKey: 'sync:so-tu-phap' });
    await enqueueJob(db, job, { v: 2 }, { dedupeKey: 'sync:so-tu-phap' });
    await Promise.all([1, 2, 3].map((v) => enqueueJob(db, job, { v }, { dedupeKey: 'sync:so-tu-phap' })));
    let rows = await jobsNamed('test.dedupe');
    assert.equal(rows.length, 1);
    assert.deepEqual(rows[0]?.payload, { v: 1 });
    // Another key is another job.
    await enqueueJob(db, job, { v: 9 }, { dedupeKey: 'sync:so-y-te' });
    assert.equal((await jobsNamed('test.dedupe')).length, 2);

    const runner = new JobRunner(db, log, defs(job as JobDefinition<never>));
    assert.equal(await runner.runDue(), 2);
    assert.equal(ran, 2);
    // The first job is done, so the key is free again.
    await enqueueJob(db, job, { v: 3 }, { dedupeKey: 'sync:so-tu-phap' });
    rows = await jobsNamed('test.dedupe');
    assert.equal(rows.length, 3);
    assert.deepEqual(
      rows.map((r) => r.status),
      ['done', 'done', 'queued'],
    );
  });
});

describe('recurring jobs', () => {
  test('two runners ticking at the same time enqueue a recurring job once per due interval', async () => {
    const runs: string[] = [];
    const job = defineJob({ name: 'test.every-minute', payload: z.object({}), run: async () => void runs.push('ran') });
    const recurring: RecurringJob[] = [{ name: job.name, intervalSeconds: 60 }];
    const a = new JobRunner(db, log, defs(job as JobDefinition<never>), recurring);
    const b = new JobRunner(otherDb, log, defs(job as JobDefinition<never>), recurring);
    await Promise.all([a.installSchedules(), b.installSchedules()]);
    const [schedule] = await db.select().from(jobSchedules).where(eq(jobSchedules.name, job.name));
    assert.equal(schedule?.intervalSeconds, 60);

    const now = new Date(Date.now() + 1000);
    const first = await Promise.all([a.tickScheduler(now), b.tickScheduler(now)]);
    assert.equal(first[0] + first[1], 1, `exactly one runner enqueues (got ${first.join(', ')})`);
    assert.equal((await jobsNamed(job.name)).length, 1);

    // Ticking again within the interval (or after a restart re-installs the schedule) enqueues nothing.
    await Promise.all([a.installSchedules(), b.installSchedules()]);
    const again = await Promise.all([a.tickScheduler(now), b.tickScheduler(new Date(now.getTime() + 59_000))]);
    assert.deepEqual(again, [0, 0]);

    const ran = await Promise.all([a.runDue(), b.runDue()]);
    assert.equal(ran[0] + ran[1], 1);
    assert.equal(runs.length, 1);

    // One interval later: due again, once.
    const later = new Date(now.getTime() + 60_000);
    const second = await Promise.all([a.tickScheduler(later), b.tickScheduler(later)]);
    assert.equal(second[0] + second[1], 1);
    const rows = await jobsNamed(job.name);
    assert.deepEqual(
      rows.map((r) => r.status),
      ['done', 'queued'],
    );
    const [afterSecond] = await db.select().from(jobSchedules).where(eq(jobSchedules.name, job.name));
    assert.equal(afterSecond?.nextRunAt.getTime(), later.getTime() + 60_000);
    assert.equal(afterSecond?.lastRunAt?.getTime(), later.getTime());
  });

  test('a scheduled job still queued is not queued a second time', async () => {
    const job = defineJob({ name: 'test.slow-schedule', payload: z.object({}), run: async () => undefined });
    const runner = new JobRunner(db, log, defs(job as JobDefinition<never>), [{ name: job.name, intervalSeconds: 10 }]);
    await runner.installSchedules();
    const now = new Date(Date.now() + 1000);
    assert.equal(await runner.tickScheduler(now), 1);
    assert.equal(await runner.tickScheduler(new Date(now.getTime() + 10_000)), 1);
    assert.equal(await runner.tickScheduler(new Date(now.getTime() + 20_000)), 1);
    // Three ticks were due, but the first job has not run yet: one job waits in the queue.
    assert.equal((await jobsNamed(job.name)).filter((r) => r.status === 'queued').length, 1);
  });
});

describe('several runners', () => {
  test('two runners calling runDue() concurrently run each of N jobs exactly once', async () => {
    const N = 40;
    const runs = new Map<number, number>();
    const job = defineJob({
      name: 'test.many',
      payload: z.object({ i: z.number().int() }),
      async run({ payload, db: jobDb }) {
        // A query inside the job lets the other runner interleave while this one holds its job.
        await jobDb.execute(sql`select 1`);
        runs.set(payload.i, (runs.get(payload.i) ?? 0) + 1);
      },
    });
    for (let i = 0; i < N; i++) await enqueueJob(db, job, { i });
    const a = new JobRunner(db, log, defs(job as JobDefinition<never>));
    const b = new JobRunner(otherDb, log, defs(job as JobDefinition<never>));
    const [ranA, ranB] = await Promise.all([a.runDue(), b.runDue()]);
    assert.equal(ranA + ranB, N);
    assert.equal(runs.size, N);
    for (let i = 0; i < N; i++) assert.equal(runs.get(i), 1, `job ${i} ran ${runs.get(i) ?? 0} times`);
    const rows = await jobsNamed('test.many');
    assert.equal(rows.length, N);
    assert.ok(rows.every((r) => r.status === 'done' && r.attempts === 1));
    // Every job records which runner claimed it, and only these two runners did.
    const claimers = new Set(rows.map((r) => r.lockedBy));
    assert.ok(claimers.size >= 1 && claimers.size <= 2);
    assert.ok(![...claimers].includes(null));
  });

  test('runDue stops after its limit and leaves the rest queued', async () => {
    const job = defineJob({ name: 'test.limit', payload: z.object({ i: z.number() }), run: async () => undefined });
    for (let i = 0; i < 5; i++) await enqueueJob(db, job, { i });
    const runner = new JobRunner(db, log, defs(job as JobDefinition<never>));
    assert.equal(await runner.runDue(2), 2);
    const rows = await jobsNamed('test.limit');
    assert.equal(rows.filter((r) => r.status === 'done').length, 2);
    assert.equal(rows.filter((r) => r.status === 'queued').length, 3);
  });

  test('requeueStale puts back a job locked long ago by a runner that died, and leaves a fresh one alone', async () => {
    let ran = 0;
    const job = defineJob({ name: 'test.stale', payload: z.object({ which: z.string() }), run: async () => void ran++ });
    await db.insert(jobs).values([
      { name: job.name, payload: { which: 'dead' }, status: 'running', attempts: 1, lockedAt: sql`now() - interval '11 minutes'`, lockedBy: 'máy-đã-tắt:1' },
      { name: job.name, payload: { which: 'alive' }, status: 'running', attempts: 1, lockedAt: sql`now() - interval '1 minute'`, lockedBy: 'máy-khác:2' },
    ] as never);
    const runner = new JobRunner(db, log, defs(job as JobDefinition<never>));
    // Running jobs are never claimed twice.
    assert.equal(await runner.runDue(), 0);
    await runner.requeueStale();
    const rows = await jobsNamed(job.name);
    const dead = rows.find((r) => (r.payload as { which: string }).which === 'dead');
    const alive = rows.find((r) => (r.payload as { which: string }).which === 'alive');
    assert.equal(dead?.status, 'queued');
    assert.equal(dead?.lockedAt, null);
    assert.equal(dead?.lockedBy, null);
    assert.equal(alive?.status, 'running');
    assert.equal(alive?.lockedBy, 'máy-khác:2');

    assert.equal(await runner.runDue(), 1);
    assert.equal(ran, 1);
    const [again] = await db.select().from(jobs).where(eq(jobs.id, dead!.id));
    assert.equal(again?.status, 'done');
    assert.equal(again?.attempts, 2);
  });

  test('start() runs the loop (requeue, schedule, run) until stop()', async () => {
    const runs: number[] = [];
    const job = defineJob({ name: 'test.loop', payload: z.object({}), run: async () => void runs.push(1) });
    const runner = new JobRunner(db, log, defs(job as JobDefinition<never>), [{ name: job.name, intervalSeconds: 3600 }]);
    await runner.installSchedules();
    runner.start(10);
    // Poll until the scheduled job has run (the bound only guards against a hang, it is not a speed check).
    const giveUp = Date.now() + 120_000;
    while (runs.length === 0 && Date.now() < giveUp) await new Promise((r) => setTimeout(r, 20));
    await runner.stop();
    assert.equal(runs.length, 1);
    const rows = await jobsNamed(job.name);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.status, 'done');
  });
});
