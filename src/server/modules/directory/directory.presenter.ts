import type { TAgency, TAgencyRef, TGroup, TPerson } from './directory.schemas.ts';
import type { agencies, agencyGroups, people } from './directory.tables.ts';
import type { NetworkRole } from './directory.tables.ts';
import { todayIso } from '../../platform/dbutil.ts';

type AgencyRow = typeof agencies.$inferSelect;
type PersonRow = typeof people.$inferSelect;
type GroupRow = typeof agencyGroups.$inferSelect;

/** An agency is current when today falls inside its validity dates (validTo is the first day it no longer exists). */
export function isActive(row: { validFrom: string | null; validTo: string | null }, today = todayIso()): boolean {
  return (!row.validFrom || row.validFrom <= today) && (!row.validTo || row.validTo > today);
}

export function presentAgency(row: AgencyRow): TAgency {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    shortNames: row.shortNames,
    aliases: row.aliases,
    kind: row.kind,
    parentId: row.parentId,
    validFrom: row.validFrom,
    validTo: row.validTo,
    active: isActive(row),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentAgencyRef(row: Pick<AgencyRow, 'id' | 'code' | 'name' | 'validFrom' | 'validTo'>): TAgencyRef {
  return { id: row.id, code: row.code, name: row.name, active: isActive(row) };
}

export function presentPerson(row: PersonRow, agencyName: string): TPerson {
  return {
    id: row.id,
    agencyId: row.agencyId,
    agencyName,
    fullName: row.fullName,
    title: row.title,
    phone: row.phone,
    email: row.email,
    roles: row.roles as NetworkRole[],
    version: row.version,
  };
}

export function presentGroup(row: GroupRow, members: TAgencyRef[]): TGroup {
  return { id: row.id, code: row.code, name: row.name, aliases: row.aliases, members, version: row.version };
}
