import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../../test/helpers/context.ts';
import { loginAs, type Client } from '../../../../test/helpers/factories.ts';
import { systemActor } from '../../platform/actor.ts';
import { auditLog, jobs } from '../../platform/platform.tables.ts';
import { FIXTURE_HELDOUT, FIXTURE_TRAIN } from '../../../nlp/text/fixtures.ts';
import { splitCorpus } from '../../../nlp/text/project-corpus.ts';
import * as service from './classifiers.service.ts';

// A task name no shipped model or corpus uses, with the in-repo fixture as its corpus.
const TASK = 'test_sentiment';
const corpus = [...FIXTURE_TRAIN, ...FIXTURE_HELDOUT];
const corpusDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dt-corpus-'));
fs.mkdirSync(path.join(corpusDir, TASK));
fs.writeFileSync(path.join(corpusDir, TASK, 'part-01.jsonl'), corpus.map((e) => JSON.stringify(e)).join('\n') + '\n');
const flip: Record<string, string> = { positive: 'negative', negative: 'positive', neutral: 'neutral' };

let t: TestApp;
let admin: Client;
let coordinator: Client;
let leader: Client;
before(async () => {
  t = await createTestApp();
  admin = (await loginAs(t, 'admin')).client;
  coordinator = (await loginAs(t, 'coordinator')).client;
  leader = (await loginAs(t, 'leader')).client;
});
after(async () => t.close());

