import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Db, DbOrTx } from '../../platform/db.ts';
import { todayIso } from '../../platform/dbutil.ts';
import { storedFiles } from '../../platform/platform.tables.ts';
import { AppError, forbidden, notFound, staleVersion } from '../../platform/errors.ts';
import { compareVi } from '../../../nlp/vietnamese.ts';
import { agencyRefs, proposeAgencies } from '../directory/directory.service.ts';
import { milestonesFor, planHorizon } from './milestones.ts';
import { plansPolicy } from './plans.policy.ts';
import type { TDraftMention, TPlanDraft, TTask, TTaskUpdateCreate } from './plans.schemas.ts';
import { planImports, plans, planTasks, taskAssignments, taskMilestones, taskUpdates, type TaskStatus, type TimelineKind } from './plans.tables.ts';

function authorize(allowed: boolean): void {
  if (!allowed) throw forbidden();
}

/** The parser's output as the import needs it (the contract of `dongthuan plan parse --json`). */
export interface ParsedPlanInput {
  number: string | null;
  issuer: string | null;
  place: string | null;
  date: string | null;
  title: string | null;
  basis: { number: string; date: string | null }[];
  tasks: {
    ref: string;
    title: string;
    lead: string[];
    coordinating: string[];
    timeline: { text: string | null; kind: TimelineKind; due: string | null; from: string | null; to: string | null };
    outputs: string | null;
  }[];
  reporting: { who: string | null; to: string | null; month: number | null; day: number | null; recurrence: string | null }[];
  signer: { name: string | null; title: string | null } | null;
  warnings?: string[];
}

// ---------------------------------------------------------------- import and review

async function mentionDraft(db: Db, actor: Actor, mention: string, context: string): Promise<TDraftMention> {
  const p = await proposeAgencies(db, actor, mention, context);
  return {
    mention,
    matchName: p.match?.name ?? null,
    confidence: p.match?.confidence ?? null,
    proposals: p.agencies,
    agencyIds: p.agencies.map((a) => a.id),
  };
}

async function findPlanByNumber(db: DbOrTx, tenantId: string, number: string) {
  const [row] = await db
    .select({ id: plans.id })
    .from(plans)
    .where(and(eq(plans.tenantId, tenantId), sql`lower(${plans.number}) = lower(${number})`));
  return row?.id ?? null;
}

/** Builds the reviewer's first draft: every agency mention with today's agencies proposed for it. */
export async function draftFromParsed(db: Db, actor: Actor, parsed: ParsedPlanInput): Promise<TPlanDraft> {
  let parentPlanId: string | null = null;
  for (const b of parsed.basis) {
    parentPlanId = await findPlanByNumber(db, actor.tenantId, b.number);
    if (parentPlanId) break;
  }
  const tasks = [];
  for (const t of parsed.tasks) {
    const lead = [];
    for (const m of t.lead) lead.push(await mentionDraft(db, actor, m, t.title));
    const coordinating = [];
    for (const m of t.coordinating) coordinating.push(await mentionDraft(db, actor, m, t.title));
    tasks.push({
      ref: t.ref,
      title: t.title,
      timeline: { text: t.timeline.text, kind: t.timeline.kind, due: t.timeline.due, from: t.timeline.from, to: t.timeline.to },
      outputs: t.outputs,
      lead,
      coordinating,
    });
  }
  return {
    number: parsed.number,
    issuer: parsed.issuer,
    place: parsed.place,
    date: parsed.date,
    title: parsed.title ?? '',
    basis: parsed.basis.map((b) => ({ number: b.number, date: b.date })),
    reporting: parsed.reporting,
    signer: parsed.signer,
    parentPlanId,
    tasks,
  };
}

