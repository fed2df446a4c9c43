import { sql } from 'drizzle-orm';
import { customType, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenants } from '../../platform/platform.tables.ts';

/** Raw bytes (model files are a few MB; kept with their metadata so a version is one row). */
export const bytea = customType<{ data: Buffer; driverData: Uint8Array | Buffer }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

export const modelSources = ['shipped', 'retrain', 'upload'] as const;
export const modelStatuses = ['active', 'inactive', 'rejected'] as const;

/**
 * Every version of every classifier the province has used or tried: the model file, how it was
 * trained, its metrics on the task's fixed evaluation split and the decision taken. Exactly one
 * active version per task (partial unique index); none means the shipped file is used.
 */
export const modelVersions = pgTable(
  'model_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    task: text('task').notNull(),
    version: integer('version').notNull(),
    source: text('source', { enum: modelSources }).notNull(),
    status: text('status', { enum: modelStatuses }).notNull(),
    /** The .dtlm file (format of src/nlp/text/model-file.ts). */
    data: bytea('data').notNull(),
    sha256: text('sha256').notNull(),
    labels: jsonb('labels').$type<string[]>().notNull(),
    /** Metrics on the fixed evaluation split: accuracy, macroF1, perClass, confusion. */
    metrics: jsonb('metrics').notNull(),
    /** The active model's metrics on the same split when this one was judged. */
    comparedWith: jsonb('compared_with'),
    decision: text('decision').notNull(),
    /** Examples used: corpus train/dev, corrections, evaluation size. */
    trainedOn: jsonb('trained_on').notNull(),
    trainingMs: integer('training_ms'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('model_versions_task_version_uq').on(t.tenantId, t.task, t.version),
    uniqueIndex('model_versions_active_uq').on(t.tenantId, t.task).where(sql`status = 'active'`),
  ],
);

/** A label set right by staff (monitoring, moderation): kept for retraining. One per subject and task. */
export const labelCorrections = pgTable(
  'label_corrections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    task: text('task').notNull(),
    /** What was corrected, e.g. 'article' and its id; 'text' for a free text. */
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    text: text('text').notNull(),
    label: text('label').notNull(),
    previousLabel: text('previous_label'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('label_corrections_subject_uq').on(t.tenantId, t.task, t.subjectType, t.subjectId), index('label_corrections_task_idx').on(t.tenantId, t.task, t.createdAt)],
);
