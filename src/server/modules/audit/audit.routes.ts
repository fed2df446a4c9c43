import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { actorOf, errorResponses } from '../../platform/http.ts';
import { listAudit } from './audit.service.ts';

const ZAuditQuery = z.strictObject({
  entityType: z.string().max(100).optional(),
  entityId: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  actorId: z.uuid().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const ZAuditList = z.object({
  total: z.number().int(),
  items: z.array(
    z.object({
      id: z.number().int(),
      at: z.string(),
      actorId: z.string().nullable(),
      actorEmail: z.string().nullable(),
      action: z.string(),
      entityType: z.string(),
      entityId: z.string(),
      before: z.unknown(),
      after: z.unknown(),
      requestId: z.string().nullable(),
    }),
  ),
});

export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/audit',
      { schema: { tags: ['audit'], summary: 'Nhật ký thay đổi (quản trị viên)', querystring: ZAuditQuery, response: { 200: ZAuditList, ...errorResponses } } },
      async (req) => listAudit(ctx.db, actorOf(req), req.query),
    );
  };
}
