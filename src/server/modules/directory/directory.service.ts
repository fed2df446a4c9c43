import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Db, DbOrTx } from '../../platform/db.ts';
import { mapDbError, todayIso } from '../../platform/dbutil.ts';
import { AppError, forbidden, notFound, staleVersion } from '../../platform/errors.ts';
import { buildResolverIndex, resolveAgency, type ResolverIndex } from '../../../nlp/agency-resolver.ts';
import { compareVi, foldAccents, normalizeText } from '../../../nlp/vietnamese.ts';
import { entityHistory } from '../audit/audit.service.ts';
import { allowedAgencyActions, directoryPolicy } from './directory.policy.ts';
import { isActive, presentAgency, presentAgencyRef, presentGroup, presentPerson } from './directory.presenter.ts';
import type {
  TAgency,
  TAgencyCreate,
  TAgencyRef,
  TAgencyUpdate,
  TGroup,
  TGroupCreate,
  TGroupUpdate,
  TPerson,
  TPersonCreate,
  TPersonUpdate,
  TSuccessionCreate,
} from './directory.schemas.ts';
import { agencies, agencyGroupMembers, agencyGroups, agencySuccessions, people, type AgencyKind, type NetworkRole } from './directory.tables.ts';

type AgencyRow = typeof agencies.$inferSelect;

const clean = (s: string) => normalizeText(s);
const cleanList = (xs: string[] | undefined) => [...new Set((xs ?? []).map(clean).filter(Boolean))];

function searchTextOf(a: { code: string; name: string; shortNames: string[]; aliases: string[] }): string {
  return foldAccents([a.name, ...a.shortNames, ...a.aliases, a.code].join(' | '));
}

function authorize(allowed: boolean): void {
  if (!allowed) throw forbidden();
}

async function loadAgency(db: DbOrTx, tenantId: string, id: string): Promise<AgencyRow> {
  const [row] = await db.select().from(agencies).where(and(eq(agencies.tenantId, tenantId), eq(agencies.id, id)));
  if (!row) throw notFound('cơ quan');
  return row;
}

/** Ids of an agency and every agency below it. */
export async function agencySubtreeIds(db: DbOrTx, tenantId: string, agencyId: string): Promise<string[]> {
  const result = await db.execute(sql`
    with recursive sub(id) as (
      select id from agencies where id = ${agencyId} and tenant_id = ${tenantId}
      union
      select a.id from agencies a join sub on a.parent_id = sub.id where a.tenant_id = ${tenantId}
    ) select id from sub`);
  return (result as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
}

export async function agencyRefs(db: DbOrTx, tenantId: string, ids: string[]): Promise<Map<string, TAgencyRef>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: agencies.id, code: agencies.code, name: agencies.name, validFrom: agencies.validFrom, validTo: agencies.validTo })
    .from(agencies)
    .where(and(eq(agencies.tenantId, tenantId), inArray(agencies.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, presentAgencyRef(r)]));
}

export async function findAgencyByCode(db: DbOrTx, tenantId: string, code: string): Promise<TAgency | null> {
  const [row] = await db.select().from(agencies).where(and(eq(agencies.tenantId, tenantId), eq(agencies.code, code.toLowerCase())));
  return row ? presentAgency(row) : null;
}

// ---------------------------------------------------------------- agencies

export interface AgencyListFilter {
  q?: string | undefined;
  kind?: AgencyKind | undefined;
  includeFormer?: boolean | undefined;
  parentId?: string | undefined;
}

