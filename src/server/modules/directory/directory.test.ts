import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../../test/helpers/context.ts';
import { buildAgency, buildPerson, loginAs, type Client } from '../../../../test/helpers/factories.ts';
import { auditLog } from '../../platform/platform.tables.ts';
import { demoAgencies, demoGroups, demoPeople } from './demo-data.ts';

let t: TestApp;
let coordinator: Client;
before(async () => {
  t = await createTestApp({ demo: true });
  coordinator = (await loginAs(t, 'coordinator')).client;
});
after(async () => t.close());

const json = (r: { json(): unknown }) => r.json() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('demo province', () => {
  test('is loaded on first start, through the services, with audit rows', async () => {
    const all = json(await coordinator.request({ method: 'GET', url: '/api/agencies?includeFormer=true' }));
    assert.equal(all.items.length, demoAgencies.length);
    const groups = json(await coordinator.request({ method: 'GET', url: '/api/agency-groups' }));
    assert.equal(groups.items.length, demoGroups.length);
    const people = json(await coordinator.request({ method: 'GET', url: '/api/people' }));
    assert.equal(people.items.length, demoPeople.length);
    const audits = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.tenantId, t.tenantId), eq(auditLog.action, 'agency.create')));
    assert.equal(audits.length, demoAgencies.length);
  });

  test('former agencies are hidden by default and shown on request', async () => {
    const current = json(await coordinator.request({ method: 'GET', url: '/api/agencies' }));
    assert.ok(current.items.every((a: { active: boolean }) => a.active));
    assert.ok(!current.items.some((a: { code: string }) => a.code === 'so-tttt'));
    const former = json(await coordinator.request({ method: 'GET', url: '/api/agencies?includeFormer=true&q=thong tin va truyen thong' }));
    const tttt = former.items.find((a: { code: string }) => a.code === 'so-tttt');
    assert.ok(tttt);
    assert.equal(tttt.active, false);
  });

  test('Sở Thông tin và Truyền thông shows its successors with the duties each took', async () => {
    const list = json(await coordinator.request({ method: 'GET', url: '/api/agencies?includeFormer=true&q=TT%26TT' }));
    const tttt = list.items.find((a: { code: string }) => a.code === 'so-tttt');
    const detail = json(await coordinator.request({ method: 'GET', url: `/api/agencies/${tttt.id}` }));
    const codes = detail.successors.map((s: { agency: { code: string } }) => s.agency.code).sort();
    assert.deepEqual(codes, ['so-khcn', 'so-vhtt']);
    assert.ok(detail.successors.every((s: { duties: string | null }) => s.duties));
    const khcn = detail.successors.find((s: { agency: { code: string } }) => s.agency.code === 'so-khcn');
    const back = json(await coordinator.request({ method: 'GET', url: `/api/agencies/${khcn.agency.id}` }));
    assert.ok(back.predecessors.some((p: { agency: { code: string } }) => p.agency.code === 'so-tttt'));
  });

  test('search is accent-insensitive and matches aliases', async () => {
    for (const q of ['tu phap', 'Tư pháp', 'TU PHAP', 'so tu phap']) {
      const res = json(await coordinator.request({ method: 'GET', url: `/api/agencies?q=${encodeURIComponent(q)}` }));
      assert.ok(res.items.some((a: { code: string }) => a.code === 'so-tu-phap'), q);
    }
    // An exact short name ranks before merely similar names.
    const ranked = json(await coordinator.request({ method: 'GET', url: `/api/agencies?includeFormer=true&q=${encodeURIComponent('so tt&tt')}` }));
    assert.equal(ranked.items[0].code, 'so-tttt');
    const people = json(await coordinator.request({ method: 'GET', url: `/api/people?q=${encodeURIComponent(demoPeople[0]!.fullName.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd'))}` }));
    assert.ok(people.items.length >= 1);
  });
});

