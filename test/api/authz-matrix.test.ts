import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { InjectOptions } from 'fastify';
import { createTestApp, type TestApp } from '../helpers/context.ts';
import { buildAgency, buildPerson, buildUser, loginAs, type Client } from '../helpers/factories.ts';
import type { Role } from '../../src/server/modules/accounts/accounts.tables.ts';
import { systemActor } from '../../src/server/platform/actor.ts';
import { createImport, listTasks, publishImport } from '../../src/server/modules/plans/plans.service.ts';

/**
 * Every route of the API, who may call it, and proof that everyone else is refused:
 * 401 without a session, 403 for a role (or an agency) that must not use it. The list
 * is checked against the OpenAPI document, so a new route without a row here fails.
 */
type Fixture = { agencyId: string; otherAgencyId: string; personId: string; otherPersonId: string; userId: string; groupId: string; tokenId: string; taskId: string; agencyName: string };
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
  { method: 'GET', path: '/api/classifiers', url: () => '/api/classifiers', allowed: ['admin'] },
  { method: 'GET', path: '/api/classifiers/versions', url: () => '/api/classifiers/versions', allowed: ['admin'] },
  { method: 'POST', path: '/api/classifiers/versions/{id}/activate', url: () => `/api/classifiers/versions/${uuid0}/activate`, allowed: ['admin'] },
  { method: 'POST', path: '/api/classifiers/{task}/retrain', url: () => '/api/classifiers/topic/retrain', body: () => ({}), allowed: ['admin'] },
  {
    method: 'POST',
    path: '/api/classifiers/corrections',
    url: () => '/api/classifiers/corrections',
    body: () => ({ task: 'topic', subjectType: 'text', subjectId: 'ma-tran', text: 'Bệnh viện tỉnh khai trương khoa mới', label: 'y_te' }),
    allowed: ['admin', 'coordinator', 'agency_editor', 'editor', 'press'],
  },
  { method: 'GET', path: '/api/classifiers/corrections', url: () => '/api/classifiers/corrections', allowed: central },
  { method: 'POST', path: '/api/classifiers/{task}/classify', url: () => '/api/classifiers/topic/classify', body: () => ({ text: 'Sở Y tế' }), allowed: all },
  {
    method: 'POST',
    path: '/api/plan-imports',
    url: () => '/api/plan-imports?fileName=ke-hoach.txt',
    body: () => Buffer.from('KẾ HOẠCH\nTruyền thông chính sách\n1. Nhiệm vụ thử\n- Chủ trì: Sở Tư pháp\n'),
    allowed: central,
  },
  { method: 'GET', path: '/api/plan-imports', url: () => '/api/plan-imports', allowed: central },
  { method: 'GET', path: '/api/plan-imports/{id}', url: () => `/api/plan-imports/${uuid0}`, allowed: central },
  { method: 'PATCH', path: '/api/plan-imports/{id}', url: () => `/api/plan-imports/${uuid0}`, body: () => ({ version: 1, draft: emptyDraft }), allowed: central },
  { method: 'POST', path: '/api/plan-imports/{id}/publish', url: () => `/api/plan-imports/${uuid0}/publish`, body: () => ({ version: 1 }), allowed: central },
  { method: 'POST', path: '/api/plan-imports/{id}/discard', url: () => `/api/plan-imports/${uuid0}/discard`, body: () => ({ version: 1 }), allowed: central },
  { method: 'GET', path: '/api/plans', url: () => '/api/plans', allowed: all },
  { method: 'GET', path: '/api/plans/{id}', url: () => `/api/plans/${uuid0}`, allowed: all },
  { method: 'GET', path: '/api/plans/{id}/export', url: () => `/api/plans/${uuid0}/export?format=xlsx`, allowed: all },
  { method: 'PATCH', path: '/api/plans/{id}', url: () => `/api/plans/${uuid0}`, body: () => ({ version: 1 }), allowed: central },
  { method: 'GET', path: '/api/tasks', url: () => '/api/tasks?mine=true', allowed: all },
  { method: 'GET', path: '/api/tasks/{id}', url: (f) => `/api/tasks/${f.taskId}`, allowed: all },
  {
    method: 'POST',
    path: '/api/tasks/{id}/updates',
    url: (f) => `/api/tasks/${f.taskId}/updates`,
    body: (f) => ({ agencyId: f.agencyId, status: 'in_progress', note: 'Đang triển khai' }),
    allowed: ['admin', 'coordinator', 'editor'],
  },
  {
    method: 'POST',
    path: '/api/files',
    url: () => '/api/files?fileName=minh-chung.txt',
    body: () => Buffer.from('Biên bản họp báo quý III'),
    allowed: ['admin', 'coordinator', 'agency_editor', 'editor', 'leader'],
  },
  { method: 'GET', path: '/api/files/{sha256}', url: () => `/api/files/${'0'.repeat(64)}`, allowed: all },
  { method: 'GET', path: '/api/calendar', url: () => '/api/calendar?from=2024-01-01&to=2024-12-31', allowed: all },
];

const emptyDraft = { number: null, issuer: null, place: null, date: null, title: 'Kế hoạch', basis: [], reporting: [], signer: null, parentPlanId: null, tasks: [] };

function bodyOf(row: Row, f: Fixture): Partial<InjectOptions> {
  const body = row.body!(f);
  return Buffer.isBuffer(body) ? { payload: body, headers: { 'content-type': 'application/octet-stream' } } : { payload: body as object };
}

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
  // A published plan with one task led by the fixture's agency, through the import service.
  const actor = systemActor(t.tenantId);
  const imp = await createImport(t.ctx.db, actor, {
    fileName: 'ma-tran.txt',
    fileSha256: null,
    text: 'KẾ HOẠCH',
    parsed: {
      number: '1/KH-TEST', issuer: null, place: null, date: '2024-01-10', title: 'Kế hoạch ma trận', basis: [], reporting: [], signer: null,
      tasks: [{ ref: '1', title: 'Nhiệm vụ thử', lead: [agency.name], coordinating: [], timeline: { text: 'Năm 2024', kind: 'deadline', due: '2024-12-31', from: null, to: null }, outputs: null }],
    },
  });
  const plan = await publishImport(t.ctx.db, actor, imp.id, imp.version);
  const [task] = await listTasks(t.ctx.db, actor, { planId: plan.id });
  f = {
    agencyId: agency.id,
    agencyName: agency.name,
    otherAgencyId: other.id,
    personId: person.id,
    otherPersonId: otherPerson.id,
    userId: target.id,
    groupId: group.json().group.id,
    tokenId: uuid0,
    taskId: task!.id,
  };
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
      const anon = await t.app.inject({ method: row.method, url: row.url(f), ...(row.body ? bodyOf(row, f) : {}) });
      if (row.allowed === 'public') {
        // A public route may still answer 401 for wrong credentials, never for a missing session.
        assert.notEqual(anon.statusCode, 403, anon.body);
        if (anon.statusCode === 401) assert.notEqual(anon.json().error.code, 'unauthenticated');
        return;
      }
      assert.equal(anon.statusCode, 401, `anonymous: ${anon.body}`);
      assert.equal(anon.json().error.code, 'unauthenticated');
      for (const [name, client] of clients) {
        const res = await client.request({ method: row.method, url: row.url(f), ...(row.body ? bodyOf(row, f) : {}) });
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
