import { z } from 'zod';
import { assignmentRoles, taskStatuses, timelineKinds } from './plans.tables.ts';

const isoDate = z.iso.date({ message: 'Ngày phải có dạng YYYY-MM-DD.' });
const shortText = z.string().trim().max(500);
const longText = z.string().trim().max(10_000);

export const ZTimeline = z.object({
  text: z.string().max(500).nullable(),
  kind: z.enum(timelineKinds),
  due: isoDate.nullable(),
  from: z.string().max(20).nullable(),
  to: z.string().max(20).nullable(),
});

export const ZProposedAgency = z.object({ id: z.uuid(), code: z.string(), name: z.string(), reason: z.string().nullable() });

/** One agency mention of the plan and the agencies chosen to carry it today. */
export const ZDraftMention = z.object({
  mention: shortText,
  matchName: z.string().nullable(),
  confidence: z.number().min(0).max(1).nullable(),
  proposals: z.array(ZProposedAgency).max(200),
  agencyIds: z.array(z.uuid()).max(200),
});
export type TDraftMention = z.infer<typeof ZDraftMention>;

export const ZDraftTask = z.object({
  ref: z.string().trim().min(1).max(30),
  title: longText.min(1),
  timeline: ZTimeline,
  outputs: longText.nullable(),
  lead: z.array(ZDraftMention).max(50),
  coordinating: z.array(ZDraftMention).max(100),
});
export type TDraftTask = z.infer<typeof ZDraftTask>;

export const ZReportingRule = z.object({
  who: shortText.nullable(),
  to: shortText.nullable(),
  month: z.number().int().min(1).max(12).nullable(),
  day: z.number().int().min(1).max(31).nullable(),
  recurrence: z.string().max(30).nullable(),
});

export const ZPlanDraft = z.object({
  number: z.string().trim().max(100).nullable(),
  issuer: shortText.nullable(),
  place: z.string().trim().max(200).nullable(),
  date: isoDate.nullable(),
  title: longText,
  basis: z.array(z.object({ number: z.string().max(100), date: isoDate.nullable() })).max(100),
  reporting: z.array(ZReportingRule).max(50),
  signer: z.object({ name: z.string().max(200).nullable(), title: z.string().max(200).nullable() }).nullable(),
  parentPlanId: z.uuid().nullable(),
  tasks: z.array(ZDraftTask).max(1000),
});
export type TPlanDraft = z.infer<typeof ZPlanDraft>;

export const ZImport = z.object({
  id: z.uuid(),
  fileName: z.string(),
  status: z.enum(['review', 'published', 'discarded']),
  text: z.string(),
  parsed: z.unknown(),
  draft: ZPlanDraft,
  warnings: z.array(z.string()),
  planId: z.uuid().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
});

export const ZImportUpdate = z.strictObject({ version: z.number().int().positive(), draft: ZPlanDraft });
export const ZVersionBody = z.strictObject({ version: z.number().int().positive() });

export const ZTaskStatus = z.enum(taskStatuses);

export const ZAgencyStatus = z.object({
  agencyId: z.uuid(),
  agencyName: z.string(),
  role: z.enum(assignmentRoles),
  reason: z.string().nullable(),
  mention: z.string().nullable(),
  status: ZTaskStatus,
  lastUpdateAt: z.string().nullable(),
});

export const ZMilestone = z.object({ id: z.uuid(), label: z.string(), dueDate: z.string(), overdue: z.boolean(), done: z.boolean() });

export const ZTask = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  planTitle: z.string(),
  planNumber: z.string().nullable(),
  ref: z.string(),
  title: z.string(),
  timeline: ZTimeline,
  outputs: z.string().nullable(),
  agencies: z.array(ZAgencyStatus),
  milestones: z.array(ZMilestone),
  status: ZTaskStatus,
  overdue: z.boolean(),
  nextDue: z.string().nullable(),
  version: z.number().int(),
});
export type TTask = z.infer<typeof ZTask>;

export const ZProgress = z.object({ tasks: z.number().int(), done: z.number().int(), inProgress: z.number().int(), overdue: z.number().int(), cannotDo: z.number().int() });

export const ZPlanSummary = z.object({
  id: z.uuid(),
  number: z.string().nullable(),
  title: z.string(),
  issuer: z.string().nullable(),
  issuedOn: z.string().nullable(),
  parentPlanId: z.uuid().nullable(),
  status: z.enum(['active', 'closed']),
  progress: ZProgress,
  version: z.number().int(),
});

export const ZPlanDetail = ZPlanSummary.extend({
  place: z.string().nullable(),
  basis: z.array(z.object({ number: z.string(), date: z.string().nullable(), planId: z.uuid().nullable() })),
  reporting: z.array(ZReportingRule),
  signer: z.object({ name: z.string().nullable(), title: z.string().nullable() }).nullable(),
  parent: z.object({ id: z.uuid(), number: z.string().nullable(), title: z.string() }).nullable(),
  children: z.array(ZPlanSummary),
  rollup: ZProgress,
  tasks: z.array(ZTask),
  allowedActions: z.array(z.string()),
});

export const ZPlanUpdate = z.strictObject({
  version: z.number().int().positive(),
  title: longText.min(1).optional(),
  parentPlanId: z.uuid().nullable().optional(),
  status: z.enum(['active', 'closed']).optional(),
});

export const ZEvidence = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('link'), url: z.url({ protocol: /^https?$/, message: 'Liên kết phải bắt đầu bằng http:// hoặc https://.' }).max(2000), title: z.string().trim().max(300).optional() }),
  z.object({ kind: z.literal('file'), sha256: z.string().regex(/^[0-9a-f]{64}$/), name: z.string().max(300) }),
]);

export const ZTaskUpdateCreate = z.strictObject({
  agencyId: z.uuid().optional(),
  milestoneId: z.uuid().nullable().optional(),
  status: ZTaskStatus,
  note: z.string().trim().max(5000).default(''),
  evidence: z.array(ZEvidence).max(20).default([]),
});
export type TTaskUpdateCreate = z.input<typeof ZTaskUpdateCreate>;

export const ZTaskUpdate = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  milestoneId: z.uuid().nullable(),
  status: ZTaskStatus,
  note: z.string(),
  evidence: z.array(ZEvidence),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});

export const ZTaskQuery = z.strictObject({
  planId: z.uuid().optional(),
  agencyId: z.uuid().optional(),
  mine: z.enum(['true', 'false']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
});

export const ZCalendarQuery = z.strictObject({ from: isoDate, to: isoDate, agencyId: z.uuid().optional() });
export const ZCalendarItem = z.object({
  milestoneId: z.uuid(),
  label: z.string(),
  dueDate: z.string(),
  taskId: z.uuid(),
  taskRef: z.string(),
  taskTitle: z.string(),
  planId: z.uuid(),
  planNumber: z.string().nullable(),
  done: z.boolean(),
  overdue: z.boolean(),
});
