import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { actorOf, errorResponses } from '../../platform/http.ts';
import { storedFiles } from '../../platform/platform.tables.ts';

const ZStoredFile = z.object({ sha256: z.string(), size: z.number().int(), mimeType: z.string(), originalName: z.string() });

/**
 * Attachments (evidence of task progress, later products and materials): uploaded as the raw
 * body, kept content-addressed under the data directory, readable by the province's users.
 */
export function filesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: ctx.config.maxUploadBytes + 1 }, (_req, body, done) => done(null, body));
    app.post(
      '/api/files',
      {
        bodyLimit: ctx.config.maxUploadBytes + 1,
        config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: {
          tags: ['files'],
          summary: 'Tải lên tệp đính kèm (PDF, DOCX, XLSX, ảnh, văn bản)',
          querystring: z.strictObject({ fileName: z.string().trim().min(1).max(255) }),
          response: { 201: z.object({ file: ZStoredFile }), ...errorResponses },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        // Press accounts only read; everyone else may attach evidence to their work.
        if (actor.role === 'press') throw forbidden();
        if (!Buffer.isBuffer(req.body)) throw new AppError('unsupported_media_type', 'Hãy gửi nội dung tệp.');
        const file = await ctx.files.store(ctx.db, {
          data: req.body,
          originalName: req.query.fileName,
          tenantId: actor.tenantId,
          createdBy: actor.userId,
          maxBytes: ctx.config.maxUploadBytes,
        });
        return reply.status(201).send({ file });
      },
    );
    app.get(
      '/api/files/:sha256',
      {
        schema: {
          tags: ['files'],
          summary: 'Tải xuống tệp đính kèm',
          params: z.strictObject({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Mã tệp không hợp lệ.') }),
          response: { 200: z.any().describe('Nội dung tệp'), ...errorResponses },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const [row] = await ctx.db
          .select()
          .from(storedFiles)
          .where(and(eq(storedFiles.sha256, req.params.sha256), eq(storedFiles.tenantId, actor.tenantId)));
        if (!row) throw notFound('tệp');
        const data = await ctx.files.read(row.sha256);
        reply.header('content-type', row.mimeType);
        reply.header('x-content-type-options', 'nosniff');
        // Always a download: an uploaded file is never rendered in the product's origin.
        reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.originalName)}`);
        return reply.send(data);
      },
    );
  };
}
