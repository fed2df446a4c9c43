import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Db, DbOrTx } from '../../platform/db.ts';
import { iso, mapDbError } from '../../platform/dbutil.ts';
import { AppError, notFound, staleVersion } from '../../platform/errors.ts';
import {
  checkPasswordStrength,
  dummyPasswordHash,
  generateTemporaryPassword,
  hashPassword,
  randomToken,
  safeEqual,
  sha256,
  verifyPassword,
} from '../../platform/passwords.ts';
import { tenants } from '../../platform/platform.tables.ts';
import { agencies } from '../directory/directory.tables.ts';
import { agencySubtreeIds } from '../directory/directory.service.ts';
import { accountsPolicy, authorize } from './accounts.policy.ts';
import type { TUser, TUserCreate, TUserUpdate } from './accounts.schemas.ts';
import { apiTokens, sessions, users, type Role } from './accounts.tables.ts';

type UserRow = typeof users.$inferSelect;

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;
export const TOKEN_PREFIX = 'dtk_';

export function presentUser(row: UserRow, agencyName: string | null): TUser {
  return {
    id: row.id,
    email: row.email,
    fullName: row.fullName,
    role: row.role,
    agencyId: row.agencyId,
    agencyName,
    includeChildren: row.includeChildren,
    disabled: row.disabled,
    mustChangePassword: row.mustChangePassword,
    lastLoginAt: iso(row.lastLoginAt),
    createdAt: row.createdAt.toISOString(),
    version: row.version,
  };
}

async function agencyNameOf(db: DbOrTx, agencyId: string | null): Promise<string | null> {
  if (!agencyId) return null;
  const [a] = await db.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, agencyId));
  return a?.name ?? null;
}

export async function actorFor(db: DbOrTx, user: UserRow, requestId: string | null): Promise<Actor> {
  const scope =
    user.agencyId && user.includeChildren ? await agencySubtreeIds(db, user.tenantId, user.agencyId) : user.agencyId ? [user.agencyId] : [];
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    tenantId: user.tenantId,
    role: user.role,
    agencyId: user.agencyId,
    includeChildren: user.includeChildren,
    agencyScope: new Set(scope),
    requestId,
  };
}

// ---------------------------------------------------------------- tenants

export async function ensureTenant(db: DbOrTx, code: string, name: string): Promise<string> {
  const [existing] = await db.select().from(tenants).where(eq(tenants.code, code));
  if (existing) return existing.id;
  const [row] = await db.insert(tenants).values({ code, name }).returning();
  return row!.id;
}

export async function firstTenant(db: DbOrTx): Promise<{ id: string; code: string; name: string } | undefined> {
  const [row] = await db.select().from(tenants).orderBy(asc(tenants.createdAt)).limit(1);
  return row;
}

// ---------------------------------------------------------------- sessions

export interface LoginInput {
  email: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
  ttlMs: number;
}

export interface SessionResult {
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
  user: TUser;
}

const wrongCredentials = () => new AppError('invalid_credentials', 'Email hoặc mật khẩu không đúng.');

/**
 * Signs in. Five wrong passwords in a row lock the account for 15 minutes (429), whoever sends
 * them; the per-address rate limit on the route stops a sweep across many accounts.
 */