describe('name resolution', () => {
  test('a 2023 mention resolves to the former agency and to the agencies that carry its work today', async () => {
    const res = json(await coordinator.request({ method: 'GET', url: `/api/resolve?text=${encodeURIComponent('S& Thong tin va Truyén thong')}` }));
    assert.equal(res.match.kind, 'agency');
    assert.equal(res.match.name, 'Sở Thông tin và Truyền thông');
    assert.deepEqual(res.match.current.map((a: { code: string }) => a.code).sort(), ['so-khcn', 'so-vhtt']);
  });

  test('a group addressed by a 2023 plan resolves to today\'s agencies', async () => {
    const res = json(await coordinator.request({ method: 'GET', url: `/api/resolve?text=${encodeURIComponent('UBND các huyện, thị xã, thành phố')}` }));
    assert.equal(res.match.kind, 'group');
    assert.ok(res.match.current.length > 0);
    assert.ok(res.match.current.every((a: { active: boolean }) => a.active));
  });

  test('text that names no agency resolves to nothing', async () => {
    const res = json(await coordinator.request({ method: 'GET', url: `/api/resolve?text=${encodeURIComponent('thời tiết hôm nay đẹp')}` }));
    assert.equal(res.match, null);
  });

  test('an agency added later is found at once', async () => {
    await buildAgency(t, { name: 'Trung tâm Truyền thông Du lịch Mới', code: 'tt-ttdl-moi', kind: 'unit' });
    const res = json(await coordinator.request({ method: 'GET', url: `/api/resolve?text=${encodeURIComponent('Trung tam Truyen thong Du lich Moi')}` }));
    assert.equal(res.match?.name, 'Trung tâm Truyền thông Du lịch Mới');
  });
});

describe('agencies', () => {
  test('create, update with version, duplicate code 409, stale version 409, audit before/after', async () => {
    const created = await coordinator.request({
      method: 'POST',
      url: '/api/agencies',
      payload: { code: 'ban-qlda-thu', name: '  Ban Quản lý dự án   thử  ', kind: 'unit', shortNames: ['BQLDA'], aliases: ['Ban QLDA thử'] },
    });
    assert.equal(created.statusCode, 201);
    const agency = json(created).agency;
    assert.equal(agency.name, 'Ban Quản lý dự án thử');
    const dup = await coordinator.request({ method: 'POST', url: '/api/agencies', payload: { code: 'BAN-QLDA-THU', name: 'Khác', kind: 'unit' } });
    assert.equal(dup.statusCode, 409);
    assert.equal(json(dup).error.code, 'duplicate');
    const upd = await coordinator.request({ method: 'PATCH', url: `/api/agencies/${agency.id}`, payload: { version: 1, name: 'Ban Quản lý dự án đầu tư' } });
    assert.equal(upd.statusCode, 200);
    assert.equal(json(upd).agency.version, 2);
    const stale = await coordinator.request({ method: 'PATCH', url: `/api/agencies/${agency.id}`, payload: { version: 1, name: 'Ghi đè' } });
    assert.equal(stale.statusCode, 409);
    assert.equal(json(stale).error.code, 'stale_version');
    const [row] = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, agency.id), eq(auditLog.action, 'agency.update')));
    assert.equal((row!.before as { name: string }).name, 'Ban Quản lý dự án thử');
    assert.equal((row!.after as { name: string }).name, 'Ban Quản lý dự án đầu tư');
    assert.ok(row!.actorId);
    // The agency page shows its history to any signed-in reader, newest first.
    const { client: leader } = await loginAs(t, 'leader');
    const detail = json(await leader.request({ method: 'GET', url: `/api/agencies/${agency.id}` }));
    assert.deepEqual(detail.history.map((h: { action: string }) => h.action), ['agency.update', 'agency.create']);
  });

  test('an agency cannot become its own descendant, and validity dates must be ordered', async () => {
    const parent = await buildAgency(t);
    const child = await buildAgency(t, { parentId: parent.id, kind: 'unit' });
    const cycle = await coordinator.request({ method: 'PATCH', url: `/api/agencies/${parent.id}`, payload: { version: parent.version, parentId: child.id } });
    assert.equal(cycle.statusCode, 400);
    const dates = await coordinator.request({ method: 'POST', url: '/api/agencies', payload: { code: 'ngay-sai', name: 'Ngày sai', kind: 'unit', validFrom: '2025-03-01', validTo: '2024-01-01' } });
    assert.equal(dates.statusCode, 400);
  });

  test('succession links refuse self-links and cycles', async () => {
    const a = await buildAgency(t);
    const b = await buildAgency(t);
    assert.equal((await coordinator.request({ method: 'POST', url: `/api/agencies/${a.id}/successors`, payload: { successorId: a.id, effectiveDate: '2025-03-01' } })).statusCode, 400);
    assert.equal((await coordinator.request({ method: 'POST', url: `/api/agencies/${a.id}/successors`, payload: { successorId: b.id, effectiveDate: '2025-03-01', duties: 'báo chí' } })).statusCode, 201);
    assert.equal((await coordinator.request({ method: 'POST', url: `/api/agencies/${b.id}/successors`, payload: { successorId: a.id, effectiveDate: '2025-03-01' } })).statusCode, 400);
    assert.equal((await coordinator.request({ method: 'POST', url: `/api/agencies/${a.id}/successors`, payload: { successorId: b.id, effectiveDate: '2025-03-01' } })).statusCode, 409);
    assert.equal((await coordinator.request({ method: 'DELETE', url: `/api/agencies/${a.id}/successors/${b.id}` })).statusCode, 200);
  });
});

