import type { Actor } from '../../platform/actor.ts';

/**
 * The directory: everyone signed in reads it. Coordinators and admins change all of it;
 * an agency editor changes only its own agency (and its subtree when given
 * includeChildren), its people and its child units.
 */
const provinceWide = (a: Actor) => a.kind === 'system' || a.role === 'admin' || a.role === 'coordinator';
const inScope = (a: Actor, agencyId: string | null | undefined) => !!agencyId && a.role === 'agency_editor' && a.agencyScope.has(agencyId);

export const directoryPolicy = {
  read: (_a: Actor) => true,
  createAgency: (a: Actor, parentId: string | null | undefined) => provinceWide(a) || inScope(a, parentId),
  updateAgency: (a: Actor, agencyId: string) => provinceWide(a) || inScope(a, agencyId),
  manageSuccessions: (a: Actor) => provinceWide(a),
  manageGroups: (a: Actor) => provinceWide(a),
  writePerson: (a: Actor, agencyId: string) => provinceWide(a) || inScope(a, agencyId),
};

export function allowedAgencyActions(a: Actor, agencyId: string): string[] {
  const actions: string[] = ['read'];
  if (directoryPolicy.updateAgency(a, agencyId)) actions.push('update', 'addPerson', 'createChild');
  if (directoryPolicy.manageSuccessions(a)) actions.push('manageSuccessions');
  return actions;
}