export async function listAgencies(db: Db, actor: Actor, filter: AgencyListFilter): Promise<TAgency[]> {
  authorize(directoryPolicy.read(actor));
  const where: SQL[] = [eq(agencies.tenantId, actor.tenantId)];
  if (filter.kind) where.push(eq(agencies.kind, filter.kind));
  if (filter.parentId) where.push(eq(agencies.parentId, filter.parentId));
  if (!filter.includeFormer) {
    const today = todayIso();
    where.push(sql`(${agencies.validTo} is null or ${agencies.validTo} > ${today}) and (${agencies.validFrom} is null or ${agencies.validFrom} <= ${today})`);
  }
  const q = filter.q ? foldAccents(normalizeText(filter.q)) : '';
  // Exact (folded) substring hits rank first, then the closest fuzzy matches.
  const like = `%${q.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
  if (q) {
    // Substring on the folded text, or trigram similarity for typos and damaged spellings.
    where.push(sql`(${agencies.searchText} like ${like} or word_similarity(${q}, ${agencies.searchText}) > 0.5)`);
  }
  const rows = await db
    .select()
    .from(agencies)
    .where(and(...where))
    .orderBy(...(q ? [sql`(${agencies.searchText} like ${like}) desc`, sql`word_similarity(${q}, ${agencies.searchText}) desc`] : [asc(agencies.name)]))
    .limit(2000);
  const list = rows.map(presentAgency);
  return q ? list : list.sort((a, b) => compareVi(a.name, b.name));
}

async function assertParentAllowed(tx: DbOrTx, actor: Actor, agencyId: string | null, parentId: string | null | undefined): Promise<void> {
  if (!parentId) return;
  await loadAgency(tx, actor.tenantId, parentId);
  if (agencyId) {
    const subtree = await agencySubtreeIds(tx, actor.tenantId, agencyId);
    if (subtree.includes(parentId)) {
      throw new AppError('validation_failed', 'Không thể đặt cơ quan trực thuộc chính nó hoặc đơn vị cấp dưới của nó.', { field: 'parentId' });
    }
  }
}

function checkDates(validFrom: string | null | undefined, validTo: string | null | undefined): void {
  if (validFrom && validTo && validTo <= validFrom) {
    throw new AppError('validation_failed', 'Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.', { field: 'validTo' });
  }
}

export async function createAgency(db: Db, actor: Actor, input: TAgencyCreate): Promise<TAgency> {
  authorize(directoryPolicy.createAgency(actor, input.parentId));
  checkDates(input.validFrom, input.validTo);
  return db.transaction(async (tx) => {
    await assertParentAllowed(tx, actor, null, input.parentId);
    const values = {
      tenantId: actor.tenantId,
      code: input.code,
      name: clean(input.name),
      shortNames: cleanList(input.shortNames),
      aliases: cleanList(input.aliases),
      kind: input.kind,
      parentId: input.parentId ?? null,
      validFrom: input.validFrom ?? null,
      validTo: input.validTo ?? null,
    };
    const [row] = await tx
      .insert(agencies)
      .values({ ...values, searchText: searchTextOf(values) })
      .returning()
      .catch((err) => mapDbError(err, { field: 'mã cơ quan', value: input.code }));
    const agency = presentAgency(row!);
    await writeAudit(tx, actor, { action: 'agency.create', entityType: 'agency', entityId: agency.id, after: agency });
    return agency;
  });
}

export async function updateAgency(db: Db, actor: Actor, id: string, input: TAgencyUpdate): Promise<TAgency> {
  return db.transaction(async (tx) => {
    const before = await loadAgency(tx, actor.tenantId, id);
    authorize(directoryPolicy.updateAgency(actor, id));
    if (input.parentId !== undefined && input.parentId !== before.parentId) {
      authorize(directoryPolicy.createAgency(actor, input.parentId));
      await assertParentAllowed(tx, actor, id, input.parentId);
    }
    const next = {
      code: input.code ?? before.code,
      name: input.name !== undefined ? clean(input.name) : before.name,
      shortNames: input.shortNames !== undefined ? cleanList(input.shortNames) : before.shortNames,
      aliases: input.aliases !== undefined ? cleanList(input.aliases) : before.aliases,
      kind: input.kind ?? before.kind,
      parentId: input.parentId !== undefined ? input.parentId : before.parentId,
      validFrom: input.validFrom !== undefined ? input.validFrom : before.validFrom,
      validTo: input.validTo !== undefined ? input.validTo : before.validTo,
    };
    checkDates(next.validFrom, next.validTo);
    const [row] = await tx
      .update(agencies)
      .set({ ...next, searchText: searchTextOf(next), version: sql`${agencies.version} + 1`, updatedAt: new Date() })
      .where(and(eq(agencies.id, id), eq(agencies.tenantId, actor.tenantId), eq(agencies.version, input.version)))
      .returning()
      .catch((err) => mapDbError(err, { field: 'mã cơ quan', value: next.code }));
    if (!row) throw staleVersion();
    const after = presentAgency(row);
    await writeAudit(tx, actor, { action: 'agency.update', entityType: 'agency', entityId: id, before: presentAgency(before), after });
    return after;
  });
}

async function successionList(db: DbOrTx, tenantId: string, agencyId: string, direction: 'successors' | 'predecessors') {
  const mine = direction === 'successors' ? agencySuccessions.predecessorId : agencySuccessions.successorId;
  const other = direction === 'successors' ? agencySuccessions.successorId : agencySuccessions.predecessorId;
  const rows = await db
    .select({ otherId: other, duties: agencySuccessions.duties, effectiveDate: agencySuccessions.effectiveDate })
    .from(agencySuccessions)
    .where(and(eq(agencySuccessions.tenantId, tenantId), eq(mine, agencyId)));
  const refs = await agencyRefs(db, tenantId, rows.map((r) => r.otherId));
  return rows
    .map((r) => ({ agency: refs.get(r.otherId)!, duties: r.duties, effectiveDate: r.effectiveDate }))
    .sort((a, b) => compareVi(a.agency.name, b.agency.name));
}

export async function getAgencyDetail(db: Db, actor: Actor, id: string) {
  authorize(directoryPolicy.read(actor));
  const row = await loadAgency(db, actor.tenantId, id);
  const children = await db
    .select()
    .from(agencies)
    .where(and(eq(agencies.tenantId, actor.tenantId), eq(agencies.parentId, id)));
  const parentRefs = row.parentId ? await agencyRefs(db, actor.tenantId, [row.parentId]) : new Map<string, TAgencyRef>();
  return {
    agency: presentAgency(row),
    parent: row.parentId ? (parentRefs.get(row.parentId) ?? null) : null,
    children: children.map(presentAgencyRef).sort((a, b) => compareVi(a.name, b.name)),
    successors: await successionList(db, actor.tenantId, id, 'successors'),
    predecessors: await successionList(db, actor.tenantId, id, 'predecessors'),
    people: await listPeople(db, actor, { agencyId: id }),
    history: await entityHistory(db, actor.tenantId, 'agency', id),
    allowedActions: allowedAgencyActions(actor, id),
  };
}

export async function addSuccession(db: Db, actor: Actor, predecessorId: string, input: TSuccessionCreate): Promise<void> {
  authorize(directoryPolicy.manageSuccessions(actor));
  if (predecessorId === input.successorId) {
    throw new AppError('validation_failed', 'Một cơ quan không thể kế thừa chính nó.', { field: 'successorId' });
  }
  await db.transaction(async (tx) => {
    await loadAgency(tx, actor.tenantId, predecessorId);
    await loadAgency(tx, actor.tenantId, input.successorId);
    // Refuse cycles: the successor must not already (transitively) precede... itself via this agency.
    const reach = await tx.execute(sql`
      with recursive chain(id) as (
        select successor_id from agency_successions where predecessor_id = ${input.successorId} and tenant_id = ${actor.tenantId}
        union
        select s.successor_id from agency_successions s join chain on s.predecessor_id = chain.id where s.tenant_id = ${actor.tenantId}
      ) select 1 as hit from chain where id = ${predecessorId} limit 1`);
    if ((reach as unknown as { rows: unknown[] }).rows.length > 0) {
      throw new AppError('validation_failed', 'Liên kết kế thừa này tạo thành vòng lặp.', { field: 'successorId' });
    }
    const values = {
      tenantId: actor.tenantId,
      predecessorId,
      successorId: input.successorId,
      duties: input.duties ? clean(input.duties) : null,
      effectiveDate: input.effectiveDate,
    };
    await tx
      .insert(agencySuccessions)
      .values(values)
      .catch((err) => mapDbError(err, { field: 'cơ quan kế thừa', value: input.successorId }));
    await writeAudit(tx, actor, { action: 'agency.succession.add', entityType: 'agency', entityId: predecessorId, after: values });
  });
}

export async function removeSuccession(db: Db, actor: Actor, predecessorId: string, successorId: string): Promise<void> {
  authorize(directoryPolicy.manageSuccessions(actor));
  await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(agencySuccessions)
      .where(
        and(eq(agencySuccessions.tenantId, actor.tenantId), eq(agencySuccessions.predecessorId, predecessorId), eq(agencySuccessions.successorId, successorId)),
      )
      .returning();
    if (!row) throw notFound('liên kết kế thừa');
    await writeAudit(tx, actor, { action: 'agency.succession.remove', entityType: 'agency', entityId: predecessorId, before: row });
  });
}

// ---------------------------------------------------------------- groups

async function groupMembers(db: DbOrTx, tenantId: string, groupIds: string[]): Promise<Map<string, TAgencyRef[]>> {
  const out = new Map<string, TAgencyRef[]>();
  if (groupIds.length === 0) return out;
  const rows = await db
    .select({ groupId: agencyGroupMembers.groupId, id: agencies.id, code: agencies.code, name: agencies.name, validFrom: agencies.validFrom, validTo: agencies.validTo })
    .from(agencyGroupMembers)
    .innerJoin(agencies, eq(agencies.id, agencyGroupMembers.agencyId))
    .where(and(eq(agencyGroupMembers.tenantId, tenantId), inArray(agencyGroupMembers.groupId, groupIds)));
  for (const r of rows) {
    const list = out.get(r.groupId) ?? [];
    list.push(presentAgencyRef(r));
    out.set(r.groupId, list);
  }
  for (const list of out.values()) list.sort((a, b) => compareVi(a.name, b.name));
  return out;
}

export async function listGroups(db: Db, actor: Actor): Promise<TGroup[]> {
  authorize(directoryPolicy.read(actor));
  const rows = await db.select().from(agencyGroups).where(eq(agencyGroups.tenantId, actor.tenantId));
  const members = await groupMembers(db, actor.tenantId, rows.map((r) => r.id));
  return rows.map((r) => presentGroup(r, members.get(r.id) ?? [])).sort((a, b) => compareVi(a.name, b.name));
}

async function setGroupMembers(tx: DbOrTx, tenantId: string, groupId: string, memberIds: string[]): Promise<void> {
  const unique = [...new Set(memberIds)];
  const refs = await agencyRefs(tx, tenantId, unique);
  const missing = unique.filter((id) => !refs.has(id));
  if (missing.length) throw new AppError('validation_failed', 'Có cơ quan thành viên không tồn tại.', { field: 'memberIds', missing });
  await tx.delete(agencyGroupMembers).where(eq(agencyGroupMembers.groupId, groupId));
  if (unique.length) await tx.insert(agencyGroupMembers).values(unique.map((agencyId) => ({ tenantId, groupId, agencyId })));
}

export async function createGroup(db: Db, actor: Actor, input: TGroupCreate): Promise<TGroup> {
  authorize(directoryPolicy.manageGroups(actor));
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(agencyGroups)
      .values({ tenantId: actor.tenantId, code: input.code, name: clean(input.name), aliases: cleanList(input.aliases) })
      .returning()
      .catch((err) => mapDbError(err, { field: 'mã nhóm', value: input.code }));
    await setGroupMembers(tx, actor.tenantId, row!.id, input.memberIds);
    const group = presentGroup(row!, (await groupMembers(tx, actor.tenantId, [row!.id])).get(row!.id) ?? []);
    await writeAudit(tx, actor, { action: 'group.create', entityType: 'agency_group', entityId: group.id, after: group });
    return group;
  });
}

export async function updateGroup(db: Db, actor: Actor, id: string, input: TGroupUpdate): Promise<TGroup> {
  authorize(directoryPolicy.manageGroups(actor));
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(agencyGroups).where(and(eq(agencyGroups.tenantId, actor.tenantId), eq(agencyGroups.id, id)));
    if (!existing) throw notFound('nhóm cơ quan');
    const before = presentGroup(existing, (await groupMembers(tx, actor.tenantId, [id])).get(id) ?? []);
    const [row] = await tx
      .update(agencyGroups)
      .set({
        name: input.name !== undefined ? clean(input.name) : existing.name,
        aliases: input.aliases !== undefined ? cleanList(input.aliases) : existing.aliases,
        version: sql`${agencyGroups.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(agencyGroups.id, id), eq(agencyGroups.version, input.version)))
      .returning();
    if (!row) throw staleVersion();
    if (input.memberIds) await setGroupMembers(tx, actor.tenantId, id, input.memberIds);
    const after = presentGroup(row, (await groupMembers(tx, actor.tenantId, [id])).get(id) ?? []);
    await writeAudit(tx, actor, { action: 'group.update', entityType: 'agency_group', entityId: id, before, after });
    return after;
  });
}