describe('agency editors are limited to their agency', () => {
  test('edits its own agency and people, gets 403 on another agency and its people', async () => {
    const mine = await buildAgency(t);
    const other = await buildAgency(t);
    const otherPerson = await buildPerson(t, other.id);
    const { client: editor } = await loginAs(t, 'agency_editor', { agencyId: mine.id });
    assert.equal((await editor.request({ method: 'PATCH', url: `/api/agencies/${mine.id}`, payload: { version: mine.version, aliases: ['Sở của tôi'] } })).statusCode, 200);
    const denied = await editor.request({ method: 'PATCH', url: `/api/agencies/${other.id}`, payload: { version: other.version, name: 'Chiếm quyền' } });
    assert.equal(denied.statusCode, 403);
    assert.equal(json(denied).error.code, 'forbidden');
    assert.equal((await editor.request({ method: 'POST', url: '/api/people', payload: { agencyId: other.id, fullName: 'Lê Văn A', title: 'Chuyên viên', roles: [] } })).statusCode, 403);
    assert.equal((await editor.request({ method: 'PATCH', url: `/api/people/${otherPerson.id}`, payload: { version: otherPerson.version, title: 'Giám đốc' } })).statusCode, 403);
    assert.equal((await editor.request({ method: 'DELETE', url: `/api/people/${otherPerson.id}?version=${otherPerson.version}` })).statusCode, 403);
    // Moving one's own person to another agency is moving it out of scope: refused.
    const own = await buildPerson(t, mine.id);
    assert.equal((await editor.request({ method: 'PATCH', url: `/api/people/${own.id}`, payload: { version: own.version, agencyId: other.id } })).statusCode, 403);
    // Creating a child unit under its own agency is allowed; under another, not.
    assert.equal((await editor.request({ method: 'POST', url: '/api/agencies', payload: { code: `con-${mine.code}`, name: 'Phòng trực thuộc', kind: 'unit', parentId: mine.id } })).statusCode, 201);
    assert.equal((await editor.request({ method: 'POST', url: '/api/agencies', payload: { code: `con-${other.code}`, name: 'Phòng lạ', kind: 'unit', parentId: other.id } })).statusCode, 403);
    assert.equal((await editor.request({ method: 'POST', url: '/api/agencies', payload: { code: 'goc-moi', name: 'Cơ quan gốc', kind: 'department' } })).statusCode, 403);
  });

  test('with includeChildren the editor also edits the units below its agency', async () => {
    const parent = await buildAgency(t);
    const child = await buildAgency(t, { parentId: parent.id, kind: 'unit' });
    const { client: narrow } = await loginAs(t, 'agency_editor', { agencyId: parent.id });
    const { client: wide } = await loginAs(t, 'agency_editor', { agencyId: parent.id, includeChildren: true });
    assert.equal((await narrow.request({ method: 'PATCH', url: `/api/agencies/${child.id}`, payload: { version: child.version, aliases: ['x'] } })).statusCode, 403);
    assert.equal((await wide.request({ method: 'PATCH', url: `/api/agencies/${child.id}`, payload: { version: child.version, aliases: ['x'] } })).statusCode, 200);
  });
});

describe('people and the public spokesperson page', () => {
  test('a spokesperson added to an agency appears on the public page without login; others do not', async () => {
    const agency = await buildAgency(t, { name: 'Sở Ngoại vụ thử nghiệm' });
    const created = await coordinator.request({
      method: 'POST',
      url: '/api/people',
      payload: { agencyId: agency.id, fullName: 'Hoàng Thị Phát Ngôn', title: 'Phó Giám đốc Sở', phone: '0234 3822 111', email: 'phatngon@hue.gov.vn', roles: ['spokesperson'] },
    });
    assert.equal(created.statusCode, 201);
    await buildPerson(t, agency.id, { fullName: 'Người Không Phát Ngôn', roles: ['comms_officer'] });
    const pub = await t.app.inject({ method: 'GET', url: '/api/public/spokespersons' });
    assert.equal(pub.statusCode, 200);
    const entry = json(pub).items.find((i: { agency: { id: string } }) => i.agency.id === agency.id);
    assert.deepEqual(entry.people, [{ fullName: 'Hoàng Thị Phát Ngôn', title: 'Phó Giám đốc Sở', phone: '0234 3822 111', email: 'phatngon@hue.gov.vn' }]);
  });

  test('bad person input is refused with field messages; delete needs the current version', async () => {
    const agency = await buildAgency(t);
    const bad = await coordinator.request({ method: 'POST', url: '/api/people', payload: { agencyId: agency.id, fullName: 'A', title: 'B', email: 'khong-phai-email', roles: ['president'] } });
    assert.equal(bad.statusCode, 400);
    assert.equal(json(bad).error.code, 'validation_failed');
    const p = await buildPerson(t, agency.id);
    assert.equal((await coordinator.request({ method: 'DELETE', url: `/api/people/${p.id}?version=${p.version + 1}` })).statusCode, 409);
    assert.equal((await coordinator.request({ method: 'DELETE', url: `/api/people/${p.id}?version=${p.version}` })).statusCode, 200);
    assert.equal((await coordinator.request({ method: 'DELETE', url: `/api/people/${p.id}?version=${p.version}` })).statusCode, 404);
  });
});

