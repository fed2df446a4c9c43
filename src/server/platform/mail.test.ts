import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { createTestContext, type TestContext } from '../../../test/helpers/context.ts';
import type { Db } from './db.ts';
import { JobRunner, type JobDefinition } from './jobs.ts';
import { configureMail, flushOutbox, mailFlushJob, pendingMailCount, queueMail } from './mail.ts';
import { jobs, mailOutbox } from './platform.tables.ts';

const FROM = 'Đồng Thuận <no-reply@example.vn>';

interface Received {
  from: string | undefined;
  to: string[];
  raw: string;
  subject: string;
  body: string;
}

/** Decodes RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=), as a mail client does. */
function decodeHeader(value: string): string {
  const unfolded = value.replace(/\r?\n[ \t]+/g, ' ');
  // Whitespace between two adjacent encoded words is not part of the text.
  const joined = unfolded.replace(/(\?=)\s+(=\?)/g, '$1$2');
  return joined.replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, data: string) => {
    if (enc.toUpperCase() === 'B') return Buffer.from(data, 'base64').toString('utf8');
    const bytes = data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  });
}

function parseMessage(raw: string): { subject: string; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split);
  let body = raw.slice(split + 4);
  const header = (name: string) => {
    const m = new RegExp(`^${name}:(.*(?:\\r\\n[ \\t].*)*)`, 'im').exec(head);
    return m ? m[1]!.trim() : '';
  };
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
    body = Buffer.from(bytes, 'latin1').toString('utf8');
  } else if (encoding === 'base64') {
    body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  return { subject: decodeHeader(header('Subject')), body };
}

/** A real SMTP server that keeps what it receives. */
class SmtpSink {
  readonly received: Received[] = [];
  private server: SMTPServer | undefined;
  port = 0;