// ---------------------------------------------------------------- people

export interface PeopleFilter {
  q?: string | undefined;
  agencyId?: string | undefined;
  role?: NetworkRole | undefined;
}

export async function listPeople(db: Db, actor: Actor, filter: PeopleFilter): Promise<TPerson[]> {
  authorize(directoryPolicy.read(actor));
  const where: SQL[] = [eq(people.tenantId, actor.tenantId)];
  if (filter.agencyId) where.push(eq(people.agencyId, filter.agencyId));
  if (filter.role) where.push(sql`${filter.role} = any(${people.roles})`);
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
    // unaccent in the database: "nguyen van" finds "Nguyễn Văn".
    where.push(
      sql`(unaccent(lower(${people.fullName})) like unaccent(lower(${pattern})) or unaccent(lower(${people.title})) like unaccent(lower(${pattern})) or lower(coalesce(${people.email}, '')) like lower(${pattern}))`,
    );
  }
  const rows = await db
    .select({ person: people, agencyName: agencies.name })
    .from(people)
    .innerJoin(agencies, eq(agencies.id, people.agencyId))
    .where(and(...where))
    .limit(2000);
  return rows.map((r) => presentPerson(r.person, r.agencyName)).sort((a, b) => compareVi(a.fullName, b.fullName));
}

