import { AppError, duplicate } from './errors.ts';

function pgCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Turns database constraint violations into the product's errors; anything else passes through. */
export function mapDbError(err: unknown, uniqueField?: { field: string; value: string }): never {
  const code = pgCode(err);
  if (code === '23505') {
    throw uniqueField ? duplicate(uniqueField.field, uniqueField.value) : new AppError('duplicate', 'Bản ghi đã tồn tại.');
  }
  if (code === '23503') throw new AppError('conflict', 'Bản ghi đang được tham chiếu hoặc tham chiếu tới bản ghi không tồn tại.');
  throw err;
}

export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
