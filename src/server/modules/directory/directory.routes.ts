import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { actorOf, errorResponses } from '../../platform/http.ts';
import { ZIdParams, ZOk } from '../accounts/accounts.schemas.ts';
import {
  ZAgency,
  ZAgencyCreate,
  ZAgencyDetail,
  ZAgencyListQuery,
  ZAgencyUpdate,
  ZGroup,
  ZGroupCreate,
  ZGroupUpdate,
  ZPeopleQuery,
  ZPerson,
  ZPersonCreate,
  ZPersonUpdate,
  ZPublicSpokespersons,
  ZResolveQuery,
  ZResolveResult,
  ZSuccessionCreate,
} from './directory.schemas.ts';
import * as directory from './directory.service.ts';

export function directoryRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['directory'];
    app.get(
      '/api/agencies',
      { schema: { tags, summary: 'Danh sách cơ quan (tìm không dấu)', querystring: ZAgencyListQuery, response: { 200: z.object({ items: z.array(ZAgency) }), ...errorResponses } } },
      async (req) => ({
        items: await directory.listAgencies(ctx.db, actorOf(req), { ...req.query, includeFormer: req.query.includeFormer === 'true' }),
      }),
    );
    app.get(
      '/api/agencies/:id',
      { schema: { tags, summary: 'Chi tiết cơ quan', params: ZIdParams, response: { 200: ZAgencyDetail, ...errorResponses } } },
      async (req) => directory.getAgencyDetail(ctx.db, actorOf(req), req.params.id),
    );
    app.post(
      '/api/agencies',
      { schema: { tags, summary: 'Thêm cơ quan', body: ZAgencyCreate, response: { 201: z.object({ agency: ZAgency }), ...errorResponses } } },
      async (req, reply) => reply.status(201).send({ agency: await directory.createAgency(ctx.db, actorOf(req), req.body) }),
    );
    app.patch(
      '/api/agencies/:id',
      { schema: { tags, summary: 'Sửa cơ quan', params: ZIdParams, body: ZAgencyUpdate, response: { 200: z.object({ agency: ZAgency }), ...errorResponses } } },
      async (req) => ({ agency: await directory.updateAgency(ctx.db, actorOf(req), req.params.id, req.body) }),
    );
    app.post(
      '/api/agencies/:id/successors',
      { schema: { tags, summary: 'Thêm cơ quan kế thừa', params: ZIdParams, body: ZSuccessionCreate, response: { 201: ZOk, ...errorResponses } } },
      async (req, reply) => {
        await directory.addSuccession(ctx.db, actorOf(req), req.params.id, req.body);
        return reply.status(201).send({ ok: true as const });
      },
    );
    app.delete(
      '/api/agencies/:id/successors/:successorId',
      {
        schema: { tags, summary: 'Xóa liên kết kế thừa', params: z.strictObject({ id: z.uuid(), successorId: z.uuid() }), response: { 200: ZOk, ...errorResponses } },
      },
      async (req) => {
        await directory.removeSuccession(ctx.db, actorOf(req), req.params.id, req.params.successorId);
        return { ok: true as const };
      },
    );

    app.get('/api/agency-groups', { schema: { tags, summary: 'Nhóm cơ quan', response: { 200: z.object({ items: z.array(ZGroup) }), ...errorResponses } } }, async (req) => ({
      items: await directory.listGroups(ctx.db, actorOf(req)),
    }));
    app.post(
      '/api/agency-groups',
      { schema: { tags, summary: 'Thêm nhóm cơ quan', body: ZGroupCreate, response: { 201: z.object({ group: ZGroup }), ...errorResponses } } },
      async (req, reply) => reply.status(201).send({ group: await directory.createGroup(ctx.db, actorOf(req), req.body) }),
    );
    app.patch(
      '/api/agency-groups/:id',
      { schema: { tags, summary: 'Sửa nhóm cơ quan', params: ZIdParams, body: ZGroupUpdate, response: { 200: z.object({ group: ZGroup }), ...errorResponses } } },
      async (req) => ({ group: await directory.updateGroup(ctx.db, actorOf(req), req.params.id, req.body) }),
    );

    app.get(
      '/api/people',
      { schema: { tags, summary: 'Người trong mạng lưới truyền thông', querystring: ZPeopleQuery, response: { 200: z.object({ items: z.array(ZPerson) }), ...errorResponses } } },
      async (req) => ({ items: await directory.listPeople(ctx.db, actorOf(req), req.query) }),
    );
    app.post(
      '/api/people',
      { schema: { tags, summary: 'Thêm người', body: ZPersonCreate, response: { 201: z.object({ person: ZPerson }), ...errorResponses } } },
      async (req, reply) => reply.status(201).send({ person: await directory.createPerson(ctx.db, actorOf(req), req.body) }),
    );
    app.patch(
      '/api/people/:id',
      { schema: { tags, summary: 'Sửa người', params: ZIdParams, body: ZPersonUpdate, response: { 200: z.object({ person: ZPerson }), ...errorResponses } } },
      async (req) => ({ person: await directory.updatePerson(ctx.db, actorOf(req), req.params.id, req.body) }),
    );
    app.delete(
      '/api/people/:id',
      {
        schema: {
          tags,
          summary: 'Xóa người',
          params: ZIdParams,
          querystring: z.strictObject({ version: z.coerce.number().int().positive() }),
          response: { 200: ZOk, ...errorResponses },
        },
      },
      async (req) => {
        await directory.deletePerson(ctx.db, actorOf(req), req.params.id, req.query.version);
        return { ok: true as const };
      },
    );

    app.get(
      '/api/resolve',
      { schema: { tags, summary: 'Nhận diện tên cơ quan trong văn bản', querystring: ZResolveQuery, response: { 200: ZResolveResult, ...errorResponses } } },
      async (req) => directory.resolveMention(ctx.db, actorOf(req), req.query.text),
    );

    app.get(
      '/api/public/spokespersons',
      {
        config: { public: true, rateLimit: { max: 120, timeWindow: '1 minute' } },
        schema: { tags: ['public'], summary: 'Danh sách người phát ngôn (công khai, Nghị định 09/2017)', response: { 200: ZPublicSpokespersons, ...errorResponses } },
      },
      async () => directory.publicSpokespersons(ctx.db, ctx.tenantId()),
    );
  };
}