export async function createPerson(db: Db, actor: Actor, input: TPersonCreate): Promise<TPerson> {
  authorize(directoryPolicy.writePerson(actor, input.agencyId));
  return db.transaction(async (tx) => {
    const agency = await loadAgency(tx, actor.tenantId, input.agencyId);
    const [row] = await tx
      .insert(people)
      .values({
        tenantId: actor.tenantId,
        agencyId: input.agencyId,
        fullName: clean(input.fullName),
        title: clean(input.title),
        phone: input.phone ?? null,
        email: input.email ?? null,
        roles: [...new Set(input.roles ?? [])],
      })
      .returning();
    const person = presentPerson(row!, agency.name);
    await writeAudit(tx, actor, { action: 'person.create', entityType: 'person', entityId: person.id, after: person });
    return person;
  });
}

async function loadPerson(tx: DbOrTx, tenantId: string, id: string) {
  const [row] = await tx.select().from(people).where(and(eq(people.tenantId, tenantId), eq(people.id, id)));
  if (!row) throw notFound('người trong mạng lưới');
  return row;
}

export async function updatePerson(db: Db, actor: Actor, id: string, input: TPersonUpdate): Promise<TPerson> {
  return db.transaction(async (tx) => {
    const existing = await loadPerson(tx, actor.tenantId, id);
    authorize(directoryPolicy.writePerson(actor, existing.agencyId));
    if (input.agencyId && input.agencyId !== existing.agencyId) authorize(directoryPolicy.writePerson(actor, input.agencyId));
    const agency = await loadAgency(tx, actor.tenantId, input.agencyId ?? existing.agencyId);
    const [row] = await tx
      .update(people)
      .set({
        agencyId: agency.id,
        fullName: input.fullName !== undefined ? clean(input.fullName) : existing.fullName,
        title: input.title !== undefined ? clean(input.title) : existing.title,
        phone: input.phone !== undefined ? input.phone : existing.phone,
        email: input.email !== undefined ? input.email : existing.email,
        roles: input.roles !== undefined ? [...new Set(input.roles)] : existing.roles,
        version: sql`${people.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(people.id, id), eq(people.version, input.version)))
      .returning();
    if (!row) throw staleVersion();
    const beforeAgency = await loadAgency(tx, actor.tenantId, existing.agencyId);
    const after = presentPerson(row, agency.name);
    await writeAudit(tx, actor, { action: 'person.update', entityType: 'person', entityId: id, before: presentPerson(existing, beforeAgency.name), after });
    return after;
  });
}

export async function deletePerson(db: Db, actor: Actor, id: string, version: number): Promise<void> {
  await db.transaction(async (tx) => {
    const existing = await loadPerson(tx, actor.tenantId, id);
    authorize(directoryPolicy.writePerson(actor, existing.agencyId));
    const [row] = await tx.delete(people).where(and(eq(people.id, id), eq(people.version, version))).returning();
    if (!row) throw staleVersion();
    await writeAudit(tx, actor, { action: 'person.delete', entityType: 'person', entityId: id, before: row });
  });
}

/** Decree 09/2017: each agency's spokesperson — name, title, phone, email — is public. */
export async function publicSpokespersons(db: Db, tenantId: string) {
  const rows = await db
    .select({ person: people, agency: agencies })
    .from(people)
    .innerJoin(agencies, eq(agencies.id, people.agencyId))
    .where(and(eq(people.tenantId, tenantId), sql`'spokesperson' = any(${people.roles})`));
  const byAgency = new Map<string, { agency: TAgencyRef; people: { fullName: string; title: string; phone: string | null; email: string | null }[] }>();
  for (const r of rows) {
    if (!isActive(r.agency)) continue;
    const entry = byAgency.get(r.agency.id) ?? { agency: presentAgencyRef(r.agency), people: [] };
    entry.people.push({ fullName: r.person.fullName, title: r.person.title, phone: r.person.phone, email: r.person.email });
    byAgency.set(r.agency.id, entry);
  }
  const items = [...byAgency.values()].sort((a, b) => compareVi(a.agency.name, b.agency.name));
  for (const i of items) i.people.sort((a, b) => compareVi(a.fullName, b.fullName));
  return { items };
}

// ---------------------------------------------------------------- name resolution

interface DirectorySnapshot {
  stamp: string;
  index: ResolverIndex;
  names: Map<string, string>;
  agencies: Map<string, AgencyRow>;
  successions: (typeof agencySuccessions.$inferSelect)[];
  groupMembers: Map<string, string[]>;
}
const indexCache = new Map<string, DirectorySnapshot>();

async function resolverIndex(db: Db, tenantId: string): Promise<DirectorySnapshot> {
  // The stamp changes with any insert or update of agencies or groups, so other processes' edits are seen too.
  const stampResult = await db.execute(sql`
    select (select count(*) || ':' || coalesce(max(updated_at)::text, '') from agencies where tenant_id = ${tenantId})
      || '/' || (select count(*) || ':' || coalesce(max(updated_at)::text, '') from agency_groups where tenant_id = ${tenantId})
      || '/' || (select count(*) from agency_successions where tenant_id = ${tenantId})
      || '/' || (select count(*) from agency_group_members where tenant_id = ${tenantId}) as stamp`);
  const stamp = (stampResult as unknown as { rows: { stamp: string }[] }).rows[0]!.stamp;
  const cached = indexCache.get(tenantId);
  if (cached && cached.stamp === stamp) return cached;
  const agencyRows = await db.select().from(agencies).where(eq(agencies.tenantId, tenantId));
  const groupRows = await db.select().from(agencyGroups).where(eq(agencyGroups.tenantId, tenantId));
  const successions = await db.select().from(agencySuccessions).where(eq(agencySuccessions.tenantId, tenantId));
  const names = new Map<string, string>();
  const index = buildResolverIndex([
    ...agencyRows.map((a) => {
      names.set(a.id, a.name);
      return {
        id: a.id,
        kind: 'agency' as const,
        names: [a.name, ...a.shortNames, ...a.aliases],
        active: isActive(a),
        successorIds: successions.filter((s) => s.predecessorId === a.id).map((s) => s.successorId),
      };
    }),
    ...groupRows.map((g) => {
      names.set(g.id, g.name);
      return { id: g.id, kind: 'group' as const, names: [g.name, ...g.aliases], active: true };
    }),
  ]);
  const members = await db.select().from(agencyGroupMembers).where(eq(agencyGroupMembers.tenantId, tenantId));
  const groupMemberMap = new Map<string, string[]>();
  for (const m of members) groupMemberMap.set(m.groupId, [...(groupMemberMap.get(m.groupId) ?? []), m.agencyId]);
  const entry: DirectorySnapshot = { stamp, index, names, agencies: new Map(agencyRows.map((a) => [a.id, a])), successions, groupMembers: groupMemberMap };
  indexCache.set(tenantId, entry);
  return entry;
}

/** Turns a free-text mention ("Sở TT&TT", "S& Thong tin va Truyén thong") into an agency or group, and today's agencies behind it. */
export async function resolveMention(db: Db, actor: Actor, text: string) {
  // The same walk as for assignments, with no work to match duties against: every successor counts.
  const p = await proposeAgencies(db, actor, text, '');
  if (!p.match) return { match: null };
  const current: TAgencyRef[] = p.agencies.map((a) => ({ id: a.id, code: a.code, name: a.name, active: true }));
  return { match: { ...p.match, current } };
}

// ---------------------------------------------------------------- assignment proposals

export interface ProposedAgency {
  id: string;
  code: string;
  name: string;
  /** Why this agency, in Vietnamese, when it is not literally the one the text names. */
  reason: string | null;
}

export interface AgencyProposal {
  mention: string;
  match: { id: string; kind: 'agency' | 'group'; name: string; confidence: number } | null;
  agencies: ProposedAgency[];
}

// Words too common in this domain to tell one department's duties from another's.
const dutyStopwords = new Set(
  ['và', 'các', 'của', 'cho', 'về', 'lĩnh', 'vực', 'công', 'tác', 'thực', 'hiện', 'tổ', 'chức', 'nhiệm', 'vụ', 'triển', 'khai', 'trên', 'địa', 'bàn', 'tỉnh', 'thành', 'phố', 'thông', 'tin', 'truyền', 'quản', 'lý', 'nhà', 'nước', 'chính', 'sách'].flatMap(
    (w) => [w, foldAccents(w)],
  ),
);
/** Lower-case syllables, keeping diacritics (số ≠ sở) unless the text lost them (OCR), then folding both sides. */
function dutyWords(s: string, fold: boolean): Set<string> {
  const text = normalizeText(s).toLowerCase();
  return new Set((fold ? foldAccents(text) : text).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1 && !dutyStopwords.has(w)));
}
const vnDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/**
 * Which of today's agencies should carry a piece of work that a (possibly old) text assigns to
 * `mention`. A former agency hands the work to the successor whose duties match the work
 * (`context`, e.g. the task's title) — Sở TT&TT's press briefings go to the culture department,
 * its digital platforms to the science department — or to all successors when no duty matches.
 * A group expands to its members' current agencies. Every substitution carries its reason.
 */
export async function proposeAgencies(db: Db, actor: Actor, mention: string, context: string): Promise<AgencyProposal> {
  authorize(directoryPolicy.read(actor));
  const snap = await resolverIndex(db, actor.tenantId);
  const hit = resolveAgency(snap.index, mention);
  if (!hit) return { mention, match: null, agencies: [] };
  const today = todayIso();
  // A context without any diacritic lost them (OCR): compare folded words then.
  const fold = foldAccents(context) === context.toLowerCase();
  const work = dutyWords(context, fold);
  const out = new Map<string, ProposedAgency>();

  const follow = (id: string, reasons: string[], depth: number): void => {
    const a = snap.agencies.get(id);
    if (!a || depth > 8) return;
    if (isActive(a, today)) {
      if (!out.has(id)) out.set(id, { id, code: a.code, name: a.name, reason: reasons.length ? reasons.join(' ') : null });
      return;
    }
    const next = snap.successions.filter((s) => s.predecessorId === id);
    if (next.length === 0) return;
    const scored = next.map((s) => {
      const duties = s.duties ? dutyWords(s.duties, fold) : new Set<string>();
      let overlap = 0;
      for (const w of duties) if (work.has(w)) overlap++;
      return { s, overlap };
    });
    const best = Math.max(...scored.map((x) => x.overlap));
    const chosen = next.length > 1 && best > 0 ? scored.filter((x) => x.overlap === best).map((x) => x.s) : next;
    for (const s of chosen) {
      const succ = snap.agencies.get(s.successorId);
      if (!succ) continue;
      const why =
        next.length > 1 && best > 0
          ? `${a.name} không còn từ ${vnDate(s.effectiveDate)}; phần việc "${s.duties}" chuyển cho ${succ.name}.`
          : `${a.name} không còn từ ${vnDate(s.effectiveDate)}; ${succ.name} kế thừa${s.duties ? ` (${s.duties})` : ''}.`;
      follow(s.successorId, [...reasons, why], depth + 1);
    }
  };

  if (hit.kind === 'agency') follow(hit.id, [], 0);
  else for (const memberId of snap.groupMembers.get(hit.id) ?? []) follow(memberId, [`Thuộc nhóm "${snap.names.get(hit.id)}".`], 0);

  return {
    mention,
    match: { id: hit.id, kind: hit.kind, name: snap.names.get(hit.id) ?? hit.matchedName, confidence: Math.round(hit.confidence * 1000) / 1000 },
    agencies: [...out.values()].sort((x, y) => compareVi(x.name, y.name)),
  };
}

/** Official names of the province's agencies and groups (current and former), for text tools that restore diacritics. */
export async function directoryNames(db: Db, actor: Actor): Promise<string[]> {
  authorize(directoryPolicy.read(actor));
  const snap = await resolverIndex(db, actor.tenantId);
  return [...new Set(snap.names.values())];
}
