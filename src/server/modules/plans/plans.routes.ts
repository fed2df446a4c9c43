import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf, errorResponses } from '../../platform/http.ts';
import { ZIdParams, ZOk } from '../accounts/accounts.schemas.ts';
import { importPlanFile } from './plans.import.ts';
import {
  ZCalendarItem,
  ZCalendarQuery,
  ZImport,
  ZImportUpdate,
  ZPlanDetail,
  ZPlanSummary,
  ZPlanUpdate,
  ZTask,
  ZTaskQuery,
  ZTaskUpdate,
  ZTaskUpdateCreate,
  ZVersionBody,
} from './plans.schemas.ts';
import { planToDocx, planToXlsx } from './plans.export.ts';
import * as plansService from './plans.service.ts';
import { todayIso } from '../../platform/dbutil.ts';

export function plansRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['plans'];
    // Plan documents are uploaded as the raw file body (no multipart): the name travels in the query.
    app.addContentTypeParser(
      ['application/octet-stream', 'application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'text/plain'],
      { parseAs: 'buffer', bodyLimit: ctx.config.maxUploadBytes + 1 },
      (_req, body, done) => done(null, body),
    );

    app.post(
      '/api/plan-imports',
      {
        bodyLimit: ctx.config.maxUploadBytes + 1,
        schema: {
          tags,
          summary: 'Tải lên văn bản kế hoạch (.txt, .docx, .pdf) để rà soát',
          querystring: z.strictObject({ fileName: z.string().trim().min(1).max(255) }),
          response: { 201: z.object({ import: ZImport }), ...errorResponses },
        },
      },
      async (req, reply) => {
        if (!Buffer.isBuffer(req.body)) throw new AppError('unsupported_media_type', 'Hãy gửi nội dung tệp (application/octet-stream).');
        const created = await importPlanFile(ctx, actorOf(req), req.query.fileName, req.body);
        return reply.status(201).send({ import: created });
      },
    );
    app.get(
      '/api/plan-imports',
      {
        schema: {
          tags,
          summary: 'Các bản nhập kế hoạch',
          response: {
            200: z.object({
              items: z.array(z.object({ id: z.uuid(), fileName: z.string(), status: z.string(), title: z.string(), planId: z.uuid().nullable(), createdAt: z.string(), version: z.number() })),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => ({ items: await plansService.listImports(ctx.db, actorOf(req)) }),
    );
    app.get(
      '/api/plan-imports/:id',
      { schema: { tags, summary: 'Bản nhập để rà soát', params: ZIdParams, response: { 200: z.object({ import: ZImport }), ...errorResponses } } },
      async (req) => ({ import: await plansService.getImport(ctx.db, actorOf(req), req.params.id) }),
    );
    app.patch(
      '/api/plan-imports/:id',
      { schema: { tags, summary: 'Sửa bản rà soát', params: ZIdParams, body: ZImportUpdate, response: { 200: z.object({ import: ZImport }), ...errorResponses } } },
      async (req) => ({ import: await plansService.updateImportDraft(ctx.db, actorOf(req), req.params.id, req.body.version, req.body.draft) }),
    );
    app.post(
      '/api/plan-imports/:id/publish',
      {
        schema: { tags, summary: 'Công bố kế hoạch và giao nhiệm vụ', params: ZIdParams, body: ZVersionBody, response: { 201: z.object({ planId: z.uuid() }), ...errorResponses } },
      },
      async (req, reply) => {
        const plan = await plansService.publishImport(ctx.db, actorOf(req), req.params.id, req.body.version);
        return reply.status(201).send({ planId: plan.id });
      },
    );
    app.post(
      '/api/plan-imports/:id/discard',
      { schema: { tags, summary: 'Hủy bản nhập', params: ZIdParams, body: ZVersionBody, response: { 200: ZOk, ...errorResponses } } },
      async (req) => {
        await plansService.discardImport(ctx.db, actorOf(req), req.params.id, req.body.version);
        return { ok: true as const };
      },
    );

    app.get('/api/plans', { schema: { tags, summary: 'Danh sách kế hoạch', response: { 200: z.object({ items: z.array(ZPlanSummary) }), ...errorResponses } } }, async (req) => ({
      items: await plansService.listPlans(ctx.db, actorOf(req)),
    }));
    app.get(
      '/api/plans/:id',
      { schema: { tags, summary: 'Chi tiết kế hoạch, nhiệm vụ và tiến độ', params: ZIdParams, response: { 200: ZPlanDetail, ...errorResponses } } },
      async (req) => plansService.getPlan(ctx.db, actorOf(req), req.params.id),
    );
    app.patch(
      '/api/plans/:id',
      { schema: { tags, summary: 'Sửa kế hoạch (liên kết kế hoạch cấp trên, đóng)', params: ZIdParams, body: ZPlanUpdate, response: { 200: ZOk, ...errorResponses } } },
      async (req) => {
        await plansService.updatePlan(ctx.db, actorOf(req), req.params.id, req.body);
        return { ok: true as const };
      },
    );

    app.get(
      '/api/plans/:id/export',
      {
        schema: {
          tags,
          summary: 'Xuất kế hoạch kèm tình hình thực hiện (DOCX theo Nghị định 30/2020, hoặc XLSX)',
          params: ZIdParams,
          querystring: z.strictObject({ format: z.enum(['docx', 'xlsx']) }),
          response: { 200: z.any().describe('Tệp DOCX hoặc XLSX'), ...errorResponses },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const plan = await plansService.getPlan(ctx.db, actor, req.params.id);
        const today = todayIso();
        const base = `ke-hoach-${(plan.number ?? plan.id).replace(/[^\p{L}\p{N}-]+/gu, '-')}`;
        if (req.query.format === 'xlsx') {
          reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
          reply.header('content-disposition', `attachment; filename="${encodeURIComponent(base)}.xlsx"`);
          return reply.send(await planToXlsx(plan, today));
        }
        reply.header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
        reply.header('content-disposition', `attachment; filename="${encodeURIComponent(base)}.docx"`);
        return reply.send(await planToDocx(plan, today, plan.issuer ?? 'Cơ quan chủ trì'));
      },
    );

    app.get(
      '/api/tasks',
      { schema: { tags, summary: 'Nhiệm vụ (lọc theo kế hoạch, cơ quan, của tôi, quá hạn)', querystring: ZTaskQuery, response: { 200: z.object({ items: z.array(ZTask) }), ...errorResponses } } },
      async (req) => ({
        items: await plansService.listTasks(ctx.db, actorOf(req), {
          planId: req.query.planId,
          agencyId: req.query.agencyId,
          mine: req.query.mine === 'true',
          overdue: req.query.overdue === 'true',
        }),
      }),
    );
    app.get(
      '/api/tasks/:id',
      {
        schema: {
          tags,
          summary: 'Chi tiết nhiệm vụ và các lần báo cáo tiến độ',
          params: ZIdParams,
          response: { 200: z.object({ task: ZTask, updates: z.array(ZTaskUpdate), reportableAgencyIds: z.array(z.uuid()) }), ...errorResponses },
        },
      },
      async (req) => plansService.getTask(ctx.db, actorOf(req), req.params.id),
    );
    app.post(
      '/api/tasks/:id/updates',
      { schema: { tags, summary: 'Báo cáo tiến độ nhiệm vụ', params: ZIdParams, body: ZTaskUpdateCreate, response: { 201: z.object({ id: z.uuid() }), ...errorResponses } } },
      async (req, reply) => reply.status(201).send(await plansService.addTaskUpdate(ctx.db, actorOf(req), req.params.id, req.body)),
    );
    app.get(
      '/api/calendar',
      { schema: { tags, summary: 'Lịch các mốc hạn nhiệm vụ', querystring: ZCalendarQuery, response: { 200: z.object({ items: z.array(ZCalendarItem) }), ...errorResponses } } },
      async (req) => ({ items: await plansService.calendar(ctx.db, actorOf(req), req.query) }),
    );
  };
}
