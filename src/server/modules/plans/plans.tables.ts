import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { tenants } from '../../platform/platform.tables.ts';
import { agencies } from '../directory/directory.tables.ts';

export const timelineKinds = ['recurring', 'annual', 'deadline', 'period', 'unspecified'] as const;
export type TimelineKind = (typeof timelineKinds)[number];
export const taskStatuses = ['not_started', 'in_progress', 'done', 'cannot_do'] as const;
export type TaskStatus = (typeof taskStatuses)[number];
export const assignmentRoles = ['lead', 'coordinating'] as const;
export type AssignmentRole = (typeof assignmentRoles)[number];

/** An uploaded plan document, its extracted text and the structure under review before publishing. */
export const planImports = pgTable(
  'plan_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    fileName: text('file_name').notNull(),
    fileSha256: text('file_sha256'),
    text: text('text').notNull(),
    /** What the parser read, kept unchanged for comparison and accuracy follow-up. */
    parsed: jsonb('parsed').notNull(),
    /** The reviewer's working copy (parsed + corrections + chosen agencies). */
    draft: jsonb('draft').notNull(),
    status: text('status', { enum: ['review', 'published', 'discarded'] }).notNull().default('review'),
    planId: uuid('plan_id'),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('plan_imports_tenant_idx').on(t.tenantId, t.status)],
);

export const plans = pgTable(
  'plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    number: text('number'),
    issuer: text('issuer'),
    issuerAgencyId: uuid('issuer_agency_id').references(() => agencies.id),
    place: text('place'),
    issuedOn: date('issued_on', { mode: 'string' }),
    title: text('title').notNull(),
    basis: jsonb('basis').notNull().default(sql`'[]'::jsonb`),
    reporting: jsonb('reporting').notNull().default(sql`'[]'::jsonb`),
    signer: jsonb('signer'),
    /** The plan this one implements (a department plan under the provincial plan). */
    parentPlanId: uuid('parent_plan_id').references((): AnyPgColumn => plans.id),
    importId: uuid('import_id'),
    status: text('status', { enum: ['active', 'closed'] }).notNull().default('active'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('plans_tenant_idx').on(t.tenantId), index('plans_parent_idx').on(t.parentPlanId)],
);

export const planTasks = pgTable(
  'plan_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    planId: uuid('plan_id').notNull().references(() => plans.id, { onDelete: 'cascade' }),
    ref: text('ref').notNull(),
    title: text('title').notNull(),
    timelineText: text('timeline_text'),
    timelineKind: text('timeline_kind', { enum: timelineKinds }).notNull().default('unspecified'),
    dueDate: date('due_date', { mode: 'string' }),
    periodFrom: text('period_from'),
    periodTo: text('period_to'),
    outputs: text('outputs'),
    sortOrder: integer('sort_order').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('plan_tasks_plan_idx').on(t.planId)],
);

export const taskAssignments = pgTable(
  'task_assignments',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    taskId: uuid('task_id').notNull().references(() => planTasks.id, { onDelete: 'cascade' }),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    role: text('role', { enum: assignmentRoles }).notNull(),
    /** The words of the plan this assignment came from ("Sở Thông tin và Truyền thông"). */
    mention: text('mention'),
    /** Why this agency (successor of a former one, member of a group), shown to people. */
    reason: text('reason'),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.agencyId] }), index('task_assignments_agency_idx').on(t.agencyId)],
);

/** A due date of a task: the deadline, the end of a period, one per year, or a quarterly check-in. */
export const taskMilestones = pgTable(
  'task_milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    taskId: uuid('task_id').notNull().references(() => planTasks.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
  },
  (t) => [index('task_milestones_task_idx').on(t.taskId), index('task_milestones_due_idx').on(t.tenantId, t.dueDate)],
);

export const taskUpdates = pgTable(
  'task_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    taskId: uuid('task_id').notNull().references(() => planTasks.id, { onDelete: 'cascade' }),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    milestoneId: uuid('milestone_id').references(() => taskMilestones.id, { onDelete: 'set null' }),
    status: text('status', { enum: taskStatuses }).notNull(),
    note: text('note').notNull().default(''),
    evidence: jsonb('evidence').notNull().default(sql`'[]'::jsonb`),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('task_updates_task_idx').on(t.taskId, t.agencyId, t.createdAt)],
);
