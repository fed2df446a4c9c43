import { and, eq, inArray, lte, or, isNull, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';
import type { Db, DbOrTx } from './db.ts';
import { defineJob, enqueueJob, backoffMs } from './jobs.ts';
import { mailOutbox } from './platform.tables.ts';

export interface OutgoingMail {
  tenantId: string | null;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
}

/** After this many failed attempts a mail is given up and marked failed (about two days of retries). */
export const MAX_MAIL_ATTEMPTS = 20;

/**
 * Accepts a mail into the outbox inside the caller's transaction. It is sent by the
 * `mail.flush` job, so a mail the product accepted survives an SMTP outage or a restart.
 */
export async function queueMail(tx: DbOrTx, mail: OutgoingMail): Promise<string> {
  const [row] = await tx
    .insert(mailOutbox)
    .values({ tenantId: mail.tenantId, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? null })
    .returning({ id: mailOutbox.id });
  await enqueueJob(tx, mailFlushJob, {}, { dedupeKey: 'mail.flush' });
  return row!.id;
}

let transport: { url: string; transporter: Transporter } | undefined;
let settings: { smtpUrl: string | undefined; from: string } = { smtpUrl: undefined, from: 'Đồng Thuận <no-reply@dongthuan.local>' };

export function configureMail(smtpUrl: string | undefined, from: string): void {
  settings = { smtpUrl, from };
  if (transport && transport.url !== smtpUrl) {
    transport.transporter.close();
    transport = undefined;
  }
}

function getTransport(): Transporter | undefined {
  if (!settings.smtpUrl) return undefined;
  if (!transport) {
    transport = {
      url: settings.smtpUrl,
      transporter: nodemailer.createTransport(settings.smtpUrl, {}),
    };
  }
  return transport.transporter;
}

/** Sends the due mails of the outbox. Claims rows with a lease so several workers never send one mail twice. */
export async function flushOutbox(db: Db, batch = 20): Promise<{ sent: number; failed: number }> {
  const transporter = getTransport();
  if (!transporter) return { sent: 0, failed: 0 };
  const claimed = await db.execute(sql`
    update mail_outbox set locked_until = now() + interval '5 minutes'
    where id in (
      select id from mail_outbox
      where status = 'pending' and next_attempt_at <= now() and (locked_until is null or locked_until < now())
      order by created_at for update skip locked limit ${batch}
    )
    returning id`);
  const ids = (claimed as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
  if (ids.length === 0) return { sent: 0, failed: 0 };
  const rows = await db.select().from(mailOutbox).where(inArray(mailOutbox.id, ids));
  let sent = 0;
  let failed = 0;
  for (const row of rows) {
    try {
      const info = await transporter.sendMail({
        from: settings.from,
        to: row.to,
        subject: row.subject,
        text: row.text,
        ...(row.html ? { html: row.html } : {}),
      });
      await db
        .update(mailOutbox)
        .set({ status: 'sent', sentAt: new Date(), messageId: String(info.messageId ?? ''), lockedUntil: null, attempts: row.attempts + 1, lastError: null })
        .where(eq(mailOutbox.id, row.id));
      sent++;
    } catch (err) {
      const attempts = row.attempts + 1;
      await db
        .update(mailOutbox)
        .set({
          status: attempts >= MAX_MAIL_ATTEMPTS ? 'failed' : 'pending',
          attempts,
          lastError: err instanceof Error ? err.message : String(err),
          nextAttemptAt: new Date(Date.now() + backoffMs(attempts)),
          lockedUntil: null,
        })
        .where(eq(mailOutbox.id, row.id));
      failed++;
    }
  }
  return { sent, failed };
}

export async function pendingMailCount(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, 'pending'), or(isNull(mailOutbox.lockedUntil), lte(mailOutbox.lockedUntil, new Date()))));
  return row?.n ?? 0;
}

export const mailFlushJob = defineJob({
  name: 'mail.flush',
  payload: z.object({}).passthrough(),
  maxAttempts: 3,
  async run({ db, log }) {
    const result = await flushOutbox(db);
    if (result.sent || result.failed) log.info(result, 'outbox flushed');
  },
});
