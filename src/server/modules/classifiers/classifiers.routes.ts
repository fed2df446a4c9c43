import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { writeAudit } from '../../platform/audit.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import { enqueueJob } from '../../platform/jobs.ts';
import { actorOf, errorResponses } from '../../platform/http.ts';
import { ZIdParams } from '../accounts/accounts.schemas.ts';
import { retrainJob } from './classifiers.jobs.ts';
import * as service from './classifiers.service.ts';

const ZTask = z.string().trim().regex(/^[a-z][a-z0-9_]{0,63}$/, 'Tên tác vụ gồm chữ thường, số và dấu gạch dưới.');
const ZMetrics = z.object({
  n: z.number(),
  accuracy: z.number(),
  macroF1: z.number(),
  weightedF1: z.number(),
  labels: z.array(z.string()),
  perClass: z.array(z.object({ label: z.string(), precision: z.number(), recall: z.number(), f1: z.number(), support: z.number() })),
  confusion: z.array(z.array(z.number())),
});
const ZVersion = z.object({
  id: z.uuid(),
  task: z.string(),
  version: z.number().int(),
  source: z.enum(['shipped', 'retrain', 'upload']),
  status: z.enum(['active', 'inactive', 'rejected']),
  sha256: z.string(),
  labels: z.array(z.string()),
  metrics: ZMetrics,
  comparedWith: ZMetrics.nullable(),
  decision: z.string(),
  trainedOn: z.record(z.string(), z.number()),
  trainingMs: z.number().nullable(),
  createdAt: z.string(),
  activatedAt: z.string().nullable(),
});
const ZCorrectionCreate = z.strictObject({
  task: ZTask,
  subjectType: z.string().trim().min(1).max(64),
  subjectId: z.string().trim().min(1).max(200),
  text: z.string().trim().min(1).max(20000),
  label: z.string().trim().min(1).max(64),
  previousLabel: z.string().trim().max(64).nullish(),
});

export function classifiersRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['classifiers'];
    app.get(
      '/api/classifiers',
      {
        schema: {
          tags,
          summary: 'Các mô hình phân loại: phiên bản đang dùng, nhãn đã sửa (quản trị viên)',
          response: {
            200: z.object({
              items: z.array(z.object({ task: z.string(), active: ZVersion.nullable(), usingShippedFile: z.boolean(), canRetrain: z.boolean(), corrections: z.number(), newCorrections: z.number() })),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => ({ items: await service.overview(ctx.db, actorOf(req)) }),
    );
    app.get(
      '/api/classifiers/versions',
      { schema: { tags, summary: 'Lịch sử phiên bản mô hình và chỉ số', querystring: z.strictObject({ task: ZTask.optional() }), response: { 200: z.object({ items: z.array(ZVersion) }), ...errorResponses } } },
      async (req) => ({ items: await service.listVersions(ctx.db, actorOf(req), req.query.task) }),
    );
    app.post(
      '/api/classifiers/versions/:id/activate',
      { schema: { tags, summary: 'Dùng lại một phiên bản (khôi phục)', params: ZIdParams, response: { 200: z.object({ version: ZVersion }), ...errorResponses } } },
      async (req) => ({ version: await service.activateVersion(ctx.db, actorOf(req), req.params.id) }),
    );
    app.post(
      '/api/classifiers/:task/retrain',
      {
        schema: {
          tags,
          summary: 'Huấn luyện lại với các nhãn đã sửa (chạy nền)',
          params: z.strictObject({ task: ZTask }),
          body: z.strictObject({ tolerance: z.number().min(0).max(0.2).default(0) }).default({ tolerance: 0 }),
          response: { 202: z.object({ queued: z.literal(true) }), ...errorResponses },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        if (!service.classifiersPolicy.manageModels(actor)) throw forbidden();
        const tasks = await service.knownTasks(ctx.db, actor.tenantId);
        if (!tasks.includes(req.params.task)) throw new AppError('not_found', `Không có tác vụ phân loại "${req.params.task}".`);
        await ctx.db.transaction(async (tx) => {
          await enqueueJob(tx, retrainJob, { tenantId: actor.tenantId, task: req.params.task, tolerance: req.body.tolerance }, { dedupeKey: `retrain:${actor.tenantId}:${req.params.task}` });
          await writeAudit(tx, actor, { action: 'model_version.retrain_requested', entityType: 'classifier', entityId: req.params.task, after: { tolerance: req.body.tolerance } });
        });
        return reply.status(202).send({ queued: true });
      },
    );
    app.post(
      '/api/classifiers/corrections',
      { schema: { tags, summary: 'Sửa nhãn của một văn bản (lưu để huấn luyện lại)', body: ZCorrectionCreate, response: { 201: z.object({ id: z.uuid() }), ...errorResponses } } },
      async (req, reply) => reply.status(201).send(await service.recordCorrection(ctx.db, actorOf(req), req.body)),
    );
    app.get(
      '/api/classifiers/corrections',
      {
        schema: {
          tags,
          summary: 'Các nhãn đã sửa',
          querystring: z.strictObject({
            task: ZTask.optional(),
            page: z.coerce.number().int().min(1).max(100000).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: {
            200: z.object({
              total: z.number(),
              items: z.array(z.object({ id: z.uuid(), task: z.string(), subjectType: z.string(), subjectId: z.string(), text: z.string(), label: z.string(), previousLabel: z.string().nullable(), updatedAt: z.string() })),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => service.listCorrections(ctx.db, actorOf(req), req.query),
    );
    app.post(
      '/api/classifiers/:task/classify',
      {
        schema: {
          tags,
          summary: 'Phân loại thử một văn bản, kèm các cụm từ quyết định',
          params: z.strictObject({ task: ZTask }),
          body: z.strictObject({ text: z.string().trim().min(1).max(20000) }),
          response: {
            200: z.object({
              label: z.string(),
              scores: z.record(z.string(), z.number()),
              evidence: z.array(z.object({ ngram: z.string(), weight: z.number() })),
              version: z.number().nullable(),
              source: z.string(),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const model = await service.classifierFor(ctx.db, actor.tenantId, req.params.task);
        if (!model) throw new AppError('not_found', `Không có mô hình cho tác vụ "${req.params.task}".`);
        const ex = model.classifier.explain(req.body.text, 10);
        return { label: ex.label, scores: ex.scores, evidence: ex.evidence, version: model.version, source: model.source };
      },
    );
  };
}
