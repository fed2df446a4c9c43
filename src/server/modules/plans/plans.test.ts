import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../../test/helpers/context.ts';
import { loginAs, type Client } from '../../../../test/helpers/factories.ts';
import { findAgencyByCode } from '../directory/directory.service.ts';
import { auditLog } from '../../platform/platform.tables.ts';

const seed = (name: string) => fs.readFileSync(new URL(`../../../../test/fixtures/seeds/${name}`, import.meta.url));

let t: TestApp;
let coordinator: Client;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (r: { json(): unknown }) => r.json() as Record<string, any>;

before(async () => {
  t = await createTestApp({ demo: true });
  coordinator = (await loginAs(t, 'coordinator')).client;
});
after(async () => t.close());

async function upload(name: string, body: Buffer) {
  return coordinator.request({ method: 'POST', url: `/api/plan-imports?fileName=${encodeURIComponent(name)}`, headers: { 'content-type': 'application/octet-stream' }, payload: body });
}

describe('import, review and publish a real plan', () => {
  let importId: string;
  let planId: string;

  let demoPlans = 0;
  test('the demo province comes with its plan imported through the same path, with progress', async () => {
    const list = json(await coordinator.request({ method: 'GET', url: '/api/plans' })).items;
    demoPlans = list.length;
    assert.equal(list.length, 1);
    assert.equal(list[0].number, '269/KH-UBND');
    assert.ok(list[0].progress.done + list[0].progress.inProgress > 0);
  });

  test('uploading the Huế plan gives a review draft with proposed agencies', async () => {
    const res = await upload('269-KH-UBND.txt', seed('000_004077f554441d6d.txt'));
    assert.equal(res.statusCode, 201, res.body);
    const imp = json(res).import;
    importId = imp.id;
    assert.equal(imp.status, 'review');
    assert.equal(imp.draft.number, '269/KH-UBND');
    // The demo already has this plan: the reviewer is warned about a duplicate.
    assert.ok(imp.warnings.some((w: string) => w.includes('Đã có kế hoạch số 269/KH-UBND')), JSON.stringify(imp.warnings));
    assert.equal(imp.draft.tasks.length, 3);
    assert.ok(imp.text.includes('Truyền thông chính sách'));
    // Spans index the stored text: the first task's title span covers its title.
    const span = imp.parsed.tasks[0].spans.title;
    assert.ok(span, JSON.stringify(imp.parsed.tasks[0].spans));
    assert.equal(imp.text.slice(span.start, span.end).trim().slice(0, 20), imp.draft.tasks[0].title.slice(0, 20));
    // The 2023 plan names Sở Thông tin và Truyền thông: today's successors are proposed, with the reason.
    const digital = imp.draft.tasks[0];
    const tttt = digital.lead.find((m: { mention: string }) => /Thông tin và Truyền thông/.test(m.mention));
    assert.ok(tttt, JSON.stringify(digital.lead));
    assert.ok(tttt.agencyIds.length >= 1);
    assert.ok(tttt.proposals.every((p: { reason: string | null }) => p.reason && p.reason.includes('không còn')));
  });

  test('the reviewer edits the draft (stale versions refused) and publishes it in one transaction', async () => {
    const imp = json(await coordinator.request({ method: 'GET', url: `/api/plan-imports/${importId}` })).import;
    const draft = structuredClone(imp.draft);
    draft.tasks[0].title = 'Đẩy mạnh truyền thông chính sách trên nền tảng số (đã rà soát)';
    const saved = await coordinator.request({ method: 'PATCH', url: `/api/plan-imports/${importId}`, payload: { version: imp.version, draft } });
    assert.equal(saved.statusCode, 200, saved.body);
    const stale = await coordinator.request({ method: 'PATCH', url: `/api/plan-imports/${importId}`, payload: { version: imp.version, draft } });
    assert.equal(stale.statusCode, 409);
    // A task without a lead agency cannot be published: 422 with the problem, nothing created.
    const broken = structuredClone(draft);
    broken.tasks[1].lead = [];
    const v2 = json(saved).import.version;
    const savedBroken = json(await coordinator.request({ method: 'PATCH', url: `/api/plan-imports/${importId}`, payload: { version: v2, draft: broken } })).import;
    const refused = await coordinator.request({ method: 'POST', url: `/api/plan-imports/${importId}/publish`, payload: { version: savedBroken.version } });
    assert.equal(refused.statusCode, 422);
    assert.match(json(refused).error.message, /chưa chọn cơ quan chủ trì/);
    assert.equal(json(await coordinator.request({ method: 'GET', url: '/api/plans' })).items.length, demoPlans);
    const fixed = json(await coordinator.request({ method: 'PATCH', url: `/api/plan-imports/${importId}`, payload: { version: savedBroken.version, draft } })).import;
    const published = await coordinator.request({ method: 'POST', url: `/api/plan-imports/${importId}/publish`, payload: { version: fixed.version } });
    assert.equal(published.statusCode, 201, published.body);
    planId = json(published).planId;
    const again = await coordinator.request({ method: 'POST', url: `/api/plan-imports/${importId}/publish`, payload: { version: fixed.version + 1 } });
    assert.equal(again.statusCode, 409);
    const audit = await t.ctx.db.select().from(auditLog).where(eq(auditLog.entityId, planId));
    assert.equal(audit[0]?.action, 'plan.publish');
  });

  test('the plan has its tasks assigned to today\'s agencies with milestones', async () => {
    const plan = json(await coordinator.request({ method: 'GET', url: `/api/plans/${planId}` }));
    assert.equal(plan.number, '269/KH-UBND');
    assert.equal(plan.tasks[0].title, 'Đẩy mạnh truyền thông chính sách trên nền tảng số (đã rà soát)');
    for (const task of plan.tasks) {
      assert.ok(task.agencies.some((a: { role: string }) => a.role === 'lead'), task.ref);
      for (const a of task.agencies) assert.ok(a.agencyName);
    }
    assert.ok(plan.tasks.some((task: { milestones: unknown[] }) => task.milestones.length > 0));
    assert.equal(plan.progress.tasks, plan.tasks.length);
    // The due dates of 2023–2025 are past: unfinished tasks are overdue, computed, not typed in.
    assert.ok(plan.progress.overdue > 0);
  });

  test('an agency editor reports progress on its own task, not on another agency\'s', async () => {
    const plan = json(await coordinator.request({ method: 'GET', url: `/api/plans/${planId}` }));
    const task = plan.tasks.find((x: { agencies: { role: string }[] }) => x.agencies.some((a) => a.role === 'lead'));
    const lead = task.agencies.find((a: { role: string }) => a.role === 'lead');
    const { client: editor } = await loginAs(t, 'agency_editor', { agencyId: lead.agencyId });
    const mine = json(await editor.request({ method: 'GET', url: '/api/tasks?mine=true' }));
    assert.ok(mine.items.some((x: { id: string }) => x.id === task.id));
    const ms = task.milestones.at(-1);
    const ok = await editor.request({
      method: 'POST',
      url: `/api/tasks/${task.id}/updates`,
      payload: { status: 'done', note: 'Đã hoàn thành', milestoneId: task.milestones.length > 1 ? ms.id : null, evidence: [{ kind: 'link', url: 'https://hue.gov.vn/tin-tuc/1', title: 'Bài đăng' }] },
    });
    assert.equal(ok.statusCode, 201, ok.body);
    const detail = json(await editor.request({ method: 'GET', url: `/api/tasks/${task.id}` }));
    assert.equal(detail.updates[0].status, 'done');
    assert.equal(detail.task.agencies.find((a: { agencyId: string }) => a.agencyId === lead.agencyId).status, 'done');
    const other = plan.tasks.find((x: { agencies: { agencyId: string }[] }) => !x.agencies.some((a) => a.agencyId === lead.agencyId));
    if (other) {
      const denied = await editor.request({ method: 'POST', url: `/api/tasks/${other.id}/updates`, payload: { agencyId: other.agencies[0].agencyId, status: 'done' } });
      assert.equal(denied.statusCode, 403);
    }
    // A file as evidence: uploaded first, then referenced by its hash; an unknown hash is refused.
    const up = await editor.request({ method: 'POST', url: '/api/files?fileName=bien-ban.pdf', headers: { 'content-type': 'application/octet-stream' }, payload: Buffer.from('%PDF-1.4\n% biên bản\n') });
    assert.equal(up.statusCode, 201, up.body);
    const sha = json(up).file.sha256;
    const withFile = await editor.request({ method: 'POST', url: `/api/tasks/${task.id}/updates`, payload: { status: 'done', evidence: [{ kind: 'file', sha256: sha, name: 'bien-ban.pdf' }] } });
    assert.equal(withFile.statusCode, 201, withFile.body);
    const unknownFile = await editor.request({ method: 'POST', url: `/api/tasks/${task.id}/updates`, payload: { status: 'done', evidence: [{ kind: 'file', sha256: 'f'.repeat(64), name: 'x.pdf' }] } });
    assert.equal(unknownFile.statusCode, 400);
    const download = await coordinator.request({ method: 'GET', url: `/api/files/${sha}` });
    assert.equal(download.statusCode, 200);
    assert.match(String(download.headers['content-disposition']), /attachment/);
    assert.equal(download.rawPayload.toString('latin1').slice(0, 8), '%PDF-1.4');
    const spoofed = await editor.request({ method: 'POST', url: '/api/files?fileName=anh.png', headers: { 'content-type': 'application/octet-stream' }, payload: Buffer.from('<script>alert(1)</script>') });
    assert.equal(spoofed.statusCode, 415);
    const badLink = await editor.request({ method: 'POST', url: `/api/tasks/${task.id}/updates`, payload: { status: 'done', evidence: [{ kind: 'link', url: 'javascript:alert(1)' }] } });
    assert.equal(badLink.statusCode, 400);
  });

  test('the overdue list and the calendar come from the milestones', async () => {
    const overdue = json(await coordinator.request({ method: 'GET', url: '/api/tasks?overdue=true' }));
    assert.ok(overdue.items.length > 0);
    assert.ok(overdue.items.every((x: { overdue: boolean }) => x.overdue));
    const cal = json(await coordinator.request({ method: 'GET', url: '/api/calendar?from=2023-01-01&to=2026-12-31' }));
    assert.ok(cal.items.length > 0);
    assert.ok(cal.items.every((i: { dueDate: string }) => i.dueDate >= '2023-01-01' && i.dueDate <= '2026-12-31'));
  });

  test('the plan exports to XLSX and to a Decree 30 style DOCX', async () => {
    const xlsx = await coordinator.request({ method: 'GET', url: `/api/plans/${planId}/export?format=xlsx` });
    assert.equal(xlsx.statusCode, 200);
    assert.match(String(xlsx.headers['content-type']), /spreadsheetml/);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    const ws = wb.getWorksheet('Nhiệm vụ')!;
    assert.equal(ws.getRow(4).getCell(2).value, 'Nội dung nhiệm vụ');
    assert.equal(ws.getRow(5).getCell(2).value, 'Đẩy mạnh truyền thông chính sách trên nền tảng số (đã rà soát)');
    const docx = await coordinator.request({ method: 'GET', url: `/api/plans/${planId}/export?format=docx` });
    assert.equal(docx.statusCode, 200);
    const { unzipSync, strFromU8 } = await import('fflate');
    const xml = strFromU8(unzipSync(new Uint8Array(docx.rawPayload))['word/document.xml']!);
    assert.match(xml, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
    assert.match(xml, /Độc lập - Tự do - Hạnh phúc/);
    assert.match(xml, /Times New Roman/);
    assert.match(xml, /269\/KH-UBND/);
  });

  test('a department plan implementing a provincial plan is linked under it and rolls up', async () => {
    const provincial = await coordinator.request({ method: 'PATCH', url: `/api/plans/${planId}`, payload: { version: 1, title: json(await coordinator.request({ method: 'GET', url: `/api/plans/${planId}` })).title } });
    assert.equal(provincial.statusCode, 200);
    const child = json(await upload('004.txt', seed('004_130aab6804e509ee.txt'))).import;
    const draft = { ...child.draft, parentPlanId: planId };
    for (const task of draft.tasks) {
      if (!task.lead.some((m: { agencyIds: string[] }) => m.agencyIds.length)) {
        const agency = await findAgencyByCode(t.ctx.db, t.tenantId, 'so-nnmt');
        task.lead = [{ mention: 'Sở Nông nghiệp và Môi trường', matchName: null, confidence: null, proposals: [], agencyIds: [agency!.id] }];
      }
    }
    const saved = json(await coordinator.request({ method: 'PATCH', url: `/api/plan-imports/${child.id}`, payload: { version: child.version, draft } })).import;
    const pub = await coordinator.request({ method: 'POST', url: `/api/plan-imports/${child.id}/publish`, payload: { version: saved.version } });
    assert.equal(pub.statusCode, 201, pub.body);
    const parent = json(await coordinator.request({ method: 'GET', url: `/api/plans/${planId}` }));
    assert.equal(parent.children.length, 1);
    assert.equal(parent.rollup.tasks, parent.tasks.length + parent.children[0].progress.tasks);
    const cycle = await coordinator.request({ method: 'PATCH', url: `/api/plans/${planId}`, payload: { version: parent.version, parentPlanId: json(pub).planId } });
    assert.equal(cycle.statusCode, 400);
  });
});

describe('bad files are refused with a clear error and nothing is imported', () => {
  test('unknown type, corrupt PDF, empty body', async () => {
    const exe = await upload('virus.exe', Buffer.from('MZ\u0000\u0001'));
    assert.ok([415, 422].includes(exe.statusCode), exe.body);
    const pdf = await upload('hong.pdf', Buffer.from('%PDF-1.4\nkhông phải pdf thật'));
    assert.ok([415, 422].includes(pdf.statusCode), pdf.body);
    assert.match(json(pdf).error.message, /[ạ-ỹđ]/);
    const empty = await coordinator.request({ method: 'POST', url: '/api/plan-imports?fileName=a.txt', headers: { 'content-type': 'application/octet-stream' }, payload: Buffer.alloc(0) });
    assert.ok(empty.statusCode >= 400 && empty.statusCode < 500);
    const list = json(await coordinator.request({ method: 'GET', url: '/api/plan-imports' }));
    assert.ok(list.items.every((i: { fileName: string }) => !['virus.exe', 'hong.pdf', 'a.txt'].includes(i.fileName)));
  });

  test('a file over the size limit is 413', async () => {
    const big = await upload('lon.txt', Buffer.alloc(21 * 1024 * 1024, 0x61));
    assert.equal(big.statusCode, 413);
  });
});
