/**
 * The classifiers the province uses: which model version is active per task, the staff's
 * corrections, retraining with them (activated only when not worse on the fixed evaluation
 * split) and rollback to any earlier version. Other modules call `classifierFor` to label text
 * and `recordCorrection` when staff fix a label.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { and, count, desc, eq, gt, max, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { DbOrTx } from '../../platform/db.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { Classifier, type Example, type LinearModel } from '../../../nlp/text/classifier.ts';
import { cardMetrics, type ModelCard } from '../../../nlp/text/model-card.ts';
import { deserializeModel, ModelFileError, serializeModel } from '../../../nlp/text/model-file.ts';
import { CORPUS_DIR, corpusTasks, readCorpus, splitCorpus, taskSettings } from '../../../nlp/text/project-corpus.ts';
import { evaluateModel, retrain } from '../../../nlp/text/retrain.ts';
import { shippedModels } from '../../../nlp/text/shipped.ts';
import type { Evaluation } from '../../../nlp/text/metrics.ts';
import { labelCorrections, modelVersions } from './classifiers.tables.ts';

const isAdmin = (a: Actor) => a.kind === 'system' || a.role === 'admin';
export const classifiersPolicy = {
  manageModels: isAdmin,
  /** Staff who read the monitoring stream or moderate comments fix labels; leaders only read. */
  correct: (a: Actor) => isAdmin(a) || a.role === 'coordinator' || a.role === 'press' || a.role === 'agency_editor',
  listCorrections: (a: Actor) => isAdmin(a) || a.role === 'coordinator',
};

function need(ok: boolean): void {
  if (!ok) throw forbidden();
}

export interface LoadedModel {
  task: string;
  classifier: Classifier;
  /** null when the shipped file is in use. */
  versionId: string | null;
  version: number | null;
  source: 'shipped' | 'retrain' | 'upload';
}

const CACHE_TTL_MS = 30_000;
const cache = new Map<string, { at: number; loaded: LoadedModel }>();

function shippedClassifier(task: string): LoadedModel | null {
  const file = shippedModels().get(task);
  if (!file) return null;
  const stored = deserializeModel(fs.readFileSync(file));
  return { task, classifier: new Classifier(stored.model), versionId: null, version: null, source: 'shipped' };
}

/**
 * The classifier to use for a task: the active stored version, else the shipped file, else null.
 * Cached per process; a change of active version is seen within CACHE_TTL_MS by other processes
 * (and at once in the process that made it).
 */
