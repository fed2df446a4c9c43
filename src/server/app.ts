import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from './platform/context.ts';
import { installErrorHandling, sendError } from './platform/http.ts';
import { accountsRoutes, SESSION_COOKIE } from './modules/accounts/accounts.routes.ts';
import { actorFor, authenticateApiToken, authenticateSession, csrfMatches } from './modules/accounts/accounts.service.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { directoryRoutes } from './modules/directory/directory.routes.ts';
import { plansRoutes } from './modules/plans/plans.routes.ts';
import { filesRoutes } from './modules/files/files.routes.ts';
import { classifiersRoutes } from './modules/classifiers/classifiers.routes.ts';

export const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export interface BuildAppOptions {
  /** pino options or false; tests pass false. */
  logger?: boolean | object;
  /** Serve the built SPA from dist/web when it exists. */
  serveWeb?: boolean;
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function buildApp(ctx: AppContext, opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? { level: ctx.config.logLevel },
    bodyLimit: 1024 * 1024,
    trustProxy: process.env.TRUST_PROXY === 'true',
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{8,64}$/.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const spa = opts.serveWeb !== false && fs.existsSync(path.join(webRoot, 'index.html'));
  // Client-side routes (/directory/…, /public/…) get the SPA shell; unknown /api paths stay JSON 404s.
  installErrorHandling(
    app,
    spa
      ? (req, reply) => {
          if (req.method === 'GET' && !req.url.startsWith('/api/') && (req.headers.accept ?? '').includes('text/html')) {
            return reply.type('text/html').sendFile('index.html');
          }
          return sendError(reply, 'not_found', `Không có địa chỉ ${req.method} ${req.url.split('?')[0]}.`);
        }
      : undefined,
  );

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  await app.register(helmet, {
    // HSTS and upgrade-insecure-requests only make sense behind HTTPS; a LAN deployment on plain HTTP must still load.
    hsts: ctx.config.cookieSecure,
    contentSecurityPolicy: {
      directives: {
        upgradeInsecureRequests: ctx.config.cookieSecure ? [] : null,
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) => ({
      statusCode: 429,
      error: { code: 'rate_limited', message: `Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau ${Math.ceil(context.ttl / 1000)} giây.`, details: null },
    }),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Đồng Thuận API', description: 'API của nền tảng truyền thông chính sách Đồng Thuận', version: '0.1.0' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  // Authentication: a session cookie (browser, with a CSRF token on writes) or a bearer API token (integrations).
  app.decorateRequest('actor', null);
  app.decorateRequest('authMethod', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('preValidation', async (req, reply) => {
    const url = req.routeOptions.url;
    if (!url || !url.startsWith('/api/') || url.startsWith('/api/docs')) return;
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const found = await authenticateApiToken(ctx.db, header.slice(7).trim());
      if (found) {
        req.actor = await actorFor(ctx.db, found.user, req.id);
        req.authMethod = 'token';
      }
    } else {
      const token = req.cookies[SESSION_COOKIE];
      const found = token ? await authenticateSession(ctx.db, token) : null;
      if (found) {
        req.actor = await actorFor(ctx.db, found.user, req.id);
        req.authMethod = 'session';
        req.csrfToken = found.session.csrfToken;
        const given = req.headers['x-csrf-token'];
        if (unsafeMethods.has(req.method) && !csrfMatches(found.session.csrfToken, typeof given === 'string' ? given : undefined)) {
          // Logging in again or out must work even from a stale tab.
          if (!req.routeOptions.config.public) {
            return sendError(reply, 'csrf_failed', 'Thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF). Hãy tải lại trang rồi thử lại.');
          }
        }
      }
    }
    if (!req.actor && !req.routeOptions.config.public) {
      return sendError(reply, 'unauthenticated', 'Bạn cần đăng nhập để dùng chức năng này.');
    }
  });

  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: { tags: ['system'], summary: 'Tình trạng hệ thống', response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) } },
    },
    async () => {
      await ctx.db.execute(sql`select 1`);
      return { status: 'ok' as const, database: ctx.database.kind };
    },
  );
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  await app.register(accountsRoutes(ctx));
  await app.register(directoryRoutes(ctx));
  await app.register(auditRoutes(ctx));
  await app.register(plansRoutes(ctx));
  await app.register(filesRoutes(ctx));
  await app.register(classifiersRoutes(ctx));

  if (spa) await app.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: false, index: ['index.html'] });
  return app;
}
