import { randomUUID } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { systemActor } from '../../src/server/platform/actor.ts';
import { createUser } from '../../src/server/modules/accounts/accounts.service.ts';
import type { Role } from '../../src/server/modules/accounts/accounts.tables.ts';
import { createAgency, createPerson } from '../../src/server/modules/directory/directory.service.ts';
import type { TAgencyCreate, TPersonCreate } from '../../src/server/modules/directory/directory.schemas.ts';
import type { TestApp } from './context.ts';

const unique = () => randomUUID().slice(0, 8);

export async function buildAgency(t: TestApp, overrides: Partial<TAgencyCreate> = {}) {
  const id = unique();
  return createAgency(t.ctx.db, systemActor(t.tenantId), { code: `co-quan-${id}`, name: `Sở Thử nghiệm ${id}`, kind: 'department', ...overrides });
}

export async function buildPerson(t: TestApp, agencyId: string, overrides: Partial<TPersonCreate> = {}) {
  return createPerson(t.ctx.db, systemActor(t.tenantId), { agencyId, fullName: `Nguyễn Văn ${unique()}`, title: 'Chuyên viên', roles: [], ...overrides });
}

export const TEST_PASSWORD = 'Mật-khẩu-thử-2026!';

export async function buildUser(t: TestApp, role: Role, opts: { agencyId?: string | null; includeChildren?: boolean; email?: string } = {}) {
  const email = opts.email ?? `${role}.${unique()}@example.vn`;
  const { user } = await createUser(
    t.ctx.db,
    systemActor(t.tenantId),
    { email, fullName: `Người dùng ${role}`, role, agencyId: opts.agencyId ?? null, includeChildren: opts.includeChildren ?? false },
    TEST_PASSWORD,
  );
  return user;
}

/** A signed-in client: its requests carry the session cookie and the CSRF token. */
export interface Client {
  cookie: string;
  csrf: string;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
}

export async function login(t: TestApp, email: string, password = TEST_PASSWORD): Promise<Client> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const raw = Array.isArray(setCookie) ? setCookie[0]! : setCookie!;
  const cookie = raw.split(';')[0]!;
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return {
    cookie,
    csrf,
    request: (opts) =>
      t.app.inject({ ...opts, headers: { cookie, 'x-csrf-token': csrf, ...(opts.headers ?? {}) } } as InjectOptions),
  };
}

export async function loginAs(t: TestApp, role: Role, opts: { agencyId?: string | null; includeChildren?: boolean } = {}) {
  const user = await buildUser(t, role, opts);
  return { user, client: await login(t, user.email) };
}