export async function login(db: Db, input: LoginInput): Promise<SessionResult> {
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${input.email.toLowerCase()}`);
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    throw wrongCredentials();
  }
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    const minutes = Math.ceil((user.lockedUntil.getTime() - Date.now()) / 60_000);
    throw new AppError('too_many_attempts', `Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau ${minutes} phút.`, {
      retryAfterSeconds: Math.ceil((user.lockedUntil.getTime() - Date.now()) / 1000),
    });
  }
  const ok = await verifyPassword(user.passwordHash, input.password);
  if (!ok) {
    const failed = user.failedAttempts + 1;
    const lock = failed >= MAX_FAILED_LOGINS;
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ failedAttempts: lock ? 0 : failed, lockedUntil: lock ? new Date(Date.now() + LOCKOUT_MS) : user.lockedUntil })
        .where(eq(users.id, user.id));
      const actor = await actorFor(tx, user, null);
      await writeAudit(tx, actor, { action: lock ? 'auth.lockout' : 'auth.login_failed', entityType: 'user', entityId: user.id });
    });
    if (lock) throw new AppError('too_many_attempts', 'Nhập sai mật khẩu quá nhiều lần. Tài khoản tạm khóa 15 phút.', { retryAfterSeconds: LOCKOUT_MS / 1000 });
    throw wrongCredentials();
  }
  if (user.disabled) throw new AppError('forbidden', 'Tài khoản đã bị vô hiệu hóa. Hãy liên hệ quản trị viên.');
  const sessionToken = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(Date.now() + input.ttlMs);
  const updated = await db.transaction(async (tx) => {
    await tx.insert(sessions).values({
      id: sha256(sessionToken),
      userId: user.id,
      tenantId: user.tenantId,
      csrfToken,
      expiresAt,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    });
    const [row] = await tx.update(users).set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: new Date() }).where(eq(users.id, user.id)).returning();
    await writeAudit(tx, await actorFor(tx, user, null), { action: 'auth.login', entityType: 'user', entityId: user.id });
    return row!;
  });
  return { sessionToken, csrfToken, expiresAt, user: presentUser(updated, await agencyNameOf(db, updated.agencyId)) };
}

export async function authenticateSession(db: Db, sessionToken: string) {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sha256(sessionToken)));
  if (!row || row.session.expiresAt < new Date() || row.user.disabled) return null;
  return row;
}

export async function authenticateApiToken(db: Db, token: string) {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const [row] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt)));
  if (!row || row.user.disabled) return null;
  // Last use is informative only; a lost update here is harmless.
  await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.token.id));
  return row;
}

export function csrfMatches(expected: string, given: string | undefined): boolean {
  return !!given && safeEqual(expected, given);
}

export async function logout(db: Db, sessionToken: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sha256(sessionToken)));
}

export async function me(db: Db, actor: Actor): Promise<TUser> {
  const user = await loadUser(db, actor.tenantId, actor.userId!);
  return presentUser(user, await agencyNameOf(db, user.agencyId));
}

export async function changePassword(db: Db, actor: Actor, currentPassword: string, newPassword: string, keepSessionToken?: string) {
  const user = await loadUser(db, actor.tenantId, actor.userId!);
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new AppError('validation_failed', 'Mật khẩu hiện tại không đúng.', { field: 'currentPassword' });
  }
  checkPasswordStrength(newPassword, user.email);
  if (currentPassword === newPassword) throw new AppError('validation_failed', 'Mật khẩu mới phải khác mật khẩu hiện tại.', { field: 'newPassword' });
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, version: sql`${users.version} + 1`, updatedAt: new Date() })
      .where(eq(users.id, user.id));
    // Other sessions end: a password change is how people lock out a thief.
    await tx.delete(sessions).where(and(eq(sessions.userId, user.id), keepSessionToken ? sql`${sessions.id} <> ${sha256(keepSessionToken)}` : sql`true`));
    await writeAudit(tx, actor, { action: 'user.password_change', entityType: 'user', entityId: user.id });
  });
}

// ---------------------------------------------------------------- users (admin)

async function loadUser(db: DbOrTx, tenantId: string, id: string): Promise<UserRow> {
  const [row] = await db.select().from(users).where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
  if (!row) throw notFound('người dùng');
  return row;
}

function checkRoleAgency(role: Role, agencyId: string | null | undefined): void {
  if ((role === 'agency_editor' || role === 'press') && !agencyId) {
    throw new AppError('validation_failed', 'Vai trò này cần gắn với một cơ quan.', { field: 'agencyId' });
  }
}

async function checkAgencyExists(db: DbOrTx, tenantId: string, agencyId: string | null | undefined) {
  if (!agencyId) return;
  const [a] = await db.select({ id: agencies.id }).from(agencies).where(and(eq(agencies.tenantId, tenantId), eq(agencies.id, agencyId)));
  if (!a) throw new AppError('validation_failed', 'Cơ quan không tồn tại.', { field: 'agencyId' });
}

export async function listUsers(db: Db, actor: Actor): Promise<TUser[]> {
  authorize(accountsPolicy.manageUsers(actor));
  const rows = await db
    .select({ user: users, agencyName: agencies.name })
    .from(users)
    .leftJoin(agencies, eq(agencies.id, users.agencyId))
    .where(eq(users.tenantId, actor.tenantId))
    .orderBy(asc(users.email));
  return rows.map((r) => presentUser(r.user, r.agencyName));
}

/** Creates an account with a one-time password that must be changed at first sign-in. */
export async function createUser(db: Db, actor: Actor, input: TUserCreate, password?: string): Promise<{ user: TUser; temporaryPassword: string | null }> {
  authorize(accountsPolicy.manageUsers(actor));
  checkRoleAgency(input.role, input.agencyId);
  if (password !== undefined) checkPasswordStrength(password, input.email);
  const temporaryPassword = password === undefined ? generateTemporaryPassword() : null;
  const passwordHash = await hashPassword(password ?? temporaryPassword!);
  return db.transaction(async (tx) => {
    await checkAgencyExists(tx, actor.tenantId, input.agencyId);
    const [row] = await tx
      .insert(users)
      .values({
        tenantId: actor.tenantId,
        email: input.email,
        fullName: input.fullName,
        role: input.role,
        agencyId: input.agencyId ?? null,
        includeChildren: input.includeChildren ?? false,
        passwordHash,
        mustChangePassword: password === undefined,
      })
      .returning()
      .catch((err) => mapDbError(err, { field: 'email', value: input.email }));
    const user = presentUser(row!, await agencyNameOf(tx, row!.agencyId));
    await writeAudit(tx, actor, { action: 'user.create', entityType: 'user', entityId: user.id, after: user });
    return { user, temporaryPassword };
  });
}

export async function updateUser(db: Db, actor: Actor, id: string, input: TUserUpdate): Promise<TUser> {
  authorize(accountsPolicy.manageUsers(actor));
  return db.transaction(async (tx) => {
    const existing = await loadUser(tx, actor.tenantId, id);
    const role = input.role ?? existing.role;
    const agencyId = input.agencyId !== undefined ? input.agencyId : existing.agencyId;
    checkRoleAgency(role, agencyId);
    await checkAgencyExists(tx, actor.tenantId, agencyId);
    if (id === actor.userId && (input.disabled || (input.role && input.role !== 'admin'))) {
      throw new AppError('validation_failed', 'Bạn không thể tự vô hiệu hóa hoặc bỏ quyền quản trị của chính mình.');
    }
    const [row] = await tx
      .update(users)
      .set({
        fullName: input.fullName ?? existing.fullName,
        role,
        agencyId,
        includeChildren: input.includeChildren ?? existing.includeChildren,
        disabled: input.disabled ?? existing.disabled,
        version: sql`${users.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(users.id, id), eq(users.version, input.version)))
      .returning();
    if (!row) throw staleVersion();
    if (row.disabled) await tx.delete(sessions).where(eq(sessions.userId, id));
    const before = presentUser(existing, await agencyNameOf(tx, existing.agencyId));
    const after = presentUser(row, await agencyNameOf(tx, row.agencyId));
    await writeAudit(tx, actor, { action: 'user.update', entityType: 'user', entityId: id, before, after });
    return after;
  });
}

