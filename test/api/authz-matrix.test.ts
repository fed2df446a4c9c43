import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { InjectOptions } from 'fastify';
import { createTestApp, type TestApp } from '../helpers/context.ts';
import { buildAgency, buildPerson, buildUser, loginAs, type Client } from '../helpers/factories.ts';
import type { Role } from '../../src/server/modules/accounts/accounts.tables.ts';

/**
 * Every route of the API, who may call it, and proof that everyone else is refused:
 * 401 without a session, 403 for a role (or an agency) that must not use it. The list
 * is checked against the OpenAPI document, so a new route without a row here fails.
 */
type Fixture = { agencyId: string; otherAgencyId: string; personId: string; otherPersonId: string; userId: string; groupId: string; tokenId: string };
interface Row {
  method: InjectOptions['method'];
  path: string;
  url: (f: Fixture) => string;
  body?: (f: Fixture) => unknown;
  /** Roles that pass authorization; 'editor' is an agency editor of f.agencyId. */
  allowed: (Role | 'editor')[] | 'public';
}

const all: Row['allowed'] = ['admin', 'coordinator', 'agency_editor', 'editor', 'leader', 'press'];
const central: Row['allowed'] = ['admin', 'coordinator'];
const uuid0 = '00000000-0000-4000-8000-000000000000';

const matrix: Row[] = [
  { method: 'GET', path: '/api/health', url: () => '/api/health', allowed: 'public' },
  { method: 'POST', path: '/api/auth/login', url: () => '/api/auth/login', body: () => ({ email: 'khong@example.vn', password: 'x' }), allowed: 'public' },
  { method: 'POST', path: '/api/auth/logout', url: () => '/api/auth/logout', allowed: 'public' },
  { method: 'GET', path: '/api/public/spokespersons', url: () => '/api/public/spokespersons', allowed: 'public' },
  { method: 'GET', path: '/api/auth/me', url: () => '/api/auth/me', allowed: all },
  { method: 'POST', path: '/api/auth/password', url: () => '/api/auth/password', body: () => ({ currentPassword: 'sai', newPassword: 'khong-doi-gi-ca' }), allowed: all },
  { method: 'GET', path: '/api/users', url: () => '/api/users', allowed: ['admin'] },
  { method: 'POST', path: '/api/users', url: () => '/api/users', body: () => ({ email: `u${Math.random()}@example.vn`.replace('0.', ''), fullName: 'X', role: 'leader' }), allowed: ['admin'] },
  { method: 'PATCH', path: '/api/users/{id}', url: (f) => `/api/users/${f.userId}`, body: () => ({ version: 999 }), allowed: ['admin'] },
  { method: 'POST', path: '/api/users/{id}/reset-password', url: (f) => `/api/users/${f.userId}/reset-password`, allowed: ['admin'] },
  { method: 'GET', path: '/api/tokens', url: () => '/api/tokens', allowed: all },
  { method: 'POST', path: '/api/tokens', url: () => '/api/tokens', body: () => ({ name: 'ma trận' }), allowed: all },
  { method: 'DELETE', path: '/api/tokens/{id}', url: () => `/api/tokens/${uuid0}`, allowed: all },
  { method: 'GET', path: '/api/agencies', url: () => '/api/agencies', allowed: all },
  { method: 'GET', path: '/api/agencies/{id}', url: (f) => `/api/agencies/${f.agencyId}`, allowed: all },
  { method: 'POST', path: '/api/agencies', url: () => '/api/agencies', body: () => ({ code: `m-${Math.random().toString(36).slice(2, 10)}`, name: 'Cơ quan ma trận', kind: 'unit' }), allowed: central },
  { method: 'PATCH', path: '/api/agencies/{id}', url: (f) => `/api/agencies/${f.agencyId}`, body: () => ({ version: 999 }), allowed: ['admin', 'coordinator', 'editor'] },
  { method: 'POST', path: '/api/agencies/{id}/successors', url: (f) => `/api/agencies/${f.agencyId}/successors`, body: (f) => ({ successorId: f.otherAgencyId, effectiveDate: '2025-03-01' }), allowed: central },
  { method: 'DELETE', path: '/api/agencies/{id}/successors/{successorId}', url: (f) => `/api/agencies/${f.agencyId}/successors/${uuid0}`, allowed: central },
  { method: 'GET', path: '/api/agency-groups', url: () => '/api/agency-groups', allowed: all },
  { method: 'POST', path: '/api/agency-groups', url: () => '/api/agency-groups', body: () => ({ code: `g-${Math.random().toString(36).slice(2, 10)}`, name: 'Nhóm', memberIds: [] }), allowed: central },
  { method: 'PATCH', path: '/api/agency-groups/{id}', url: (f) => `/api/agency-groups/${f.groupId}`, body: () => ({ version: 999 }), allowed: central },
  { method: 'GET', path: '/api/people', url: () => '/api/people', allowed: all },
  { method: 'POST', path: '/api/people', url: () => '/api/people', body: (f) => ({ agencyId: f.otherAgencyId, fullName: 'Người lạ', title: 'Chuyên viên', roles: [] }), allowed: central },
  { method: 'PATCH', path: '/api/people/{id}', url: (f) => `/api/people/${f.otherPersonId}`, body: () => ({ version: 999 }), allowed: central },
  { method: 'DELETE', path: '/api/people/{id}', url: (f) => `/api/people/${f.otherPersonId}?version=999`, allowed: central },
  { method: 'GET', path: '/api/resolve', url: () => '/api/resolve?text=S%E1%BB%9F', allowed: all },
  { method: 'GET', path: '/api/audit', url: () => '/api/audit', allowed: ['admin'] },
];

