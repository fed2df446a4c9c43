import { randomBytes, createHash, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { AppError } from './errors.ts';

// argon2id with OWASP's recommended floor (19 MiB, 2 passes).
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal which emails exist. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

export function checkPasswordStrength(password: string, email?: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError('validation_failed', `Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`, { field: 'password' });
  }
  if (password.length > 256) throw new AppError('validation_failed', 'Mật khẩu quá dài (tối đa 256 ký tự).', { field: 'password' });
  if (email && password.toLowerCase().includes(email.split('@')[0]!.toLowerCase())) {
    throw new AppError('validation_failed', 'Mật khẩu không được chứa tên đăng nhập.', { field: 'password' });
  }
  if (new Set(password).size < 5) {
    throw new AppError('validation_failed', 'Mật khẩu quá đơn giản: hãy dùng nhiều ký tự khác nhau hơn.', { field: 'password' });
  }
}

/** A readable one-time password: 4 groups of 4 from an alphabet without look-alikes (≈ 82 bits). */
export function generateTemporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  let out = '';
  for (let i = 0; i < 16; i++) {
    if (i > 0 && i % 4 === 0) out += '-';
    out += alphabet[bytes[i]! % alphabet.length];
  }
  return out;
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Session ids and API tokens are high-entropy, so a fast hash is enough to store them safely. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}
