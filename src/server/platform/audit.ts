import { auditLog } from './platform.tables.ts';
import type { DbOrTx } from './db.ts';
import type { Actor } from './actor.ts';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Secrets never reach the audit log, whatever a service passes in. */
const secretKeys = new Set(['passwordHash', 'password', 'tokenHash', 'token', 'csrfToken']);
function redact(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = secretKeys.has(k) ? '[ẩn]' : redact(v);
    return out;
  }
  return value;
}

/** Call inside the transaction that makes the change, so the change and its audit row commit together. */
export async function writeAudit(tx: DbOrTx, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    tenantId: actor.tenantId,
    actorId: actor.userId,
    actorEmail: actor.email ?? (actor.kind === 'system' ? 'hệ thống' : null),
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: redact(entry.before),
    after: redact(entry.after),
    requestId: actor.requestId,
  });
}