function presentImport(row: typeof planImports.$inferSelect) {
  const parsed = row.parsed as { warnings?: string[] };
  return {
    id: row.id,
    fileName: row.fileName,
    status: row.status,
    text: row.text,
    parsed: row.parsed,
    draft: row.draft as TPlanDraft,
    warnings: parsed.warnings ?? [],
    planId: row.planId,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function createImport(
  db: Db,
  actor: Actor,
  input: { fileName: string; fileSha256: string | null; text: string; parsed: ParsedPlanInput },
) {
  authorize(plansPolicy.importPlan(actor));
  const draft = await draftFromParsed(db, actor, input.parsed);
  // The same plan uploaded twice is a common slip: say so in review, publishing stays the reviewer's call.
  if (input.parsed.number && (await findPlanByNumber(db, actor.tenantId, input.parsed.number))) {
    input.parsed.warnings = [...(input.parsed.warnings ?? []), `Đã có kế hoạch số ${input.parsed.number} trong hệ thống: hãy kiểm tra để không nhập trùng.`];
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(planImports)
      .values({ tenantId: actor.tenantId, fileName: input.fileName, fileSha256: input.fileSha256, text: input.text, parsed: input.parsed, draft, createdBy: actor.userId })
      .returning();
    await writeAudit(tx, actor, { action: 'plan_import.create', entityType: 'plan_import', entityId: row!.id, after: { fileName: input.fileName, tasks: draft.tasks.length } });
    return presentImport(row!);
  });
}

async function loadImport(db: DbOrTx, tenantId: string, id: string) {
  const [row] = await db.select().from(planImports).where(and(eq(planImports.tenantId, tenantId), eq(planImports.id, id)));
  if (!row) throw notFound('bản nhập kế hoạch');
  return row;
}

export async function getImport(db: Db, actor: Actor, id: string) {
  authorize(plansPolicy.importPlan(actor));
  return presentImport(await loadImport(db, actor.tenantId, id));
}

export async function listImports(db: Db, actor: Actor) {
  authorize(plansPolicy.importPlan(actor));
  const rows = await db.select().from(planImports).where(eq(planImports.tenantId, actor.tenantId)).orderBy(desc(planImports.createdAt)).limit(200);
  return rows.map((r) => ({ id: r.id, fileName: r.fileName, status: r.status, title: (r.draft as TPlanDraft).title, planId: r.planId, createdAt: r.createdAt.toISOString(), version: r.version }));
}

function assertReviewable(row: typeof planImports.$inferSelect) {
  if (row.status !== 'review') throw new AppError('conflict', 'Bản nhập này đã được công bố hoặc hủy, không sửa được nữa.');
}

export async function updateImportDraft(db: Db, actor: Actor, id: string, version: number, draft: TPlanDraft) {
  authorize(plansPolicy.importPlan(actor));
  return db.transaction(async (tx) => {
    const before = await loadImport(tx, actor.tenantId, id);
    assertReviewable(before);
    const [row] = await tx
      .update(planImports)
      .set({ draft, version: sql`${planImports.version} + 1`, updatedAt: new Date() })
      .where(and(eq(planImports.id, id), eq(planImports.version, version)))
      .returning();
    if (!row) throw staleVersion();
    await writeAudit(tx, actor, { action: 'plan_import.update', entityType: 'plan_import', entityId: id, before: before.draft, after: draft });
    return presentImport(row);
  });
}

export async function discardImport(db: Db, actor: Actor, id: string, version: number) {
  authorize(plansPolicy.importPlan(actor));
  await db.transaction(async (tx) => {
    const before = await loadImport(tx, actor.tenantId, id);
    assertReviewable(before);
    const [row] = await tx
      .update(planImports)
      .set({ status: 'discarded', version: sql`${planImports.version} + 1`, updatedAt: new Date() })
      .where(and(eq(planImports.id, id), eq(planImports.version, version)))
      .returning();
    if (!row) throw staleVersion();
    await writeAudit(tx, actor, { action: 'plan_import.discard', entityType: 'plan_import', entityId: id });
  });
}

/** Publishing creates the plan, its tasks, assignments and milestones in one transaction. */
export async function publishImport(db: Db, actor: Actor, id: string, version: number) {
  authorize(plansPolicy.importPlan(actor));
  // Resolved before the transaction: on PGlite a query outside an open transaction would wait for it forever.
  const pending = await loadImport(db, actor.tenantId, id);
  const issuerName = (pending.draft as TPlanDraft).issuer;
  const issuer = issuerName ? await proposeAgencies(db, actor, issuerName, (pending.draft as TPlanDraft).title) : null;
  return db.transaction(async (tx) => {
    const imp = await loadImport(tx, actor.tenantId, id);
    assertReviewable(imp);
    if (imp.version !== version) throw staleVersion();
    const draft = imp.draft as TPlanDraft;
    const problems: string[] = [];
    if (!draft.title.trim()) problems.push('Kế hoạch chưa có trích yếu (tiêu đề).');
    if (draft.tasks.length === 0) problems.push('Kế hoạch chưa có nhiệm vụ nào.');
    for (const t of draft.tasks) {
      if (!t.lead.some((m) => m.agencyIds.length > 0)) problems.push(`Nhiệm vụ ${t.ref}: chưa chọn cơ quan chủ trì.`);
    }
    const refs = draft.tasks.map((t) => t.ref);
    const dupRefs = refs.filter((r, i) => refs.indexOf(r) !== i);
    if (dupRefs.length) problems.push(`Số thứ tự nhiệm vụ bị trùng: ${[...new Set(dupRefs)].join(', ')}.`);
    const allIds = draft.tasks.flatMap((t) => [...t.lead, ...t.coordinating].flatMap((m) => m.agencyIds));
    const known = await agencyRefs(tx, actor.tenantId, allIds);
    const unknown = [...new Set(allIds.filter((x) => !known.has(x)))];
    if (unknown.length) problems.push(`Có ${unknown.length} cơ quan không còn trong danh bạ.`);
    if (draft.parentPlanId) {
      const [p] = await tx.select({ id: plans.id }).from(plans).where(and(eq(plans.tenantId, actor.tenantId), eq(plans.id, draft.parentPlanId)));
      if (!p) problems.push('Kế hoạch cấp trên không tồn tại.');
    }
    if (problems.length) throw new AppError('unprocessable', `Chưa công bố được: ${problems.join(' ')}`, { problems });

    const [plan] = await tx
      .insert(plans)
      .values({
        tenantId: actor.tenantId,
        number: draft.number,
        issuer: draft.issuer,
        issuerAgencyId: draft.issuer === issuerName ? (issuer?.agencies[0]?.id ?? null) : null,
        place: draft.place,
        issuedOn: draft.date,
        title: draft.title,
        basis: draft.basis,
        reporting: draft.reporting,
        signer: draft.signer,
        parentPlanId: draft.parentPlanId,
        importId: imp.id,
      })
      .returning();
    const horizon = planHorizon(draft.title, draft.date, draft.tasks.flatMap((t) => [t.timeline.to, t.timeline.due]));
    let order = 0;
    for (const t of draft.tasks) {
      const [task] = await tx
        .insert(planTasks)
        .values({
          tenantId: actor.tenantId,
          planId: plan!.id,
          ref: t.ref,
          title: t.title,
          timelineText: t.timeline.text,
          timelineKind: t.timeline.kind,
          dueDate: t.timeline.due,
          periodFrom: t.timeline.from,
          periodTo: t.timeline.to,
          outputs: t.outputs,
          sortOrder: order++,
        })
        .returning();
      const assigned = new Map<string, { role: 'lead' | 'coordinating'; mention: string; reason: string | null }>();
      for (const [role, mentions] of [['lead', t.lead], ['coordinating', t.coordinating]] as const) {
        for (const m of mentions) {
          for (const agencyId of m.agencyIds) {
            if (assigned.has(agencyId)) continue; // lead wins over coordinating
            const reason = m.proposals.find((p) => p.id === agencyId)?.reason ?? null;
            assigned.set(agencyId, { role, mention: m.mention, reason });
          }
        }
      }
      if (assigned.size) {
        await tx.insert(taskAssignments).values([...assigned].map(([agencyId, a]) => ({ tenantId: actor.tenantId, taskId: task!.id, agencyId, ...a })));
      }
      const ms = milestonesFor(t.timeline, { issuedOn: draft.date, horizonYear: horizon });
      if (ms.length) await tx.insert(taskMilestones).values(ms.map((m) => ({ tenantId: actor.tenantId, taskId: task!.id, label: m.label, dueDate: m.dueDate })));
    }
    await tx
      .update(planImports)
      .set({ status: 'published', planId: plan!.id, version: sql`${planImports.version} + 1`, updatedAt: new Date() })
      .where(eq(planImports.id, imp.id));
    await writeAudit(tx, actor, {
      action: 'plan.publish',
      entityType: 'plan',
      entityId: plan!.id,
      after: { number: plan!.number, title: plan!.title, tasks: draft.tasks.length, importId: imp.id },
    });
    return { id: plan!.id };
  });
}

// ---------------------------------------------------------------- status, computed

type TaskRow = typeof planTasks.$inferSelect;
type PlanRow = typeof plans.$inferSelect;

interface TaskBundle {
  tasks: TaskRow[];
  plans: Map<string, PlanRow>;
  assignments: (typeof taskAssignments.$inferSelect)[];
  milestones: (typeof taskMilestones.$inferSelect)[];
  updates: (typeof taskUpdates.$inferSelect)[];
  agencyNames: Map<string, string>;
}

async function loadBundle(db: DbOrTx, tenantId: string, taskWhere: ReturnType<typeof sql> | undefined): Promise<TaskBundle> {
  const tasks = await db
    .select()
    .from(planTasks)
    .where(and(eq(planTasks.tenantId, tenantId), taskWhere))
    .orderBy(asc(planTasks.planId), asc(planTasks.sortOrder));
  const ids = tasks.map((t) => t.id);
  if (ids.length === 0) return { tasks, plans: new Map(), assignments: [], milestones: [], updates: [], agencyNames: new Map() };
  const planRows = await db.select().from(plans).where(inArray(plans.id, [...new Set(tasks.map((t) => t.planId))]));
  const assignments = await db.select().from(taskAssignments).where(inArray(taskAssignments.taskId, ids));
  const milestones = await db.select().from(taskMilestones).where(inArray(taskMilestones.taskId, ids)).orderBy(asc(taskMilestones.dueDate));
  const updates = await db.select().from(taskUpdates).where(inArray(taskUpdates.taskId, ids)).orderBy(asc(taskUpdates.createdAt));
  const refs = await agencyRefs(db, tenantId, [...assignments.map((a) => a.agencyId), ...updates.map((u) => u.agencyId)]);
  return {
    tasks,
    plans: new Map(planRows.map((p) => [p.id, p])),
    assignments,
    milestones,
    updates,
    agencyNames: new Map([...refs].map(([id, r]) => [id, r.name])),
  };
}

/**
 * Status is derived, never typed in: an agency's status on a task is its latest update; a
 * milestone is done when a lead agency reported 'done' for it (or for the task, when the task
 * has a single milestone); a milestone is overdue when its day has passed and it is not done.
 */
function presentTasks(b: TaskBundle, today = todayIso()): TTask[] {
  return b.tasks.map((task) => {
    const plan = b.plans.get(task.planId)!;
    const assignments = b.assignments.filter((a) => a.taskId === task.id);
    const updates = b.updates.filter((u) => u.taskId === task.id);
    const milestones = b.milestones.filter((m) => m.taskId === task.id);
    const latest = new Map<string, (typeof updates)[number]>();
    for (const u of updates) latest.set(u.agencyId, u);
    const leads = assignments.filter((a) => a.role === 'lead').map((a) => a.agencyId);
    const single = milestones.length === 1;
    const presentedMilestones = milestones.map((m) => {
      const done = updates.some(
        (u) => leads.includes(u.agencyId) && (u.status === 'done' || u.status === 'cannot_do') && (u.milestoneId === m.id || (single && u.milestoneId === null)),
      );
      return { id: m.id, label: m.label, dueDate: m.dueDate, done, overdue: !done && m.dueDate < today };
    });
    const agencies = assignments
      .map((a) => ({
        agencyId: a.agencyId,
        agencyName: b.agencyNames.get(a.agencyId) ?? '',
        role: a.role,
        reason: a.reason,
        mention: a.mention,
        status: (latest.get(a.agencyId)?.status ?? 'not_started') as TaskStatus,
        lastUpdateAt: latest.get(a.agencyId)?.createdAt.toISOString() ?? null,
      }))
      .sort((x, y) => (x.role === y.role ? compareVi(x.agencyName, y.agencyName) : x.role === 'lead' ? -1 : 1));
    const leadStatuses = agencies.filter((a) => a.role === 'lead').map((a) => a.status);
    const status: TaskStatus =
      leadStatuses.length && leadStatuses.every((s) => s === 'done')
        ? 'done'
        : leadStatuses.some((s) => s === 'cannot_do')
          ? 'cannot_do'
          : leadStatuses.some((s) => s !== 'not_started')
            ? 'in_progress'
            : 'not_started';
    const open = presentedMilestones.filter((m) => !m.done);
    return {
      id: task.id,
      planId: plan.id,
      planTitle: plan.title,
      planNumber: plan.number,
      ref: task.ref,
      title: task.title,
      timeline: { text: task.timelineText, kind: task.timelineKind, due: task.dueDate, from: task.periodFrom, to: task.periodTo },
      outputs: task.outputs,
      agencies,
      milestones: presentedMilestones,
      status,
      overdue: presentedMilestones.some((m) => m.overdue),
      nextDue: open[0]?.dueDate ?? null,
      version: task.version,
    };
  });
}

function progressOf(tasks: TTask[]) {
  return {
    tasks: tasks.length,
    done: tasks.filter((t) => t.status === 'done').length,
    inProgress: tasks.filter((t) => t.status === 'in_progress').length,
    overdue: tasks.filter((t) => t.overdue).length,
    cannotDo: tasks.filter((t) => t.status === 'cannot_do').length,
  };
}

// ---------------------------------------------------------------- plans

function presentSummary(p: PlanRow, tasks: TTask[]) {
  return {
    id: p.id,
    number: p.number,
    title: p.title,
    issuer: p.issuer,
    issuedOn: p.issuedOn,
    parentPlanId: p.parentPlanId,
    status: p.status,
    progress: progressOf(tasks),
    version: p.version,
  };
}

export async function listPlans(db: Db, actor: Actor) {
  authorize(plansPolicy.read(actor));
  const rows = await db.select().from(plans).where(eq(plans.tenantId, actor.tenantId)).orderBy(desc(plans.issuedOn), desc(plans.createdAt));
  const tasks = presentTasks(await loadBundle(db, actor.tenantId, undefined));
  return rows.map((p) => presentSummary(p, tasks.filter((t) => t.planId === p.id)));
}

async function loadPlan(db: DbOrTx, tenantId: string, id: string) {
  const [row] = await db.select().from(plans).where(and(eq(plans.tenantId, tenantId), eq(plans.id, id)));
  if (!row) throw notFound('kế hoạch');
  return row;
}

async function descendantPlanIds(db: DbOrTx, tenantId: string, id: string): Promise<string[]> {
  const result = await db.execute(sql`
    with recursive sub(id) as (
      select id from plans where parent_plan_id = ${id} and tenant_id = ${tenantId}
      union
      select p.id from plans p join sub on p.parent_plan_id = sub.id where p.tenant_id = ${tenantId}
    ) select id from sub`);
  return (result as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
}

export async function getPlan(db: Db, actor: Actor, id: string) {
  authorize(plansPolicy.read(actor));
  const plan = await loadPlan(db, actor.tenantId, id);
  const descendants = await descendantPlanIds(db, actor.tenantId, id);
  const allIds = [id, ...descendants];
  const tasks = presentTasks(await loadBundle(db, actor.tenantId, sql`${planTasks.planId} in (${sql.join(allIds.map((x) => sql`${x}`), sql`, `)})`));
  const own = tasks.filter((t) => t.planId === id);
  const childRows = await db.select().from(plans).where(and(eq(plans.tenantId, actor.tenantId), eq(plans.parentPlanId, id)));
  const parent = plan.parentPlanId ? await loadPlan(db, actor.tenantId, plan.parentPlanId) : null;
  const basis = [];
  for (const b of plan.basis as { number: string; date: string | null }[]) basis.push({ ...b, planId: await findPlanByNumber(db, actor.tenantId, b.number) });
  return {
    ...presentSummary(plan, own),
    place: plan.place,
    basis,
    reporting: plan.reporting as TPlanDraft['reporting'],
    signer: plan.signer as TPlanDraft['signer'],
    parent: parent ? { id: parent.id, number: parent.number, title: parent.title } : null,
    children: childRows.map((c) => presentSummary(c, tasks.filter((t) => t.planId === c.id))),
    rollup: progressOf(tasks),
    tasks: own,
    allowedActions: plansPolicy.managePlan(actor) ? ['manage'] : [],
  };
}

export async function updatePlan(db: Db, actor: Actor, id: string, input: { version: number; title?: string | undefined; parentPlanId?: string | null | undefined; status?: 'active' | 'closed' | undefined }) {
  authorize(plansPolicy.managePlan(actor));
  return db.transaction(async (tx) => {
    const before = await loadPlan(tx, actor.tenantId, id);
    if (input.parentPlanId) {
      if (input.parentPlanId === id || (await descendantPlanIds(tx, actor.tenantId, id)).includes(input.parentPlanId)) {
        throw new AppError('validation_failed', 'Không thể đặt kế hoạch triển khai chính nó hoặc kế hoạch cấp dưới của nó.', { field: 'parentPlanId' });
      }
      await loadPlan(tx, actor.tenantId, input.parentPlanId);
    }
    const [row] = await tx
      .update(plans)
      .set({
        title: input.title ?? before.title,
        parentPlanId: input.parentPlanId !== undefined ? input.parentPlanId : before.parentPlanId,
        status: input.status ?? before.status,
        version: sql`${plans.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(plans.id, id), eq(plans.version, input.version)))
      .returning();
    if (!row) throw staleVersion();
    await writeAudit(tx, actor, { action: 'plan.update', entityType: 'plan', entityId: id, before, after: row });
    return { id };
  });
}

// ---------------------------------------------------------------- tasks and progress

export async function listTasks(db: Db, actor: Actor, f: { planId?: string | undefined; agencyId?: string | undefined; mine?: boolean; overdue?: boolean }) {
  authorize(plansPolicy.read(actor));
  const agencyFilter = f.mine ? [...actor.agencyScope] : f.agencyId ? [f.agencyId] : null;
  if (agencyFilter && agencyFilter.length === 0) return [];
  const where = and(
    f.planId ? eq(planTasks.planId, f.planId) : undefined,
    agencyFilter
      ? sql`${planTasks.id} in (select task_id from task_assignments where agency_id in (${sql.join(agencyFilter.map((x) => sql`${x}`), sql`, `)}))`
      : undefined,
  );
  let tasks = presentTasks(await loadBundle(db, actor.tenantId, where as ReturnType<typeof sql> | undefined));
  if (f.overdue) tasks = tasks.filter((t) => t.overdue);
  return tasks;
}

export async function getTask(db: Db, actor: Actor, id: string) {
  authorize(plansPolicy.read(actor));
  const bundle = await loadBundle(db, actor.tenantId, sql`${planTasks.id} = ${id}`);
  const [task] = presentTasks(bundle);
  if (!task) throw notFound('nhiệm vụ');
  const updates = bundle.updates
    .slice()
    .reverse()
    .map((u) => ({
      id: u.id,
      agencyId: u.agencyId,
      agencyName: bundle.agencyNames.get(u.agencyId) ?? '',
      milestoneId: u.milestoneId,
      status: u.status,
      note: u.note,
      evidence: u.evidence as never,
      createdBy: u.createdBy,
      createdAt: u.createdAt.toISOString(),
    }));
  const canReport = task.agencies.filter((a) => plansPolicy.reportProgress(actor, a.agencyId)).map((a) => a.agencyId);
  return { task, updates, reportableAgencyIds: canReport };
}

/** An agency reports progress on a task assigned to it. */
export async function addTaskUpdate(db: Db, actor: Actor, taskId: string, input: TTaskUpdateCreate) {
  return db.transaction(async (tx) => {
    const [task] = await tx.select().from(planTasks).where(and(eq(planTasks.tenantId, actor.tenantId), eq(planTasks.id, taskId)));
    if (!task) throw notFound('nhiệm vụ');
    const assignments = await tx.select().from(taskAssignments).where(eq(taskAssignments.taskId, taskId));
    let agencyId = input.agencyId;
    if (!agencyId) {
      const mine = assignments.filter((a) => actor.agencyScope.has(a.agencyId));
      if (mine.length !== 1) throw new AppError('validation_failed', 'Hãy chọn cơ quan báo cáo tiến độ.', { field: 'agencyId' });
      agencyId = mine[0]!.agencyId;
    }
    authorize(plansPolicy.reportProgress(actor, agencyId));
    if (!assignments.some((a) => a.agencyId === agencyId)) {
      throw new AppError('validation_failed', 'Cơ quan này không được giao nhiệm vụ này.', { field: 'agencyId' });
    }
    if (input.milestoneId) {
      const [m] = await tx.select().from(taskMilestones).where(and(eq(taskMilestones.id, input.milestoneId), eq(taskMilestones.taskId, taskId)));
      if (!m) throw new AppError('validation_failed', 'Mốc thời gian không thuộc nhiệm vụ này.', { field: 'milestoneId' });
    }
    const fileShas = (input.evidence ?? []).flatMap((e) => (e.kind === 'file' ? [e.sha256] : []));
    if (fileShas.length) {
      const found = await tx
        .select({ sha: storedFiles.sha256 })
        .from(storedFiles)
        .where(and(eq(storedFiles.tenantId, actor.tenantId), inArray(storedFiles.sha256, fileShas)));
      if (found.length !== new Set(fileShas).size) throw new AppError('validation_failed', 'Tệp minh chứng chưa được tải lên.', { field: 'evidence' });
    }
    const [row] = await tx
      .insert(taskUpdates)
      .values({
        tenantId: actor.tenantId,
        taskId,
        agencyId,
        milestoneId: input.milestoneId ?? null,
        status: input.status,
        note: input.note ?? '',
        evidence: input.evidence ?? [],
        createdBy: actor.userId,
      })
      .returning();
    await writeAudit(tx, actor, { action: 'task.progress', entityType: 'task', entityId: taskId, after: row });
    return { id: row!.id };
  });
}

export async function calendar(db: Db, actor: Actor, f: { from: string; to: string; agencyId?: string | undefined }) {
  authorize(plansPolicy.read(actor));
  if (f.to < f.from) throw new AppError('validation_failed', 'Ngày kết thúc phải sau ngày bắt đầu.');
  const where = sql`${planTasks.id} in (select task_id from task_milestones where due_date between ${f.from} and ${f.to})${
    f.agencyId ? sql` and ${planTasks.id} in (select task_id from task_assignments where agency_id = ${f.agencyId})` : sql``
  }`;
  const tasks = presentTasks(await loadBundle(db, actor.tenantId, where));
  return tasks
    .flatMap((t) =>
      t.milestones
        .filter((m) => m.dueDate >= f.from && m.dueDate <= f.to)
        .map((m) => ({
          milestoneId: m.id,
          label: m.label,
          dueDate: m.dueDate,
          taskId: t.id,
          taskRef: t.ref,
          taskTitle: t.title,
          planId: t.planId,
          planNumber: t.planNumber,
          done: m.done,
          overdue: m.overdue,
        })),
    )
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
}
