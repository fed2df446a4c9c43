import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { demoAgencies, demoGroups, demoPeople, type DemoAgency } from './demo-data.ts';
import { addSuccession, createAgency, createGroup, createPerson } from './directory.service.ts';
import { agencies } from './directory.tables.ts';

/** Parents before children, whatever order the data lists them in. */
function topoOrder(list: DemoAgency[]): DemoAgency[] {
  const byCode = new Map(list.map((a) => [a.code, a]));
  const out: DemoAgency[] = [];
  const seen = new Set<string>();
  const visit = (a: DemoAgency, depth: number) => {
    if (seen.has(a.code)) return;
    if (depth > 50) throw new AppError('validation_failed', `Cây cơ quan mẫu có vòng lặp tại ${a.code}.`);
    const parent = a.parentCode ? byCode.get(a.parentCode) : undefined;
    if (a.parentCode && !parent) throw new AppError('validation_failed', `Cơ quan mẫu ${a.code} trỏ tới cơ quan cha không có: ${a.parentCode}.`);
    if (parent) visit(parent, depth + 1);
    seen.add(a.code);
    out.push(a);
  };
  for (const a of list) visit(a, 0);
  return out;
}

/**
 * Loads the demo province through the directory's own services (so every row is validated
 * and audited), all in one transaction: it loads whole or not at all.
 */
export async function loadDemoDirectory(db: Db, actor: Actor): Promise<{ agencies: number; groups: number; people: number }> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const idByCode = new Map<string, string>();
    for (const a of topoOrder(demoAgencies)) {
      const created = await createAgency(t, actor, {
        code: a.code,
        name: a.name,
        shortNames: a.shortNames,
        aliases: a.aliases,
        kind: a.kind,
        parentId: a.parentCode ? idByCode.get(a.parentCode)! : null,
        validFrom: a.validFrom,
        validTo: a.validTo,
      });
      idByCode.set(a.code, created.id);
    }
    const need = (code: string, where: string) => {
      const id = idByCode.get(code);
      if (!id) throw new AppError('validation_failed', `Dữ liệu mẫu: ${where} trỏ tới mã cơ quan không có: ${code}.`);
      return id;
    };
    for (const a of demoAgencies) {
      for (const s of a.successors) {
        await addSuccession(t, actor, need(a.code, a.code), { successorId: need(s.code, a.code), duties: s.duties, effectiveDate: s.effectiveDate });
      }
    }
    for (const g of demoGroups) {
      await createGroup(t, actor, { code: g.code, name: g.name, aliases: g.aliases, memberIds: g.memberCodes.map((c) => need(c, g.code)) });
    }
    for (const p of demoPeople) {
      await createPerson(t, actor, { agencyId: need(p.agencyCode, p.fullName), fullName: p.fullName, title: p.title, phone: p.phone, email: p.email, roles: p.roles });
    }
    return { agencies: demoAgencies.length, groups: demoGroups.length, people: demoPeople.length };
  });
}

export async function hasAgencies(db: Db, tenantId: string): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(agencies).where(eq(agencies.tenantId, tenantId));
  return (row?.n ?? 0) > 0;
}