describe('groups', () => {
  test('create with members, update with version, unknown member refused', async () => {
    const a = await buildAgency(t);
    const b = await buildAgency(t);
    const res = await coordinator.request({ method: 'POST', url: '/api/agency-groups', payload: { code: 'nhom-thu', name: 'Nhóm thử', memberIds: [a.id] } });
    assert.equal(res.statusCode, 201);
    const g = json(res).group;
    const upd = await coordinator.request({ method: 'PATCH', url: `/api/agency-groups/${g.id}`, payload: { version: g.version, memberIds: [a.id, b.id] } });
    assert.equal(json(upd).group.members.length, 2);
    const stale = await coordinator.request({ method: 'PATCH', url: `/api/agency-groups/${g.id}`, payload: { version: g.version, name: 'x' } });
    assert.equal(stale.statusCode, 409);
    const unknown = await coordinator.request({ method: 'POST', url: '/api/agency-groups', payload: { code: 'nhom-loi', name: 'Nhóm lỗi', memberIds: ['00000000-0000-4000-8000-000000000000'] } });
    assert.equal(unknown.statusCode, 400);
  });
});

describe('assignment proposals for work named in old texts', () => {
  const propose = async (mention: string, context: string) => {
    const { proposeAgencies } = await import('./directory.service.ts');
    const { systemActor } = await import('../../platform/actor.ts');
    return proposeAgencies(t.ctx.db, systemActor(t.tenantId), mention, context);
  };

  test('work of the former Sở TT&TT goes to the successor whose duties match, with the reason', async () => {
    const press = await propose('Sở Thông tin và Truyền thông', 'Tổ chức họp báo, cung cấp thông tin cho báo chí định kỳ');
    assert.deepEqual(press.agencies.map((a) => a.code), ['so-vhtt']);
    assert.match(press.agencies[0]!.reason!, /Sở Thông tin và Truyền thông không còn từ 01\/03\/2025/);
    const digital = await propose('Sở TT&TT', 'Đẩy mạnh truyền thông chính sách trên nền tảng số, chuyển đổi số');
    assert.deepEqual(digital.agencies.map((a) => a.code), ['so-khcn']);
  });

  test('with no matching duty every successor is proposed; a current agency is itself', async () => {
    const vague = await propose('Sở Thông tin và Truyền thông', 'Thực hiện các nhiệm vụ khác được giao');
    assert.deepEqual(vague.agencies.map((a) => a.code).sort(), ['so-khcn', 'so-vhtt']);
    // "chính" of "chính sách" must not match "bưu chính" in the science department's duties.
    const training = await propose('Sở Thông tin và Truyền thông', 'Nâng cao năng lực đội ngũ cán bộ, công chức thực hiện truyền thông chính sách');
    assert.deepEqual(training.agencies.map((a) => a.code).sort(), ['so-khcn', 'so-vhtt']);
    const current = await propose('Sở Tư pháp', 'Thẩm định dự thảo');
    assert.deepEqual(current.agencies.map((a) => [a.code, a.reason]), [['so-tu-phap', null]]);
  });

  test('a group of former districts expands to today\'s communes', async () => {
    const res = await propose('UBND các huyện, thị xã, thành phố', 'Tuyên truyền tại cơ sở');
    assert.equal(res.match?.kind, 'group');
    assert.ok(res.agencies.length >= 5);
    assert.ok(res.agencies.every((a) => a.reason?.includes('Thuộc nhóm')));
  });

  test('an unknown mention proposes nothing', async () => {
    const res = await propose('Hội đồng Bảo an Liên hợp quốc', 'x');
    assert.equal(res.match, null);
    assert.deepEqual(res.agencies, []);
  });
});