let t: TestApp;
let f: Fixture;
const clients = new Map<string, Client>();

before(async () => {
  t = await createTestApp();
  const agency = await buildAgency(t);
  const other = await buildAgency(t);
  const person = await buildPerson(t, agency.id);
  const otherPerson = await buildPerson(t, other.id);
  const target = await buildUser(t, 'leader');
  const admin = await loginAs(t, 'admin');
  const group = await admin.client.request({ method: 'POST', url: '/api/agency-groups', payload: { code: 'nhom-ma-tran', name: 'Nhóm ma trận', memberIds: [agency.id] } });
  f = { agencyId: agency.id, otherAgencyId: other.id, personId: person.id, otherPersonId: otherPerson.id, userId: target.id, groupId: group.json().group.id, tokenId: uuid0 };
  clients.set('admin', admin.client);
  for (const role of ['coordinator', 'leader', 'press'] as const) clients.set(role, (await loginAs(t, role, role === 'press' ? { agencyId: other.id } : {})).client);
  // An agency editor of an unrelated agency, and one of the fixture's agency.
  const third = await buildAgency(t);
  clients.set('agency_editor', (await loginAs(t, 'agency_editor', { agencyId: third.id })).client);
  clients.set('editor', (await loginAs(t, 'agency_editor', { agencyId: agency.id })).client);
});
after(async () => t.close());

describe('authorization matrix', () => {
  test('covers every route in the OpenAPI document', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(spec.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)).sort();
    const covered = matrix.map((r) => `${r.method} ${r.path}`).sort();
    assert.deepEqual(covered, documented);
  });

  for (const row of matrix) {
    test(`${row.method} ${row.path}`, async () => {
      const anon = await t.app.inject({ method: row.method, url: row.url(f), ...(row.body ? { payload: row.body(f) as object } : {}) });
      if (row.allowed === 'public') {
        // A public route may still answer 401 for wrong credentials, never for a missing session.
        assert.notEqual(anon.statusCode, 403, anon.body);
        if (anon.statusCode === 401) assert.notEqual(anon.json().error.code, 'unauthenticated');
        return;
      }
      assert.equal(anon.statusCode, 401, `anonymous: ${anon.body}`);
      assert.equal(anon.json().error.code, 'unauthenticated');
      for (const [name, client] of clients) {
        const res = await client.request({ method: row.method, url: row.url(f), ...(row.body ? { payload: row.body(f) as object } : {}) });
        const allowed = row.allowed.includes(name as Role | 'editor');
        if (allowed) {
          assert.ok(res.statusCode !== 401 && res.statusCode !== 403, `${name} should pass: ${res.statusCode} ${res.body}`);
        } else {
          assert.equal(res.statusCode, 403, `${name} should be refused: ${res.statusCode} ${res.body}`);
          assert.equal(res.json().error.code, 'forbidden');
        }
      }
    });
  }
});