export async function classifierFor(db: DbOrTx, tenantId: string, task: string): Promise<LoadedModel | null> {
  const key = `${tenantId}:${task}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit.loaded;
  const [active] = await db
    .select({ id: modelVersions.id, version: modelVersions.version, source: modelVersions.source })
    .from(modelVersions)
    .where(and(eq(modelVersions.tenantId, tenantId), eq(modelVersions.task, task), eq(modelVersions.status, 'active')));
  let loaded: LoadedModel | null;
  if (active && hit?.loaded.versionId === active.id) loaded = hit.loaded;
  else if (active) {
    const [row] = await db.select({ data: modelVersions.data }).from(modelVersions).where(eq(modelVersions.id, active.id));
    loaded = { task, classifier: new Classifier(deserializeModel(row!.data).model), versionId: active.id, version: active.version, source: active.source };
  } else loaded = shippedClassifier(task);
  if (loaded) cache.set(key, { at: Date.now(), loaded });
  else cache.delete(key);
  return loaded;
}

function forget(tenantId: string, task: string): void {
  cache.delete(`${tenantId}:${task}`);
}

/** Tasks the product knows: shipped models, shipped corpora, and versions stored for this province. */
export async function knownTasks(db: DbOrTx, tenantId: string): Promise<string[]> {
  const stored = await db.selectDistinct({ task: modelVersions.task }).from(modelVersions).where(eq(modelVersions.tenantId, tenantId));
  return [...new Set([...shippedModels().keys(), ...corpusTasks(), ...stored.map((r) => r.task)])].sort();
}

// ─── Corrections ───────────────────────────────────────────────────────────────────────────

export interface CorrectionInput {
  task: string;
  subjectType: string;
  subjectId: string;
  text: string;
  label: string;
  previousLabel?: string | null;
}

/** Keep a staff correction (one per subject and task: a later one replaces it). The label must be one the task knows. */
export async function recordCorrection(db: DbOrTx, actor: Actor, input: CorrectionInput): Promise<{ id: string }> {
  need(classifiersPolicy.correct(actor));
  const model = await classifierFor(db, actor.tenantId, input.task);
  if (!model) throw new AppError('validation_failed', `Không có mô hình cho tác vụ "${input.task}".`, { field: 'task' });
  if (!model.classifier.labels.includes(input.label)) {
    throw new AppError('validation_failed', `Nhãn "${input.label}" không thuộc tác vụ ${input.task} (${model.classifier.labels.join(', ')}).`, { field: 'label' });
  }
  const text = input.text.normalize('NFC').trim();
  if (!text) throw new AppError('validation_failed', 'Văn bản cần sửa nhãn đang trống.', { field: 'text' });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(labelCorrections)
      .values({ tenantId: actor.tenantId, task: input.task, subjectType: input.subjectType, subjectId: input.subjectId, text, label: input.label, previousLabel: input.previousLabel ?? null, createdBy: actor.userId })
      .onConflictDoUpdate({
        target: [labelCorrections.tenantId, labelCorrections.task, labelCorrections.subjectType, labelCorrections.subjectId],
        set: { text, label: input.label, previousLabel: input.previousLabel ?? null, createdBy: actor.userId, updatedAt: new Date() },
      })
      .returning({ id: labelCorrections.id });
    await writeAudit(tx, actor, {
      action: 'label_correction.save',
      entityType: input.subjectType,
      entityId: input.subjectId,
      after: { task: input.task, label: input.label, previousLabel: input.previousLabel ?? null },
    });
    return { id: row!.id };
  });
}

export async function listCorrections(db: DbOrTx, actor: Actor, q: { task?: string; page: number; pageSize: number }) {
  need(classifiersPolicy.listCorrections(actor));
  const where = and(eq(labelCorrections.tenantId, actor.tenantId), q.task ? eq(labelCorrections.task, q.task) : undefined);
  const [{ n }] = (await db.select({ n: count() }).from(labelCorrections).where(where)) as [{ n: number }];
  const rows = await db
    .select()
    .from(labelCorrections)
    .where(where)
    .orderBy(desc(labelCorrections.updatedAt))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    total: Number(n),
    items: rows.map((r) => ({
      id: r.id,
      task: r.task,
      subjectType: r.subjectType,
      subjectId: r.subjectId,
      text: r.text,
      label: r.label,
      previousLabel: r.previousLabel,
      updatedAt: r.updatedAt.toISOString(),
    })),
  };
}

async function correctionsOf(db: DbOrTx, tenantId: string, task: string): Promise<Example[]> {
  const rows = await db
    .select({ text: labelCorrections.text, label: labelCorrections.label })
    .from(labelCorrections)
    .where(and(eq(labelCorrections.tenantId, tenantId), eq(labelCorrections.task, task)))
    .orderBy(labelCorrections.createdAt, labelCorrections.id);
  return rows;
}

// ─── Versions ──────────────────────────────────────────────────────────────────────────────

function presentMetrics(e: Evaluation) {
  const m = cardMetrics(e);
  return { n: e.n, accuracy: m.accuracy, macroF1: m.macroF1, weightedF1: m.weightedF1, perClass: m.perClass, confusion: m.confusion, labels: e.labels };
}

type VersionRow = Omit<typeof modelVersions.$inferSelect, 'data'>;
const versionColumns = {
  id: modelVersions.id,
  tenantId: modelVersions.tenantId,
  task: modelVersions.task,
  version: modelVersions.version,
  source: modelVersions.source,
  status: modelVersions.status,
  sha256: modelVersions.sha256,
  labels: modelVersions.labels,
  metrics: modelVersions.metrics,
  comparedWith: modelVersions.comparedWith,
  decision: modelVersions.decision,
  trainedOn: modelVersions.trainedOn,
  trainingMs: modelVersions.trainingMs,
  createdBy: modelVersions.createdBy,
  createdAt: modelVersions.createdAt,
  activatedAt: modelVersions.activatedAt,
};

export function presentVersion(r: VersionRow) {
  return {
    id: r.id,
    task: r.task,
    version: r.version,
    source: r.source,
    status: r.status,
    sha256: r.sha256,
    labels: r.labels,
    metrics: r.metrics as ReturnType<typeof presentMetrics>,
    comparedWith: (r.comparedWith as ReturnType<typeof presentMetrics> | null) ?? null,
    decision: r.decision,
    trainedOn: r.trainedOn as Record<string, number>,
    trainingMs: r.trainingMs,
    createdAt: r.createdAt.toISOString(),
    activatedAt: r.activatedAt?.toISOString() ?? null,
  };
}
export type ModelVersionView = ReturnType<typeof presentVersion>;

export async function listVersions(db: DbOrTx, actor: Actor, task?: string): Promise<ModelVersionView[]> {
  need(classifiersPolicy.manageModels(actor));
  const rows = await db
    .select(versionColumns)
    .from(modelVersions)
    .where(and(eq(modelVersions.tenantId, actor.tenantId), task ? eq(modelVersions.task, task) : undefined))
    .orderBy(modelVersions.task, desc(modelVersions.version));
  return rows.map(presentVersion);
}

/** Per task: the model in use, its version and metrics, and the corrections not yet in a version. */
export async function overview(db: DbOrTx, actor: Actor) {
  need(classifiersPolicy.manageModels(actor));
  const tasks = await knownTasks(db, actor.tenantId);
  const corpora = new Set(corpusTasks());
  const shipped = shippedModels();
  const out = [];
  for (const task of tasks) {
    const [active] = await db
      .select(versionColumns)
      .from(modelVersions)
      .where(and(eq(modelVersions.tenantId, actor.tenantId), eq(modelVersions.task, task), eq(modelVersions.status, 'active')));
    const [last] = (await db
      .select({ at: max(modelVersions.createdAt) })
      .from(modelVersions)
      .where(and(eq(modelVersions.tenantId, actor.tenantId), eq(modelVersions.task, task)))) as [{ at: Date | string | null }];
    const since = last.at ? new Date(last.at) : null;
    const [{ n }] = (await db
      .select({ n: count() })
      .from(labelCorrections)
      .where(and(eq(labelCorrections.tenantId, actor.tenantId), eq(labelCorrections.task, task), since ? gt(labelCorrections.updatedAt, since) : undefined))) as [{ n: number }];
    const [{ total }] = (await db
      .select({ total: count() })
      .from(labelCorrections)
      .where(and(eq(labelCorrections.tenantId, actor.tenantId), eq(labelCorrections.task, task)))) as [{ total: number }];
    out.push({
      task,
      active: active ? presentVersion(active) : null,
      usingShippedFile: !active && shipped.has(task),
      canRetrain: corpora.has(task),
      corrections: Number(total),
      newCorrections: Number(n),
    });
  }
  return out;
}

/** Make a version the active one (restore an earlier version, or override a rejected one). */
export async function activateVersion(db: DbOrTx, actor: Actor, id: string): Promise<ModelVersionView> {
  need(classifiersPolicy.manageModels(actor));
  const [target] = await db.select(versionColumns).from(modelVersions).where(and(eq(modelVersions.id, id), eq(modelVersions.tenantId, actor.tenantId)));
  if (!target) throw notFound('phiên bản mô hình');
  const row = await db.transaction(async (tx) => {
    const [before] = await tx
      .update(modelVersions)
      .set({ status: 'inactive' })
      .where(and(eq(modelVersions.tenantId, actor.tenantId), eq(modelVersions.task, target.task), eq(modelVersions.status, 'active')))
      .returning({ id: modelVersions.id, version: modelVersions.version });
    const [after] = await tx.update(modelVersions).set({ status: 'active', activatedAt: new Date() }).where(eq(modelVersions.id, id)).returning(versionColumns);
    await writeAudit(tx, actor, {
      action: 'model_version.activate',
      entityType: 'model_version',
      entityId: id,
      before: { task: target.task, activeVersion: before?.version ?? null },
      after: { task: target.task, activeVersion: target.version },
    });
    return after!;
  });
  forget(actor.tenantId, target.task);
  return presentVersion(row);
}

/** Activate version number `version` of a task (the command line's rollback). */
export async function activateVersionNumber(db: DbOrTx, actor: Actor, task: string, version: number): Promise<ModelVersionView> {
  const [row] = await db
    .select({ id: modelVersions.id })
    .from(modelVersions)
    .where(and(eq(modelVersions.tenantId, actor.tenantId), eq(modelVersions.task, task), eq(modelVersions.version, version)));
  if (!row) throw notFound(`phiên bản ${version} của mô hình ${task}`);
  return activateVersion(db, actor, row.id);
}

/** The version that was active before the current one (for "rollback" without a number). */
export async function previousVersionNumber(db: DbOrTx, actor: Actor, task: string): Promise<number | null> {
  need(classifiersPolicy.manageModels(actor));
  const rows = await db
    .select({ version: modelVersions.version, status: modelVersions.status, activatedAt: modelVersions.activatedAt })
    .from(modelVersions)
    .where(and(eq(modelVersions.tenantId, actor.tenantId), eq(modelVersions.task, task), sql`${modelVersions.activatedAt} is not null`))
    .orderBy(desc(modelVersions.activatedAt));
  const prev = rows.find((r) => r.status !== 'active');
  return prev?.version ?? null;
}

// ─── Retraining ────────────────────────────────────────────────────────────────────────────

export interface RetrainOptions {
  /** Macro-F1 the new version may lose and still be activated (default 0: never worse). */
  tolerance?: number;
  corpusDir?: string;
}

function modelCardFor(task: string, version: number, model: LinearModel, trainCounts: Record<string, number>, metrics: Evaluation, counts: Record<string, number>, seconds: number): ModelCard {
  const settings = taskSettings(task);
  return {
    task,
    modelVersion: `${task}-local-v${version}`,
    createdAt: new Date().toISOString(),
    labels: model.labels,
    intendedUse: settings.intendedUse,
    caveats: settings.caveats,
    train: {
      source: `Kho ngữ liệu của dự án (corpus/${task}) và ${counts.corrections ?? 0} nhãn do cán bộ sửa`,
      licence: 'CC BY 4.0 (kho ngữ liệu) + dữ liệu của địa phương',
      examples: Object.values(trainCounts).reduce((a, b) => a + b, 0),
      classCounts: trainCounts,
    },
    evaluation: { role: 'fixed evaluation split of the project corpus', source: `corpus/${task}`, licence: 'CC BY 4.0', examples: metrics.n, classCounts: {} },
    settings: { features: model.features, training: settings.training, temperature: model.temperature, quantization: 'int16' },
    metrics: cardMetrics(metrics),
    trainingSeconds: seconds,
    distribution: { shippable: false, reason: "contains the province's own corrections: stays with the province" },
  };
}

async function nextVersion(db: DbOrTx, tenantId: string, task: string): Promise<number> {
  const [{ v }] = (await db
    .select({ v: max(modelVersions.version) })
    .from(modelVersions)
    .where(and(eq(modelVersions.tenantId, tenantId), eq(modelVersions.task, task)))) as [{ v: number | null }];
  return (v ?? 0) + 1;
}

/** Record the shipped file as version 1, judged on the fixed split, so history starts from it and it can be restored. */
async function registerShipped(db: DbOrTx, actor: Actor, task: string, evalSet: Example[]): Promise<void> {
  const file = shippedModels().get(task);
  if (!file) return;
  const data = fs.readFileSync(file);
  let model: LinearModel;
  try {
    model = deserializeModel(data).model;
  } catch (err) {
    if (err instanceof ModelFileError) return;
    throw err;
  }
  const metrics = evaluateModel(model, evalSet);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(modelVersions)
      .values({
        tenantId: actor.tenantId,
        task,
        version: 1,
        source: 'shipped',
        status: 'active',
        data,
        sha256: createHash('sha256').update(data).digest('hex'),
        labels: model.labels,
        metrics: presentMetrics(metrics),
        decision: 'Mô hình kèm theo sản phẩm, dùng từ đầu.',
        trainedOn: { evaluation: evalSet.length },
        createdBy: actor.userId,
        activatedAt: new Date(),
      })
      .returning({ id: modelVersions.id });
    await writeAudit(tx, actor, { action: 'model_version.register_shipped', entityType: 'model_version', entityId: row!.id, after: { task, version: 1 } });
  });
}

/**
 * Train a new version of a task's model from the shipped corpus and the corrections; store it;
 * activate it only if it is not worse than the active one on the fixed evaluation split.
 * CPU-bound for seconds to minutes: run it from the CLI or the retrain job, not in a request.
 */
export async function retrainTask(db: DbOrTx, actor: Actor, task: string, opts: RetrainOptions = {}): Promise<ModelVersionView> {
  need(classifiersPolicy.manageModels(actor));
  const corpus = readCorpus(task, opts.corpusDir ?? CORPUS_DIR);
  if (!corpus) throw new AppError('unprocessable', `Tác vụ "${task}" không có kho ngữ liệu kèm sẵn (corpus/${task}) nên không huấn luyện lại được.`);
  const split = splitCorpus(corpus);
  const [{ n }] = (await db
    .select({ n: count() })
    .from(modelVersions)
    .where(and(eq(modelVersions.tenantId, actor.tenantId), eq(modelVersions.task, task)))) as [{ n: number }];
  if (Number(n) === 0) await registerShipped(db, actor, task, split.eval);
  forget(actor.tenantId, task);
  const current = await classifierFor(db, actor.tenantId, task);
  const corrections = await correctionsOf(db, actor.tenantId, task);
  const version = await nextVersion(db, actor.tenantId, task);
  // What is stored is what will run: the candidate is judged after a round trip through its quantised file.
  const finalize = (m: LinearModel) => deserializeModel(serializeModel(m, { task, modelVersion: 'candidate', quantization: 'int16' })).model;
  const outcome = retrain({ task, corpus, corrections, current: current?.classifier.model ?? null, tolerance: opts.tolerance ?? 0, finalize });
  const data = serializeModel(outcome.training.model, {
    task,
    modelVersion: `${task}-local-v${version}`,
    quantization: 'int16',
    card: modelCardFor(task, version, outcome.model, outcome.training.trainCounts, outcome.candidate, outcome.counts, outcome.training.seconds),
  });
  const metrics = outcome.candidate;
  const row = await db.transaction(async (tx) => {
    if (outcome.activate) {
      await tx
        .update(modelVersions)
        .set({ status: 'inactive' })
        .where(and(eq(modelVersions.tenantId, actor.tenantId), eq(modelVersions.task, task), eq(modelVersions.status, 'active')));
    }
    const [created] = await tx
      .insert(modelVersions)
      .values({
        tenantId: actor.tenantId,
        task,
        version,
        source: 'retrain',
        status: outcome.activate ? 'active' : 'rejected',
        data,
        sha256: createHash('sha256').update(data).digest('hex'),
        labels: outcome.model.labels,
        metrics: presentMetrics(metrics),
        comparedWith: outcome.current ? presentMetrics(outcome.current) : null,
        decision: outcome.reason,
        trainedOn: outcome.counts,
        trainingMs: Math.round(outcome.training.seconds * 1000),
        createdBy: actor.userId,
        activatedAt: outcome.activate ? new Date() : null,
      })
      .returning(versionColumns);
    await writeAudit(tx, actor, {
      action: outcome.activate ? 'model_version.retrain_activated' : 'model_version.retrain_rejected',
      entityType: 'model_version',
      entityId: created!.id,
      after: { task, version, macroF1: metrics.macroF1, previousMacroF1: outcome.current?.macroF1 ?? null, corrections: outcome.counts.corrections },
    });
    return created!;
  });
  forget(actor.tenantId, task);
  return presentVersion(row);
}