  async start(port = 0): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('latin1');
          const envelopeFrom = session.envelope.mailFrom;
          this.received.push({
            from: envelopeFrom ? envelopeFrom.address : undefined,
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            ...parseMessage(raw),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.server.address() as net.AddressInfo).port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const log = pino({ level: 'silent' });
let t: TestContext;
let db: Db;
const sink = new SmtpSink();

before(async () => {
  t = await createTestContext();
  db = t.ctx.db;
  await sink.start();
});
after(async () => {
  configureMail(undefined, FROM);
  await sink.stop();
  await t.close();
});
beforeEach(async () => {
  await db.delete(mailOutbox);
  await db.delete(jobs);
  sink.received.length = 0;
  configureMail(sink.url, FROM);
});

const outboxRow = async (id: string) => (await db.select().from(mailOutbox).where(eq(mailOutbox.id, id)))[0];

describe('mail outbox', () => {
  test('a mail queued in a transaction is sent by flushOutbox with its Vietnamese subject intact', async () => {
    const subject = 'Thông báo: Sở Tư pháp cập nhật lịch tiếp công dân — Đà Nẵng, Huế';
    const text = 'Kính gửi anh/chị,\nLịch tiếp công dân tháng này đã thay đổi. Trân trọng.';
    const id = await db.transaction((tx) => queueMail(tx, { tenantId: null, to: 'nguoi.nhan@example.vn', subject, text }));
    let row = await outboxRow(id);
    assert.equal(row?.status, 'pending');
    assert.equal(row?.attempts, 0);
    assert.equal(await pendingMailCount(db), 1);
    // Queueing also schedules the flush job (once, whatever the number of mails).
    await db.transaction((tx) => queueMail(tx, { tenantId: null, to: 'khac@example.vn', subject: 'Thư thứ hai', text: 'Nội dung' }));
    const flushJobs = await db.select().from(jobs).where(eq(jobs.name, 'mail.flush'));
    assert.equal(flushJobs.length, 1);
    assert.equal(flushJobs[0]?.status, 'queued');

    assert.deepEqual(await flushOutbox(db), { sent: 2, failed: 0 });
    assert.equal(sink.received.length, 2);
    const mail = sink.received.find((m) => m.to.includes('nguoi.nhan@example.vn'));
    assert.ok(mail, 'the sink received the mail');
    assert.equal(mail.subject, subject);
    assert.equal(mail.from, 'no-reply@example.vn');
    assert.match(decodeHeader(/^From:(.*)$/im.exec(mail.raw)?.[1] ?? ''), /Đồng Thuận <no-reply@example\.vn>/);
    assert.equal(mail.body.replace(/\r\n/g, '\n').trim(), text);

    row = await outboxRow(id);
    assert.equal(row?.status, 'sent');
    assert.equal(row?.attempts, 1);
    assert.ok(row?.sentAt instanceof Date);
    assert.ok(row?.messageId);
    assert.equal(row?.lastError, null);
    assert.equal(await pendingMailCount(db), 0);
    // Flushing again sends nothing twice.
    assert.deepEqual(await flushOutbox(db), { sent: 0, failed: 0 });
    assert.equal(sink.received.length, 2);
  });

  test('a mail queued in a transaction that rolls back is never sent', async () => {
    await assert.rejects(
      db.transaction(async (tx) => {
        await queueMail(tx, { tenantId: null, to: 'khong.gui@example.vn', subject: 'Không được gửi', text: 'Giao dịch bị hủy' });
        throw new Error('hủy giao dịch');
      }),
      /hủy giao dịch/,
    );
    assert.equal((await db.select().from(mailOutbox)).length, 0);
    assert.equal((await db.select().from(jobs)).length, 0, 'the flush job rolls back too');
    assert.deepEqual(await flushOutbox(db), { sent: 0, failed: 0 });
    assert.equal(sink.received.length, 0);
  });

  test('with SMTP down the mail stays pending and is sent exactly once when SMTP is back', async () => {
    // A second sink that we stop, then start again on the same port.
    const flaky = new SmtpSink();
    await flaky.start();
    const port = flaky.port;
    await flaky.stop();
    configureMail(`smtp://127.0.0.1:${port}`, FROM);
    try {
      const id = await db.transaction((tx) =>
        queueMail(tx, { tenantId: null, to: 'cho.doi@example.vn', subject: 'Hẹn gặp lại sau sự cố', text: 'Thư gửi lại' }),
      );
      const before = Date.now();
      assert.deepEqual(await flushOutbox(db), { sent: 0, failed: 1 });
      let row = await outboxRow(id);
      assert.equal(row?.status, 'pending');
      assert.equal(row?.attempts, 1);
      assert.ok(row?.lastError, 'the SMTP error is kept');
      assert.equal(row?.lockedUntil, null);
      assert.ok(row!.nextAttemptAt.getTime() >= before + 8_000, 'the retry waits (backoff)');
      // Not due yet: another flush does not try again.
      assert.deepEqual(await flushOutbox(db), { sent: 0, failed: 0 });
      assert.equal((await outboxRow(id))?.attempts, 1);

      await flaky.start(port);
      await db.update(mailOutbox).set({ nextAttemptAt: sql`now() - interval '1 second'` }).where(eq(mailOutbox.id, id));
      assert.deepEqual(await flushOutbox(db), { sent: 1, failed: 0 });
      assert.deepEqual(await flushOutbox(db), { sent: 0, failed: 0 });
      assert.equal(flaky.received.length, 1);
      assert.equal(flaky.received[0]?.subject, 'Hẹn gặp lại sau sự cố');
      row = await outboxRow(id);
      assert.equal(row?.status, 'sent');
      assert.equal(row?.attempts, 2);
      assert.equal(row?.lastError, null);
    } finally {
      await flaky.stop();
    }
  });

  test('a mail claimed by another worker (lease not expired) is not sent twice', async () => {
    const id = await db.transaction((tx) => queueMail(tx, { tenantId: null, to: 'mot.lan@example.vn', subject: 'Một lần', text: '1' }));
    await db.update(mailOutbox).set({ lockedUntil: sql`now() + interval '5 minutes'` }).where(eq(mailOutbox.id, id));
    assert.deepEqual(await flushOutbox(db), { sent: 0, failed: 0 });
    assert.equal(sink.received.length, 0);
    // The lease of a worker that died runs out, and the mail goes.
    await db.update(mailOutbox).set({ lockedUntil: sql`now() - interval '1 second'` }).where(eq(mailOutbox.id, id));
    assert.deepEqual(await flushOutbox(db), { sent: 1, failed: 0 });
    assert.equal(sink.received.length, 1);
  });

  test('two flushes running at the same time send each mail exactly once', async () => {
    const N = 12;
    await db.transaction(async (tx) => {
      for (let i = 0; i < N; i++) await queueMail(tx, { tenantId: null, to: `nguoi${i}@example.vn`, subject: `Bản tin số ${i}`, text: `${i}` });
    });
    const results = await Promise.all([flushOutbox(db, 5), flushOutbox(db, 5), flushOutbox(db, 5)]);
    const sent = results.reduce((n, r) => n + r.sent, 0);
    // Whatever the first round left (batches of 5) goes in the next one.
    const rest = await flushOutbox(db, 100);
    assert.equal(sent + rest.sent, N);
    assert.equal(sink.received.length, N);
    assert.equal(new Set(sink.received.map((m) => m.subject)).size, N);
    assert.equal(await pendingMailCount(db), 0);
  });

  test('with no SMTP configured nothing is sent and nothing is lost', async () => {
    configureMail(undefined, FROM);
    const id = await db.transaction((tx) => queueMail(tx, { tenantId: null, to: 'sau.nay@example.vn', subject: 'Chờ cấu hình SMTP', text: 'Giữ lại' }));
    assert.deepEqual(await flushOutbox(db), { sent: 0, failed: 0 });
    // The flush job succeeds without sending (and without burning attempts).
    const runner = new JobRunner(db, log, [mailFlushJob as JobDefinition<never>]);
    assert.equal(await runner.runDue(), 1);
    let row = await outboxRow(id);
    assert.equal(row?.status, 'pending');
    assert.equal(row?.attempts, 0);
    assert.equal(row?.lastError, null);
    assert.equal(await pendingMailCount(db), 1);
    assert.equal(sink.received.length, 0);

    // Once SMTP is configured the kept mail goes out.
    configureMail(sink.url, FROM);
    assert.deepEqual(await flushOutbox(db), { sent: 1, failed: 0 });
    assert.equal(sink.received.length, 1);
    assert.equal(sink.received[0]?.subject, 'Chờ cấu hình SMTP');
    row = await outboxRow(id);
    assert.equal(row?.status, 'sent');
  });

  test('the mail.flush job sends queued mail through a JobRunner', async () => {
    const ids = await db.transaction(async (tx) => [
      await queueMail(tx, { tenantId: null, to: 'a@example.vn', subject: 'Giấy mời họp báo quý III', text: 'Mời dự' }),
      await queueMail(tx, { tenantId: null, to: 'b@example.vn', subject: 'Công văn số 12/STP', text: 'Đính kèm', html: '<p>Đính kèm</p>' }),
    ]);
    const runner = new JobRunner(db, log, [mailFlushJob as JobDefinition<never>]);
    assert.equal(await runner.runDue(), 1, 'one deduplicated flush job for both mails');
    assert.deepEqual(sink.received.map((m) => m.subject).sort(), ['Công văn số 12/STP', 'Giấy mời họp báo quý III']);
    for (const id of ids) assert.equal((await outboxRow(id))?.status, 'sent');
    const [job] = await db.select().from(jobs).where(eq(jobs.name, 'mail.flush'));
    assert.equal(job?.status, 'done');
    // The job ran once; running again has nothing to send.
    assert.equal(await runner.runDue(), 0);
    assert.equal(sink.received.length, 2);
  });
});
