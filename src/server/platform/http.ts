import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';

// Zod's own messages in Vietnamese; schemas add their own where a field needs a clearer one.
z.config(z.locales.vi());
import { AppError, errorStatus, type ErrorCode } from './errors.ts';
import type { Actor } from './actor.ts';

export const ZErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }),
});

/** Standard error responses every route documents. */
export const errorResponses = {
  400: ZErrorBody,
  401: ZErrorBody,
  403: ZErrorBody,
  404: ZErrorBody,
  409: ZErrorBody,
  429: ZErrorBody,
} as const;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    authMethod: 'session' | 'token' | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** Routes that answer without a session (login, health, public pages). */
    public?: boolean;
  }
}

export function sendError(reply: FastifyReply, code: ErrorCode, message: string, details: unknown = null) {
  return reply.status(errorStatus[code]).send({ error: { code, message, details } });
}

export function installErrorHandling(app: FastifyInstance, fallback?: (req: FastifyRequest, reply: FastifyReply) => unknown): void {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      if (err.status >= 500) request.log.error({ err }, 'app error');
      return sendError(reply, err.code, err.message, err.details);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => {
        const where = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
        const keys = (v.params as { keys?: string[] }).keys;
        return {
          path: keys?.length ? keys.join(', ') : where,
          code: v.keyword,
          message: `${where ? `Trường "${where}"` : 'Dữ liệu'}: ${v.message}`,
        };
      });
      return sendError(reply, 'validation_failed', `Dữ liệu gửi lên không hợp lệ. ${issues.map((i) => i.message).join('; ')}`, {
        in: err.validationContext,
        issues,
      });
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
      return sendError(reply, 'internal', 'Lỗi hệ thống. Vui lòng thử lại sau hoặc báo cho quản trị viên.', { requestId: request.id });
    }
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendError(reply, 'invalid_json', 'Nội dung gửi lên không phải JSON hợp lệ.');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendError(reply, 'payload_too_large', 'Nội dung gửi lên quá lớn.');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendError(reply, 'unsupported_media_type', 'Kiểu nội dung (Content-Type) không được hỗ trợ.');
      case 'FST_ERR_VALIDATION':
        return sendError(reply, 'validation_failed', 'Dữ liệu gửi lên không hợp lệ.', { message: err.message });
    }
    if (err.statusCode === 429) {
      return sendError(reply, 'rate_limited', 'Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.');
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendError(reply, 'bad_request', 'Yêu cầu không hợp lệ.', { message: err.message });
    }
    request.log.error({ err }, 'unexpected error');
    return sendError(reply, 'internal', 'Lỗi hệ thống. Vui lòng thử lại sau hoặc báo cho quản trị viên.', { requestId: request.id });
  });

  app.setNotFoundHandler((request, reply) => {
    if (fallback) return fallback(request, reply);
    return sendError(reply, 'not_found', `Không có địa chỉ ${request.method} ${request.url.split('?')[0]}.`);
  });
}

/** The actor of a request whose route is not public; the auth hook already answered 401 otherwise. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated', 'Bạn cần đăng nhập.');
  return request.actor;
}
