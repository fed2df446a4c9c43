import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { actorOf, errorResponses } from '../../platform/http.ts';
import {
  ZApiToken,
  ZAuthResponse,
  ZChangePassword,
  ZIdParams,
  ZLogin,
  ZOk,
  ZTokenCreate,
  ZUser,
  ZUserCreate,
  ZUserUpdate,
} from './accounts.schemas.ts';
import * as accounts from './accounts.service.ts';

export const SESSION_COOKIE = 'dt_session';

export function sessionTokenOf(req: FastifyRequest): string | undefined {
  return req.cookies[SESSION_COOKIE];
}

export function accountsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const setCookie = (reply: FastifyReply, token: string, expires: Date) =>
      reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: ctx.config.cookieSecure, path: '/', expires });

    app.post(
      '/api/auth/login',
      {
        config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
        schema: { tags: ['auth'], summary: 'Đăng nhập', body: ZLogin, response: { 200: ZAuthResponse, ...errorResponses } },
      },
      async (req, reply) => {
        const result = await accounts.login(ctx.db, {
          email: req.body.email,
          password: req.body.password,
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? null,
          ttlMs: ctx.config.sessionTtlMs,
        });
        setCookie(reply, result.sessionToken, result.expiresAt);
        return { user: result.user, csrfToken: result.csrfToken };
      },
    );

    app.post(
      '/api/auth/logout',
      { config: { public: true }, schema: { tags: ['auth'], summary: 'Đăng xuất', response: { 200: ZOk, ...errorResponses } } },
      async (req, reply) => {
        const token = sessionTokenOf(req);
        if (token) await accounts.logout(ctx.db, token);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    );

    app.get('/api/auth/me', { schema: { tags: ['auth'], summary: 'Người dùng hiện tại', response: { 200: ZAuthResponse, ...errorResponses } } }, async (req) => {
      return { user: await accounts.me(ctx.db, actorOf(req)), csrfToken: req.csrfToken ?? '' };
    });

    app.post(
      '/api/auth/password',
      { schema: { tags: ['auth'], summary: 'Đổi mật khẩu', body: ZChangePassword, response: { 200: ZOk, ...errorResponses } } },
      async (req) => {
        await accounts.changePassword(ctx.db, actorOf(req), req.body.currentPassword, req.body.newPassword, sessionTokenOf(req));
        return { ok: true as const };
      },
    );

    app.get('/api/users', { schema: { tags: ['users'], summary: 'Danh sách người dùng', response: { 200: z.object({ items: z.array(ZUser) }), ...errorResponses } } }, async (req) => ({
      items: await accounts.listUsers(ctx.db, actorOf(req)),
    }));

    app.post(
      '/api/users',
      {
        schema: {
          tags: ['users'],
          summary: 'Tạo người dùng (mật khẩu dùng một lần)',
          body: ZUserCreate,
          response: { 201: z.object({ user: ZUser, temporaryPassword: z.string() }), ...errorResponses },
        },
      },
      async (req, reply) => {
        const result = await accounts.createUser(ctx.db, actorOf(req), req.body);
        return reply.status(201).send({ user: result.user, temporaryPassword: result.temporaryPassword! });
      },
    );

    app.patch(
      '/api/users/:id',
      { schema: { tags: ['users'], summary: 'Sửa người dùng', params: ZIdParams, body: ZUserUpdate, response: { 200: z.object({ user: ZUser }), ...errorResponses } } },
      async (req) => ({ user: await accounts.updateUser(ctx.db, actorOf(req), req.params.id, req.body) }),
    );

    app.post(
      '/api/users/:id/reset-password',
      {
        schema: {
          tags: ['users'],
          summary: 'Cấp lại mật khẩu dùng một lần',
          params: ZIdParams,
          response: { 200: z.object({ temporaryPassword: z.string() }), ...errorResponses },
        },
      },
      async (req) => ({ temporaryPassword: await accounts.resetPassword(ctx.db, actorOf(req), req.params.id) }),
    );

    app.get('/api/tokens', { schema: { tags: ['tokens'], summary: 'API token của tôi', response: { 200: z.object({ items: z.array(ZApiToken) }), ...errorResponses } } }, async (req) => ({
      items: await accounts.listTokens(ctx.db, actorOf(req)),
    }));

    app.post(
      '/api/tokens',
      {
        schema: { tags: ['tokens'], summary: 'Tạo API token (hiện một lần)', body: ZTokenCreate, response: { 201: z.object({ token: z.string(), item: ZApiToken }), ...errorResponses } },
      },
      async (req, reply) => reply.status(201).send(await accounts.createToken(ctx.db, actorOf(req), req.body.name)),
    );

    app.delete(
      '/api/tokens/:id',
      { schema: { tags: ['tokens'], summary: 'Thu hồi API token', params: ZIdParams, response: { 200: ZOk, ...errorResponses } } },
      async (req) => {
        await accounts.revokeToken(ctx.db, actorOf(req), req.params.id);
        return { ok: true as const };
      },
    );
  };
}