export async function resetPassword(db: Db, actor: Actor, id: string): Promise<string> {
  authorize(accountsPolicy.manageUsers(actor));
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  await db.transaction(async (tx) => {
    await loadUser(tx, actor.tenantId, id);
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: true, failedAttempts: 0, lockedUntil: null, version: sql`${users.version} + 1`, updatedAt: new Date() })
      .where(eq(users.id, id));
    await tx.delete(sessions).where(eq(sessions.userId, id));
    await writeAudit(tx, actor, { action: 'user.password_reset', entityType: 'user', entityId: id });
  });
  return temporaryPassword;
}

export async function countUsers(db: DbOrTx, tenantId: string, role?: Role): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), role ? eq(users.role, role) : undefined));
  return row?.n ?? 0;
}

// ---------------------------------------------------------------- API tokens

function presentToken(row: typeof apiTokens.$inferSelect) {
  return { id: row.id, name: row.name, prefix: row.prefix, createdAt: row.createdAt.toISOString(), lastUsedAt: iso(row.lastUsedAt), revokedAt: iso(row.revokedAt) };
}

export async function listTokens(db: Db, actor: Actor) {
  authorize(accountsPolicy.manageOwnTokens(actor));
  const rows = await db.select().from(apiTokens).where(and(eq(apiTokens.tenantId, actor.tenantId), eq(apiTokens.userId, actor.userId!))).orderBy(asc(apiTokens.createdAt));
  return rows.map(presentToken);
}

/** The token is shown once; only its hash is kept. It acts with its owner's role and agency. */
export async function createToken(db: Db, actor: Actor, name: string) {
  authorize(accountsPolicy.manageOwnTokens(actor));
  const token = TOKEN_PREFIX + randomToken(32);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ tenantId: actor.tenantId, userId: actor.userId!, name, prefix: token.slice(0, 10), tokenHash: sha256(token) })
      .returning();
    const item = presentToken(row!);
    await writeAudit(tx, actor, { action: 'token.create', entityType: 'api_token', entityId: item.id, after: item });
    return { token, item };
  });
}

export async function revokeToken(db: Db, actor: Actor, id: string): Promise<void> {
  authorize(accountsPolicy.manageOwnTokens(actor));
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.tenantId, actor.tenantId), eq(apiTokens.userId, actor.userId!), isNull(apiTokens.revokedAt)))
      .returning();
    if (!row) throw notFound('API token');
    await writeAudit(tx, actor, { action: 'token.revoke', entityType: 'api_token', entityId: id, after: presentToken(row) });
  });
}
