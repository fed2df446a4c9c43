import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.ts';
import type { Db } from '../../platform/db.ts';
import { forbidden } from '../../platform/errors.ts';
import { auditLog } from '../../platform/platform.tables.ts';

export const auditPolicy = { read: (a: Actor) => a.role === 'admin' };

export interface AuditFilter {
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  actorId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listAudit(db: Db, actor: Actor, f: AuditFilter) {
  if (!auditPolicy.read(actor)) throw forbidden();
  const where: SQL[] = [eq(auditLog.tenantId, actor.tenantId)];
  if (f.entityType) where.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId) where.push(eq(auditLog.entityId, f.entityId));
  if (f.action) where.push(eq(auditLog.action, f.action));
  if (f.actorId) where.push(eq(auditLog.actorId, f.actorId));
  if (f.from) where.push(gte(auditLog.at, new Date(`${f.from}T00:00:00Z`)));
  // `to` is a day: include all of it.
  if (f.to) where.push(lt(auditLog.at, new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86400_000)));
  const [total] = await db.select({ n: count() }).from(auditLog).where(and(...where));
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  return {
    total: Number(total?.n ?? 0),
    items: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorId: r.actorId,
      actorEmail: r.actorEmail,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      before: r.before ?? null,
      after: r.after ?? null,
      requestId: r.requestId,
    })),
  };
}

/**
 * The change history of one record, for pages that show it to everyone who may read the record
 * (the caller checks that); unlike the full log, this needs no admin role.
 */
export async function entityHistory(db: Db, tenantId: string, entityType: string, entityId: string, limit = 50) {
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
  return rows.map((r) => ({ at: r.at.toISOString(), actorEmail: r.actorEmail, action: r.action, before: r.before ?? null, after: r.after ?? null }));
}