const json = (r: { json(): unknown }) => r.json() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('classifier versions and corrections', () => {
  test('retraining: first version active; a worse one is stored but not activated; rollback restores', async () => {
    const actor = systemActor(t.tenantId);
    const v1 = await service.retrainTask(t.ctx.db, actor, TASK, { corpusDir });
    assert.equal(v1.version, 1);
    assert.equal(v1.status, 'active');
    assert.ok(v1.metrics.macroF1 > 0.5, `v1 macro-F1 ${v1.metrics.macroF1}`);
    const using1 = await service.classifierFor(t.ctx.db, t.tenantId, TASK);
    assert.equal(using1?.version, 1);

    // Staff "correct" every training text to the opposite polarity: the retrained model is worse on the fixed split.
    const { train } = splitCorpus(corpus);
    for (const [i, e] of train.entries()) {
      await service.recordCorrection(t.ctx.db, actor, { task: TASK, subjectType: 'text', subjectId: `s${i}`, text: e.text, label: flip[e.label] as string, previousLabel: e.label });
    }
    const v2 = await service.retrainTask(t.ctx.db, actor, TASK, { corpusDir });
    assert.equal(v2.version, 2);
    assert.equal(v2.status, 'rejected');
    assert.ok(v2.metrics.macroF1 < (v2.comparedWith?.macroF1 ?? 0));
    assert.match(v2.decision, /Kém hơn/);
    assert.equal(v2.trainedOn.corrections, train.length);
    const still = await service.classifierFor(t.ctx.db, t.tenantId, TASK);
    assert.equal(still?.version, 1, 'the active model did not change');

    // An admin may still choose it, and roll back to the previous one.
    const forced = await service.activateVersion(t.ctx.db, actor, v2.id);
    assert.equal(forced.status, 'active');
    assert.equal((await service.classifierFor(t.ctx.db, t.tenantId, TASK))?.version, 2);
    assert.equal(await service.previousVersionNumber(t.ctx.db, actor, TASK), 1);
    const back = await service.activateVersionNumber(t.ctx.db, actor, TASK, 1);
    assert.equal(back.status, 'active');
    assert.equal((await service.classifierFor(t.ctx.db, t.tenantId, TASK))?.version, 1);

    const versions = await service.listVersions(t.ctx.db, actor, TASK);
    assert.deepEqual(
      versions.map((v) => [v.version, v.status]),
      [
        [2, 'inactive'],
        [1, 'active'],
      ],
    );
    const audits = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.tenantId, t.tenantId), eq(auditLog.entityType, 'model_version')));
    assert.ok(audits.some((a) => a.action === 'model_version.retrain_rejected'));
    assert.equal(audits.filter((a) => a.action === 'model_version.activate').length, 2);
  });

  test('a correction keeps one label per subject, refuses labels the task does not know', async () => {
    const r = await coordinator.request({ method: 'POST', url: '/api/classifiers/corrections', payload: { task: TASK, subjectType: 'article', subjectId: 'a-1', text: 'Đường ngập, dân khổ', label: 'positive' } });
    assert.equal(r.statusCode, 201, r.body);
    const again = await coordinator.request({ method: 'POST', url: '/api/classifiers/corrections', payload: { task: TASK, subjectType: 'article', subjectId: 'a-1', text: 'Đường ngập, dân khổ', label: 'negative', previousLabel: 'positive' } });
    assert.equal(again.statusCode, 201);
    assert.equal(json(again).id, json(r).id);
    const list = json(await coordinator.request({ method: 'GET', url: `/api/classifiers/corrections?task=${TASK}` }));
    const mine = list.items.filter((c: { subjectId: string }) => c.subjectId === 'a-1');
    assert.equal(mine.length, 1);
    assert.equal(mine[0].label, 'negative');

    const bad = await coordinator.request({ method: 'POST', url: '/api/classifiers/corrections', payload: { task: TASK, subjectType: 'article', subjectId: 'a-2', text: 'x', label: 'vui' } });
    assert.equal(bad.statusCode, 400);
    assert.match(json(bad).error.message, /Nhãn "vui" không thuộc/);
    const noTask = await coordinator.request({ method: 'POST', url: '/api/classifiers/corrections', payload: { task: 'khong_co', subjectType: 'article', subjectId: 'a-2', text: 'x', label: 'x' } });
    assert.equal(noTask.statusCode, 400);
    const empty = await coordinator.request({ method: 'POST', url: '/api/classifiers/corrections', payload: { task: TASK, subjectType: 'article', subjectId: 'a-3', text: '   ', label: 'negative' } });
    assert.equal(empty.statusCode, 400);
    assert.equal((await leader.request({ method: 'POST', url: '/api/classifiers/corrections', payload: { task: TASK, subjectType: 'article', subjectId: 'a-4', text: 'x', label: 'negative' } })).statusCode, 403);
  });

  test('admins see the overview and history, queue a retrain, and try the model with its evidence', async () => {
    const o = json(await admin.request({ method: 'GET', url: '/api/classifiers' }));
    const row = o.items.find((i: { task: string }) => i.task === TASK);
    assert.equal(row.active.version, 1);
    assert.ok(row.corrections > 0);
    assert.ok(o.items.some((i: { task: string; usingShippedFile: boolean }) => i.task === 'topic' && i.usingShippedFile));
    assert.equal((await coordinator.request({ method: 'GET', url: '/api/classifiers/versions' })).statusCode, 403);
    const hist = json(await admin.request({ method: 'GET', url: `/api/classifiers/versions?task=${TASK}` }));
    assert.equal(hist.items.length, 2);

    const q = await admin.request({ method: 'POST', url: `/api/classifiers/${TASK}/retrain`, payload: {} });
    assert.equal(q.statusCode, 202, q.body);
    const queued = await t.ctx.db.select().from(jobs).where(eq(jobs.name, 'classifiers.retrain'));
    assert.equal(queued.length, 1);
    assert.equal((await admin.request({ method: 'POST', url: '/api/classifiers/khong_co/retrain', payload: {} })).statusCode, 404);

    const c = await leader.request({ method: 'POST', url: `/api/classifiers/${TASK}/classify`, payload: { text: 'Hồ sơ nộp hai tháng rồi vẫn chưa có kết quả, quá chậm' } });
    assert.equal(c.statusCode, 200, c.body);
    const body = json(c);
    assert.equal(body.version, 1);
    assert.ok(Object.keys(body.scores).length === 3);
    const topic = json(await leader.request({ method: 'POST', url: '/api/classifiers/topic/classify', payload: { text: 'Sở Y tế tỉnh triển khai tiêm chủng mở rộng cho trẻ em' } }));
    assert.equal(topic.source, 'shipped');
    assert.equal(topic.label, 'y_te');
  });
});
