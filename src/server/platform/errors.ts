/** The one error vocabulary of the product: every failure a caller can see is an AppError. */
export const errorStatus = {
  validation_failed: 400,
  invalid_json: 400,
  bad_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  duplicate: 409,
  stale_version: 409,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  too_many_attempts: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details ?? null;
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `Không tìm thấy ${what}.`);
export const forbidden = (message = 'Bạn không có quyền thực hiện thao tác này.') => new AppError('forbidden', message);
export const staleVersion = () =>
  new AppError(
    'stale_version',
    'Bản ghi đã được người khác thay đổi sau khi bạn mở. Hãy tải lại để xem bản mới nhất rồi sửa lại.',
  );
export const duplicate = (field: string, value: string) =>
  new AppError('duplicate', `Đã có bản ghi với ${field} "${value}".`, { field, value });
